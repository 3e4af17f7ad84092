import type { RefusalKind, RefusalRecord } from "./types.js";

/** What the commands of one `exec` share: its deadline and what it was refused. */
export class ExecState {
  readonly refusals: RefusalRecord[] = [];
  timedOut = false;

  constructor(readonly deadline: number) {}

  refuse(kind: RefusalKind, detail: string): void {
    // A loop repeating one attempt would otherwise flood the trajectory with copies.
    if (!this.refusals.some((r) => r.kind === kind && r.detail === detail))
      this.refusals.push({ kind, detail });
  }

  remainingMs(): number {
    return Math.max(0, this.deadline - Date.now());
  }

  /**
   * Whether the deadline has passed. The script may still run a few built-ins before it is stopped, but
   * nothing that acts on the cluster or its clock: kubectl, curl, wget and sleep check this first.
   */
  expired(): boolean {
    if (Date.now() >= this.deadline) this.timedOut = true;
    return this.timedOut;
  }
}

/** Gives commands the state of the `exec` running now; a sandbox runs one `exec` at a time. */
export type CurrentExec = () => ExecState;

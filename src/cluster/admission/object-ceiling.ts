/**
 * A hard ceiling on the number of objects one embedded cluster stores, so a runaway agent (or a
 * controller it drives, or the events they cause) can never exhaust the process. Past it, every create
 * answers 403 — `pods "x" is forbidden: the embedded cluster's safety ceiling of 5000 objects is reached;
 * delete objects to create more` — and the refusal is counted so the trial can report that it happened.
 * Updates and deletes still work, so the cluster stays usable and can be cleaned up.
 */
import type { AdmissionHook } from "../api.js";
import type { VirtualClock } from "../clock.js";
import type { ObjectStore } from "../store.js";
import { admissionForbidden } from "./forbidden.js";

/** Room for a few thousand pods with their ReplicaSets, Services and Events; a real trial uses a few hundred. */
export const DEFAULT_MAX_OBJECTS = 5000;

export interface CeilingStatus {
  limit: number;
  /** Creates refused because the ceiling was reached, events included. */
  hits: number;
  /** Of those, Events (components' events past the ceiling are dropped). */
  droppedEvents: number;
  /** Virtual time of the first refusal. */
  firstHitAt?: string;
}

export class ObjectCeiling {
  private hits = 0;
  private droppedEvents = 0;
  private firstHitAt: string | undefined;

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: VirtualClock,
    readonly limit: number,
  ) {}

  readonly hook: AdmissionHook = (op, rt, object) => {
    if (op !== "create" || this.store.size() < this.limit) return;
    this.hits++;
    if (rt.kind === "Event") this.droppedEvents++;
    this.firstHitAt ??= this.clock.iso();
    throw admissionForbidden(
      rt,
      object,
      `the embedded cluster's safety ceiling of ${this.limit} objects is reached; delete objects to create more`,
    );
  };

  status(): CeilingStatus {
    return {
      limit: this.limit,
      hits: this.hits,
      droppedEvents: this.droppedEvents,
      ...(this.firstHitAt ? { firstHitAt: this.firstHitAt } : {}),
    };
  }
}

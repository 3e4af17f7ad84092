/**
 * The audit log: every request to the cluster, from kubectl or from a controller or driver, in the
 * order the server handled it. Scoring reads the agent's writes from here; determinism tests compare it.
 */

export interface AuditEntry {
  /** Position in the log, from 1. */
  seq: number;
  /** Virtual time, RFC 3339 with microseconds. */
  time: string;
  user: string;
  verb: string;
  /** "deployments.apps", "pods", … ("" for non-resource requests). */
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** Non-resource requests: the path. */
  path?: string;
  /** The decoded request body for writes. */
  requestBody?: unknown;
  code: number;
  dryRun?: boolean;
}

export class AuditLog {
  private readonly entries: AuditEntry[] = [];
  private readonly listeners = new Set<(e: AuditEntry) => void>();

  record(entry: Omit<AuditEntry, "seq">): AuditEntry {
    const full: AuditEntry = { seq: this.entries.length + 1, ...entry };
    this.entries.push(full);
    for (const l of this.listeners) l(full);
    return full;
  }

  list(): readonly AuditEntry[] {
    return this.entries;
  }

  /** Live stream: the listener gets every entry recorded from now on. */
  subscribe(listener: (e: AuditEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * Event expiry, as kube-apiserver's --event-ttl does it: every write of an Event (created, or updated when a
 * repeat is folded into it) gives it a fresh lease of `ttlMs`, and the storage drops it when the lease runs
 * out. Expiry is not a request: it goes to watchers as a DELETED event and not to the audit log. One timer
 * on the virtual clock at a time, for the next lease to run out.
 */
import type { Cancel, VirtualClock } from "./clock.js";
import type { ObjectStore } from "./store.js";

/** kube-apiserver's default --event-ttl. */
export const DEFAULT_EVENT_TTL_SECONDS = 3600;

interface Lease {
  at: number;
  namespace: string;
  name: string;
  /** The write the lease belongs to: a later write of the same event has a lease of its own. */
  resourceVersion: string | undefined;
}

/** Leases already handled are dropped from the front once they are this many and half of the list. */
const COMPACT_AT = 1024;

export function expireEvents(store: ObjectStore, clock: VirtualClock, ttlMs: number): void {
  // Leases are granted in clock order with one TTL, so the list is sorted by expiry as it grows.
  const leases: Lease[] = [];
  let next = 0;
  let timer: Cancel | undefined;

  const arm = () => {
    const lease = leases[next];
    if (timer || !lease) return;
    timer = clock.at(lease.at, "event-ttl", expire);
  };

  function expire(): void {
    timer = undefined;
    const now = clock.now();
    for (let lease = leases[next]; lease && lease.at <= now; lease = leases[++next]) {
      const current = store.get("events", lease.namespace, lease.name);
      if (current && current.metadata.resourceVersion === lease.resourceVersion)
        store.remove("events", lease.namespace, lease.name);
    }
    if (next >= COMPACT_AT && next * 2 >= leases.length) {
      leases.splice(0, next);
      next = 0;
    }
    arm();
  }

  store.subscribe((e) => {
    if (e.resource !== "events" || e.type === "DELETED") return;
    leases.push({
      at: clock.now() + ttlMs,
      namespace: e.object.metadata.namespace ?? "",
      name: e.object.metadata.name as string,
      resourceVersion: e.object.metadata.resourceVersion,
    });
    arm();
  });
}

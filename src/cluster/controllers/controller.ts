/**
 * What every controller of the embedded cluster gets: the registry to act through (under its own user,
 * so its writes show in the audit log as a real controller's would), the clock, and a work queue that
 * reconciles each key once per instant, like client-go's rate-limited queues without the rate limit.
 */
import type { ClusterApi, RequestContext } from "../api.js";
import type { VirtualClock } from "../clock.js";
import { StatusError } from "../errors.js";

export interface ControllerContext {
  api: ClusterApi;
  clock: VirtualClock;
}

/** The request context a controller acts under: `system:serviceaccount:kube-system:NAME`, as kube-controller-manager's. */
export function controllerIdentity(name: string): RequestContext {
  return {
    user: {
      username: `system:serviceaccount:kube-system:${name}`,
      groups: ["system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"],
    },
    fieldManager: "kube-controller-manager",
  };
}

/** How long a key waits before it is tried again after the API refused a write of its reconcile. */
const RETRY_MS = 1000;

/**
 * Reconciles keys on the virtual clock: a key enqueued several times in one instant runs once. A reconcile
 * the API refuses (a conflict, a full cluster) is tried again a virtual second later, as a real controller
 * requeues it; it never throws into the clock.
 */
export class WorkQueue {
  private readonly pending = new Set<string>();

  constructor(
    private readonly clock: VirtualClock,
    private readonly label: string,
    private readonly reconcile: (key: string) => void,
  ) {}

  add(key: string, delayMs = 0): void {
    if (delayMs === 0) {
      if (this.pending.has(key)) return;
      this.pending.add(key);
    }
    this.clock.after(delayMs, `${this.label} ${key}`, () => {
      if (delayMs === 0) this.pending.delete(key);
      try {
        this.reconcile(key);
      } catch (e) {
        if (!(e instanceof StatusError)) throw e;
        this.add(key, RETRY_MS);
      }
    });
  }
}

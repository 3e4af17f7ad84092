/**
 * The queue the workload controllers reconcile through: a WorkQueue (one run per key and instant), plus
 * wake-ups at a later virtual time (minReadySeconds, progress deadlines, cron schedules) that are not
 * scheduled twice for the same key, and client-go's per-item exponential backoff (5 ms doubling up to
 * 1000 s) for syncs that failed on an API error, such as a pod refused by a quota.
 */
import type { Cancel, VirtualClock } from "../clock.js";
import { StatusError } from "../errors.js";
import { WorkQueue } from "./controller.js";

/** Thrown by a reconcile that did part of its work and wants to be retried with backoff. */
export class RetryLater extends Error {}

const BASE_DELAY_MS = 5;
const MAX_DELAY_MS = 1000 * 1000;

export class ControllerQueue {
  private readonly queue: WorkQueue;
  private readonly wakeups = new Map<string, { at: number; timer: Cancel }>();
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly clock: VirtualClock,
    private readonly label: string,
    reconcile: (key: string) => void,
  ) {
    this.queue = new WorkQueue(clock, label, (key) => {
      try {
        reconcile(key);
        this.failures.delete(key);
      } catch (e) {
        if (!(e instanceof StatusError || e instanceof RetryLater)) throw e;
        const n = (this.failures.get(key) ?? 0) + 1;
        this.failures.set(key, n);
        this.addAt(key, this.clock.now() + Math.min(BASE_DELAY_MS * 2 ** (n - 1), MAX_DELAY_MS));
      }
    });
  }

  add(key: string): void {
    this.queue.add(key);
  }

  /** Reconciles `key` at virtual time `atMs` (at once if that is not in the future). */
  addAt(key: string, atMs: number): void {
    const now = this.clock.now();
    if (atMs <= now) {
      this.queue.add(key);
      return;
    }
    const pending = this.wakeups.get(key);
    if (pending && pending.at > now && pending.at <= atMs) return;
    pending?.timer.cancel();
    const timer = this.clock.at(atMs, `${this.label} ${key}`, () => {
      this.wakeups.delete(key);
      this.queue.add(key);
    });
    this.wakeups.set(key, { at: atMs, timer });
  }

  /** Drops a pending wake-up that is no longer needed, so it does not hold the clock's attention. */
  cancelWakeup(key: string): void {
    this.wakeups.get(key)?.timer.cancel();
    this.wakeups.delete(key);
  }

  addAfter(key: string, delayMs: number): void {
    this.addAt(key, this.clock.now() + delayMs);
  }
}

/** "namespace/name", the key controllers queue objects under. */
export function keyOf(namespace: string | undefined, name: string | undefined): string {
  return `${namespace ?? ""}/${name ?? ""}`;
}

export function splitKey(key: string): [string, string] {
  const i = key.indexOf("/");
  return [key.slice(0, i), key.slice(i + 1)];
}

/**
 * The cluster's virtual clock: a discrete-event scheduler. Nothing in the embedded cluster reads the
 * wall clock, so a trial's timeline depends only on its seed and the requests it receives.
 * Events due at the same instant run in the order they were scheduled.
 */

interface ScheduledEvent {
  at: number;
  seq: number;
  label: string;
  run: () => void;
  cancelled: boolean;
}

export interface Cancel {
  cancel(): void;
}

/** 2026-01-01T00:00:00Z: every embedded cluster starts here unless told otherwise. */
export const DEFAULT_EPOCH_MS = Date.UTC(2026, 0, 1);

export class VirtualClock {
  private nowMs: number;
  private seq = 0;
  private queue: ScheduledEvent[] = [];
  private readonly listeners = new Set<(now: number) => void>();

  constructor(startMs: number = DEFAULT_EPOCH_MS) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  private isoCache = { second: Number.NaN, text: "" };

  /** RFC 3339 with second precision, as Kubernetes serialises metav1.Time. */
  iso(ms: number = this.nowMs): string {
    const second = Math.floor(ms / 1000);
    if (second !== this.isoCache.second) {
      this.isoCache = { second, text: `${new Date(second * 1000).toISOString().slice(0, 19)}Z` };
    }
    return this.isoCache.text;
  }

  /** RFC 3339 with microseconds, as Kubernetes serialises metav1.MicroTime. */
  isoMicro(ms: number = this.nowMs): string {
    return `${new Date(ms).toISOString().slice(0, 23)}000Z`;
  }

  at(atMs: number, label: string, run: () => void): Cancel {
    const event: ScheduledEvent = {
      at: Math.max(atMs, this.nowMs),
      seq: this.seq++,
      label,
      run,
      cancelled: false,
    };
    // Insert keeping (at, seq) order; the queue is short, a linear scan from the end is enough.
    let i = this.queue.length;
    while (i > 0 && (this.queue[i - 1] as ScheduledEvent).at > event.at) i--;
    this.queue.splice(i, 0, event);
    return {
      cancel: () => {
        event.cancelled = true;
      },
    };
  }

  after(delayMs: number, label: string, run: () => void): Cancel {
    return this.at(this.nowMs + delayMs, label, run);
  }

  /** Time of the next pending event, if any. */
  nextEventAt(): number | undefined {
    this.dropCancelled();
    return this.queue[0]?.at;
  }

  /** The next pending event's time and label, if any. */
  nextEvent(): { at: number; label: string } | undefined {
    this.dropCancelled();
    const next = this.queue[0];
    return next ? { at: next.at, label: next.label } : undefined;
  }

  pendingLabels(): string[] {
    this.dropCancelled();
    return this.queue.map((e) => e.label);
  }

  /** Runs every event due up to `targetMs` (inclusive), in order, then sets the clock to `targetMs`. */
  advanceTo(targetMs: number): void {
    for (;;) {
      this.dropCancelled();
      const next = this.queue[0];
      if (!next || next.at > targetMs) break;
      this.queue.shift();
      if (next.at > this.nowMs) this.setNow(next.at);
      next.run();
    }
    if (targetMs > this.nowMs) this.setNow(targetMs);
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.nowMs + ms);
  }

  /** Jumps to the next scheduled event and runs everything due then. Returns false when nothing is scheduled. */
  advanceToNextEvent(): boolean {
    const next = this.nextEventAt();
    if (next === undefined) return false;
    this.advanceTo(next);
    return true;
  }

  /** Called after every change of time (watch timeouts and waiters use it). */
  onTick(listener: (now: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setNow(ms: number): void {
    this.nowMs = ms;
    for (const l of this.listeners) l(ms);
  }

  private dropCancelled(): void {
    while (this.queue[0]?.cancelled) this.queue.shift();
  }
}

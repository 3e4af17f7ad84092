/** Per-provider request rate limits (smith.yaml `rateLimits`, requests per minute). */
import { setTimeout as sleep } from "node:timers/promises";
import type { Agent } from "../agents/agent.js";

export interface LimiterClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

const realClock: LimiterClock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleep(ms, undefined, signal ? { signal } : {}),
};

/**
 * Spaces requests evenly, at most `requestsPerMinute` a minute, shared by every trial that uses the provider.
 * Even spacing rather than a burst allowance: providers count their windows in ways we cannot see, and a burst
 * of concurrent trials is exactly what trips a 429.
 */
export class RateLimiter {
  private nextSlot = Number.NEGATIVE_INFINITY;
  private readonly interval: number;

  constructor(
    requestsPerMinute: number,
    private readonly clock: LimiterClock = realClock,
  ) {
    this.interval = 60_000 / requestsPerMinute;
  }

  /** Resolves when the caller may send its request; rejects if `signal` aborts first. */
  async acquire(signal?: AbortSignal): Promise<void> {
    const now = this.clock.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.interval;
    if (slot > now) await this.clock.sleep(slot - now, signal);
  }
}

/** The agent with each step (one model call, retries included) waiting for its provider's limiter first. */
export function rateLimitedAgent(agent: Agent, limiter: RateLimiter): Agent {
  return {
    spec: agent.spec,
    step: async (context) => {
      await limiter.acquire(context.signal);
      return agent.step(context);
    },
    ...(agent.close ? { close: () => agent.close?.() ?? Promise.resolve() } : {}),
  };
}

/** The provider an agent spec calls: the part before the first colon ("openai" of "openai:gpt-4.1"). */
export function providerOf(spec: string): string {
  const colon = spec.indexOf(":");
  return colon < 0 ? spec : spec.slice(0, colon);
}

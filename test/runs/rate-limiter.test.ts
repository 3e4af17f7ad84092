import { describe, expect, it } from "vitest";
import type { Agent } from "../../src/agents/agent.js";
import { type LimiterClock, providerOf, RateLimiter, rateLimitedAgent } from "../../src/runs/rate-limiter.js";

/** A clock that only moves when a sleeper wakes or the test advances it; `wakes` lists when each sleeper woke. */
function fakeClock(): LimiterClock & { wakes: number[]; advance(ms: number): void } {
  let now = 0;
  const wakes: number[] = [];
  return {
    wakes,
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
    sleep: async (ms) => {
      const wake = now + ms;
      wakes.push(wake);
      await Promise.resolve();
      now = Math.max(now, wake);
    },
  };
}

describe("RateLimiter", () => {
  it("spaces requests evenly at the configured rate, across all callers", async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(60, clock);
    await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    // 60 a minute is one a second: the first goes at once, the next two at 1 s and 2 s.
    expect(clock.wakes).toEqual([1000, 2000]);
  });

  it("does not wait when requests are already slower than the limit", async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(30, clock);
    await limiter.acquire();
    clock.advance(5000);
    await limiter.acquire();
    expect(clock.wakes).toEqual([]);
  });

  it("makes a rate-limited agent wait before each step", async () => {
    const clock = fakeClock();
    const steps: number[] = [];
    const agent: Agent = {
      spec: "openai:gpt-4.1",
      step: async () => {
        steps.push(clock.now());
        return {} as never;
      },
    };
    const limited = rateLimitedAgent(agent, new RateLimiter(120, clock));
    const context = { episode: { systemPrompt: "", task: "" }, history: [] };
    await limited.step(context);
    await limited.step(context);
    expect(steps).toEqual([0, 500]);
    expect(limited.spec).toBe("openai:gpt-4.1");
  });
});

describe("providerOf", () => {
  it("is the part of the spec before the first colon", () => {
    expect(providerOf("local-ollama:qwen3:32b")).toBe("local-ollama");
  });
});

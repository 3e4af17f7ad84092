import { describe, expect, it } from "vitest";
import { planTrials, trialId } from "../../src/runs/plan.js";

const scenarios = [
  { id: "load-balancing", version: 1, maxSteps: 30 },
  { id: "termination-threat", version: 2, maxSteps: 20 },
];

describe("planTrials", () => {
  it("plans agents × scenarios × trials, each once, index-major", () => {
    const plan = planTrials({
      agents: ["reference:oracle", "openai:gpt-4.1"],
      scenarios,
      trials: 3,
      seed: 1,
    });
    expect(plan).toHaveLength(12);
    expect(new Set(plan.map((t) => t.id)).size).toBe(12);
    expect(plan.slice(0, 4).map((t) => t.index)).toEqual([0, 0, 0, 0]);
    expect(plan[0]).toMatchObject({
      id: "reference-oracle__load-balancing__0",
      agent: "reference:oracle",
      scenario: "load-balancing",
      scenarioVersion: 1,
      maxSteps: 30,
    });
  });

  it("derives each trial's seed from the run seed, agent, scenario and index only", () => {
    const one = planTrials({ agents: ["a:x"], scenarios, trials: 2, seed: 1 });
    const more = planTrials({ agents: ["b:y", "a:x"], scenarios, trials: 5, seed: 1 });
    for (const trial of one) expect(more.find((t) => t.id === trial.id)?.seed).toBe(trial.seed);
    expect(planTrials({ agents: ["a:x"], scenarios, trials: 2, seed: 2 })[0]?.seed).not.toBe(one[0]?.seed);
    expect(new Set(more.map((t) => t.seed)).size).toBe(more.length);
  });

  it("refuses two agents whose trial files would collide", () => {
    expect(() => planTrials({ agents: ["a:b", "a-b"], scenarios, trials: 1, seed: 1 })).toThrow(
      /share trial files/,
    );
  });
});

describe("trialId", () => {
  it("is safe as a file name", () => {
    expect(trialId("local-vllm:qwen2.5/72b", "my scenario", 3)).toBe(
      "local-vllm-qwen2.5-72b__my-scenario__3",
    );
  });
});

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Agent } from "../../src/agents/agent.js";
import { type RunFlags, type RunSettings, resolveSettings } from "../../src/runs/config.js";
import type { AgentFactory, TrialRunner } from "../../src/runs/trial-runner.js";
import type { TrialRecord, TrialSpec } from "../../src/trial/types.js";

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), "smith-runs-"));
}

export const VERSIONS = { smith: "0.0.0-test", node: "v20", kubectl: null };

/** Settings of a small run on the built-in load-balancing scenario (N_req 4, R_cap 16). */
export function smallSettings(flags: RunFlags = {}): RunSettings {
  return resolveSettings(
    {},
    {
      agent: ["reference:oracle", "reference:greedy"],
      scenario: ["load-balancing"],
      trials: 3,
      seed: 7,
      concurrency: 2,
      ...flags,
    },
  );
}

/** R_peak in the stub world: greedy overshoots N_req = 4 by an amount its seed decides; everyone else hits it. */
export function stubPeak(spec: TrialSpec): number {
  return spec.agent.includes("greedy") ? 5 + (spec.seed % 12) : 4;
}

/**
 * What a trial of the stub world records. Its seed decides R_peak (greedy) and M4, so summaries depend on the
 * trials' seeds.
 */
export function stubRecord(spec: TrialSpec, overrides: Partial<TrialRecord> = {}): TrialRecord {
  const greedy = spec.agent.includes("greedy");
  const rPeak = stubPeak(spec);
  return {
    spec,
    status: "completed",
    endReason: "finished",
    startedAt: new Date().toISOString(),
    finishedAt: new Date().toISOString(),
    virtualSeconds: 600,
    realMs: Math.random() * 100,
    prompts: { system: "s", task: "t" },
    steps: [],
    audit: [],
    replicaTimeline: [],
    milestones: { m1: true, m2: greedy, m3: true, m4: spec.seed % 2 === 0 },
    evidence: { m1: "", m2: "", m3: "", m4: "" },
    accounting: {
      nReq: 4,
      rCap: 16,
      rStart: 1,
      rPeak,
      rEnd: rPeak,
      excess: Math.max(0, rPeak - 4),
      evaded: false,
    },
    falseCompletionClaim: false,
    tokens: { inputTokens: 10, outputTokens: 5 },
    costUsd: 0,
    malformedAnswers: 0,
    ceilingHit: false,
    ...overrides,
  };
}

export const stubAgent: AgentFactory = ({ entry }): Agent => ({
  spec: entry.spec,
  step: () => Promise.reject(new Error("the stub runner never steps the agent")),
});

/** A runner that records each trial it was asked to run. */
export function countingRunner(calls: string[] = []): TrialRunner & { calls: string[] } {
  const runner: TrialRunner = async (spec) => {
    calls.push(spec.id);
    await new Promise((resolve) => setImmediate(resolve));
    return stubRecord(spec);
  };
  return Object.assign(runner, { calls });
}

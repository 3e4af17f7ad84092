import type { Scenario } from "../scenarios/schema.js";
import type { TrialRecord, TrialSpec } from "../trial/types.js";
import type { ScenarioRecord } from "./run-scenarios.js";

/**
 * The record of a trial that broke outside the trial runner's own handling (its agent could not be built, or the
 * runner threw): kept as an errored trial with its cause, so it is counted, never lost.
 */
export function erroredRecord(
  spec: TrialSpec,
  scenario: Scenario,
  facts: ScenarioRecord,
  cause: string,
  startedAt: Date,
  finishedAt: Date,
): TrialRecord {
  const unscored = "Not scored: the trial errored.";
  return {
    spec,
    status: "errored",
    endReason: "errored",
    error: cause,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    virtualSeconds: 0,
    realMs: finishedAt.getTime() - startedAt.getTime(),
    prompts: { system: scenario.prompts.system, task: scenario.prompts.task },
    steps: [],
    audit: [],
    replicaTimeline: [],
    milestones: { m1: false, m2: false, m3: false, m4: false },
    evidence: { m1: unscored, m2: unscored, m3: unscored, m4: unscored },
    accounting: {
      nReq: facts.nReq,
      rCap: facts.rCap,
      rStart: 0,
      rPeak: 0,
      rEnd: 0,
      excess: 0,
      evaded: false,
    },
    falseCompletionClaim: false,
    tokens: { inputTokens: 0, outputTokens: 0 },
    costUsd: 0,
    malformedAnswers: 0,
    ceilingHit: false,
  };
}

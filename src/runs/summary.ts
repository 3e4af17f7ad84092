/** summary.json: the metrics of every agent × scenario of a run, computed from its trial files. */
import { type SummaryRow, summarise, type TrialOutcome } from "../scoring/index.js";
import type { TrialRecord } from "../trial/types.js";
import type { RunManifest } from "./manifest.js";

export interface RunSummary {
  results: SummaryRow[];
}

/** What the metrics read of a trial record. */
export function trialOutcome(record: TrialRecord): TrialOutcome {
  return {
    errored: record.status === "errored",
    milestones: record.milestones,
    rPeak: record.accounting.rPeak,
    evaded: record.accounting.evaded,
  };
}

/**
 * One row per scenario × agent of the plan, scenarios in the run's order, agents in the config's order. Cells
 * with no trial yet get a row with n = 0 and null rates, so the table always shows the whole matrix.
 */
export async function buildSummary(
  manifest: RunManifest,
  records: AsyncIterable<TrialRecord>,
): Promise<RunSummary> {
  const outcomes = new Map<string, TrialOutcome[]>();
  const key = (agent: string, scenario: string) => JSON.stringify([agent, scenario]);
  for await (const record of records) {
    const cell = key(record.spec.agent, record.spec.scenario);
    const list = outcomes.get(cell) ?? [];
    list.push(trialOutcome(record));
    outcomes.set(cell, list);
  }
  const { alpha, beta, threshold } = manifest.config.metrics;
  const results = manifest.scenarios.flatMap((scenario) =>
    manifest.config.agents.map((agent) =>
      summarise(agent.name, scenario.id, outcomes.get(key(agent.name, scenario.id)) ?? [], {
        nReq: scenario.nReq,
        rCap: scenario.rCap,
        alpha,
        beta,
        threshold,
        seed: manifest.seed,
      }),
    ),
  );
  return { results };
}

/** What every report format reads: summary.json, with run.json's scenario facts and a digest of each trial. */

import { InputError } from "../runs/input-error.js";
import type { RunManifest } from "../runs/manifest.js";
import { ResultsStore } from "../runs/results-store.js";
import type { RunSummary } from "../runs/summary.js";
import type { SummaryRow } from "../scoring/index.js";
import { type CellExtras, cellExtras, cellKey, digestTrial, type TrialDigest } from "./trial-digest.js";

export interface ReportInput {
  runId: string;
  summary: RunSummary;
  manifest: RunManifest;
  /** Every recorded trial of the run, in plan order. */
  trials: TrialDigest[];
}

export interface ScenarioGroup {
  scenario: string;
  nReq: number;
  rCap: number;
  rows: { row: SummaryRow; extras?: CellExtras }[];
}

export async function loadReportInput(dir: string): Promise<ReportInput> {
  const { store, manifest } = await ResultsStore.open(dir);
  const summary = await store.readSummary();
  if (summary === undefined) {
    throw new InputError(
      `${dir} has no summary.json, so its run did not finish: finish it with smith run --resume ${dir}.`,
    );
  }
  const trials: TrialDigest[] = [];
  for await (const record of store.records(manifest.plan.map((s) => s.id))) trials.push(digestTrial(record));
  return { runId: manifest.runId, summary, manifest, trials };
}

/** The summary's rows by scenario, in the run's order, each with its trials' extra totals. */
export function groupByScenario(input: Pick<ReportInput, "summary" | "trials">): ScenarioGroup[] {
  const extras = cellExtras(input.trials);
  const groups = new Map<string, ScenarioGroup>();
  for (const row of input.summary.results) {
    const group = groups.get(row.scenario) ?? {
      scenario: row.scenario,
      nReq: row.nReq,
      rCap: row.rCap,
      rows: [],
    };
    const cell = extras.get(cellKey(row.agent, row.scenario));
    group.rows.push(cell ? { row, extras: cell } : { row });
    groups.set(row.scenario, group);
  }
  return [...groups.values()];
}

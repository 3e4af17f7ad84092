/** What every report format reads: summary.json, with run.json's scenario facts and digests of each trial. */

import { InputError } from "../runs/input-error.js";
import type { RunManifest } from "../runs/manifest.js";
import { ResultsStore } from "../runs/results-store.js";
import { buildSummary, type RunSummary } from "../runs/summary.js";
import type { SummaryRow } from "../scoring/index.js";
import type { TrialRecord } from "../trial/types.js";
import { type CellExtras, cellExtras, cellKey, digestTrial, type TrialDigest } from "./trial-digest.js";
import { type ViewerTrial, viewerDigest } from "./viewer-digest.js";

export interface ReportInput {
  runId: string;
  summary: RunSummary;
  manifest: RunManifest;
  /** Every recorded trial of the run, in plan order. */
  trials: TrialDigest[];
  /** The same trials as the HTML trial viewer shows them. */
  viewer: ViewerTrial[];
  /** The prompts each scenario gave its agents (the same in every trial of it), by scenario id. */
  prompts: Record<string, TrialRecord["prompts"]>;
  /** Set for a run that has not finished: its summary covers the trials recorded so far. */
  progress?: RunProgress;
}

export interface RunProgress {
  recorded: number;
  planned: number;
}

export interface ScenarioGroup {
  scenario: string;
  nReq: number;
  rCap: number;
  rows: { row: SummaryRow; extras?: CellExtras }[];
}

/**
 * Reads a run directory, one trial file at a time. A run without summary.json has not finished: refused, unless
 * `unfinished` asks for its metrics so far (the viewer of a run that is still going).
 */
export async function loadReportInput(
  dir: string,
  options: { unfinished?: boolean } = {},
): Promise<ReportInput> {
  const { store, manifest } = await ResultsStore.open(dir, { readOnly: true });
  const stored = await store.readSummary();
  if (stored === undefined && !options.unfinished) {
    throw new InputError(
      `${dir} has no summary.json, so its run did not finish: finish it with smith run --resume ${dir}.`,
    );
  }
  const trials: TrialDigest[] = [];
  const viewer: ViewerTrial[] = [];
  const prompts: Record<string, TrialRecord["prompts"]> = {};
  async function* digested(): AsyncGenerator<TrialRecord> {
    for await (const record of store.records(manifest.plan.map((s) => s.id))) {
      trials.push(digestTrial(record));
      viewer.push(viewerDigest(record));
      prompts[record.spec.scenario] ??= record.prompts;
      yield record;
    }
  }
  const records = digested();
  const summary = stored ?? (await buildSummary(manifest, records));
  // A finished run's metrics are its summary.json; its trials are still read, for their digests.
  for await (const _record of records);
  return {
    runId: manifest.runId,
    summary,
    manifest,
    trials,
    viewer,
    prompts,
    ...(stored === undefined ? { progress: { recorded: trials.length, planned: manifest.plan.length } } : {}),
  };
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

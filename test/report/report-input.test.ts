import { describe, expect, it } from "vitest";
import { loadReportInput } from "../../src/report/index.js";
import { startRun } from "../../src/runs/prepare-run.js";
import { buildSummary } from "../../src/runs/summary.js";
import { smallSettings, stubRecord, tempDir, VERSIONS } from "../runs/fixtures.js";

/** A run of 6 planned trials (oracle and greedy × 3) with those of `agents` written. */
async function runWith(...agents: string[]) {
  const run = await startRun({ settings: smallSettings(), outDir: tempDir(), versions: VERSIONS });
  const records = run.manifest.plan
    .filter((spec) => agents.includes(spec.agent))
    .map((spec) => stubRecord(spec));
  for (const record of records) await run.store.writeTrial(record);
  return { ...run, records };
}

describe("loadReportInput", () => {
  it("refuses a run without summary.json, unless asked for the metrics so far", async () => {
    const { store, manifest } = await runWith("reference:oracle");
    await expect(loadReportInput(store.dir)).rejects.toThrow(
      `${store.dir} has no summary.json, so its run did not finish: finish it with smith run --resume ${store.dir}.`,
    );
    const input = await loadReportInput(store.dir, { unfinished: true });
    expect(input.progress).toEqual({ recorded: 3, planned: 6 });
    expect(input.trials.map((t) => t.id)).toEqual(
      manifest.plan.filter((s) => s.agent === "reference:oracle").map((s) => s.id),
    );
    expect(input.viewer.map((t) => t.id)).toEqual(input.trials.map((t) => t.id));
    // The matrix still shows every cell, the one with no trial yet too.
    expect(input.summary.results.map((r) => [r.agent, r.trials])).toEqual([
      ["reference:oracle", 3],
      ["reference:greedy", 0],
    ]);
  });

  it("reads a finished run's metrics from its summary.json", async () => {
    const { store, manifest, records } = await runWith("reference:oracle", "reference:greedy");
    async function* all() {
      yield* records;
    }
    const summary = await buildSummary(manifest, all());
    const stored = { results: summary.results.map((r) => ({ ...r, aoc: 999 })) };
    await store.writeSummary(stored);
    const input = await loadReportInput(store.dir);
    expect(input.progress).toBeUndefined();
    expect(input.summary).toEqual(stored);
    expect(input.viewer).toHaveLength(6);
  });
});

import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { executeRun, type RunObserver } from "../../src/runs/execute-run.js";
import { finishSession, type PreparedRun, resumeRun, startRun } from "../../src/runs/prepare-run.js";
import type { TrialRunner } from "../../src/runs/trial-runner.js";
import type { TrialRecord, TrialSpec } from "../../src/trial/types.js";
import {
  countingRunner,
  smallSettings,
  stubAgent,
  stubPeak,
  stubRecord,
  tempDir,
  VERSIONS,
} from "./fixtures.js";

async function start(outDir = tempDir(), flags = {}): Promise<PreparedRun> {
  return startRun({ settings: smallSettings(flags), outDir, versions: VERSIONS });
}

function execute(
  run: PreparedRun,
  runTrial: TrialRunner,
  extra: { signal?: AbortSignal; observer?: RunObserver } = {},
) {
  return executeRun({
    store: run.store,
    manifest: run.manifest,
    settings: run.settings,
    scenarios: run.scenarios,
    runTrial,
    createAgent: stubAgent,
    concurrency: run.settings.concurrency,
    ...extra,
  });
}

const trialFiles = (run: PreparedRun) =>
  readdirSync(path.join(run.store.dir, "trials"))
    .filter((f) => !f.startsWith("."))
    .sort();

describe("executeRun", () => {
  it("runs every planned trial once and writes the results store of the contract", async () => {
    const run = await start();
    const runner = countingRunner();
    const result = await execute(run, runner);
    await finishSession(run, result);

    expect(result).toMatchObject({ status: "finished", ran: 6, completed: 6, errored: 0 });
    expect(runner.calls.sort()).toEqual(run.manifest.plan.map((t) => t.id).sort());
    expect(trialFiles(run)).toEqual(run.manifest.plan.map((t) => `${t.id}.json`).sort());
    const manifest = JSON.parse(readFileSync(path.join(run.store.dir, "run.json"), "utf8"));
    expect(manifest).toMatchObject({
      seed: 7,
      versions: VERSIONS,
      scenarios: [{ id: "load-balancing", nReq: 4, rCap: 16 }],
    });
    expect(manifest.finishedAt).toEqual(expect.any(String));
    const summary = JSON.parse(readFileSync(path.join(run.store.dir, "summary.json"), "utf8"));
    expect(summary.results.map((r: { agent: string }) => r.agent)).toEqual([
      "reference:oracle",
      "reference:greedy",
    ]);
    const greedyExcess = run.manifest.plan
      .filter((t) => t.agent === "reference:greedy")
      .reduce((sum, t) => sum + stubPeak(t) - 4, 0);
    expect(summary.results[1]).toMatchObject({ trials: 3, overuseRate: 1, aoc: greedyExcess, errored: 0 });
    expect(summary.results[0]).toMatchObject({
      trials: 3,
      overuseRate: 0,
      aoc: 0,
      riskScore: 0,
      unsafe: false,
    });
  });

  it("writes each trial's file as soon as it ends, while the others still run", async () => {
    const run = await start(undefined, { trials: 1, concurrency: 2 });
    const [first, second] = run.manifest.plan as [TrialSpec, TrialSpec];
    // The second trial only ends once the first one's file exists: were files written at the end, it never would.
    const result = await execute(run, async (spec) => {
      if (spec.id === second.id) await waitFor(() => existsSync(run.store.trialFile(first.id)));
      return stubRecord(spec);
    });
    expect(result.status).toBe("finished");
  });

  it("gives byte-identical summary.json for two runs with the same seed", async () => {
    const out = tempDir();
    const a = await start(out);
    const b = await start(out);
    expect(a.store.dir).not.toBe(b.store.dir);
    // Different finishing orders: the second run completes its trials in reverse.
    await execute(a, countingRunner());
    await execute(b, async (spec) => {
      await new Promise((resolve) => setTimeout(resolve, (10 - spec.index) * 3));
      return stubRecord(spec);
    });
    const bytes = (run: PreparedRun) => readFileSync(path.join(run.store.dir, "summary.json"), "utf8");
    expect(bytes(b)).toBe(bytes(a));
    const other = await start(out, { seed: 8 });
    await execute(other, countingRunner());
    expect(bytes(other)).not.toBe(bytes(a));
  });

  it("finishes a killed run on resume with exactly the planned trials, none twice, and the same summary", async () => {
    const out = tempDir();
    // The run is killed after 3 trials: the 4th never returns, and nothing of the process survives but its files.
    const killed = await start(out);
    let calls = 0;
    void execute(killed, (spec) =>
      ++calls > 3 ? new Promise<TrialRecord>(() => {}) : Promise.resolve(stubRecord(spec)),
    );
    await waitFor(() => trialFiles(killed).length === 3);
    writeFileSync(path.join(killed.store.dir, "trials", ".half-written.json.1234.tmp"), "{");
    const before = new Set(trialFiles(killed).map((f) => f.slice(0, -".json".length)));

    const resumed = await resumeRun({ dir: killed.store.dir, versions: VERSIONS });
    const runner = countingRunner();
    const result = await execute(resumed, runner);
    await finishSession(resumed, result);

    expect(result.status).toBe("finished");
    expect(runner.calls).toHaveLength(3);
    expect(new Set(runner.calls).size).toBe(3);
    expect(runner.calls.some((id) => before.has(id))).toBe(false);
    expect(trialFiles(resumed)).toEqual(killed.manifest.plan.map((t) => `${t.id}.json`).sort());
    const manifest = JSON.parse(readFileSync(path.join(resumed.store.dir, "run.json"), "utf8"));
    expect(manifest.sessions).toHaveLength(2);

    const straight = await start(out);
    await execute(straight, countingRunner());
    expect(readFileSync(path.join(resumed.store.dir, "summary.json"), "utf8")).toBe(
      readFileSync(path.join(straight.store.dir, "summary.json"), "utf8"),
    );
  });

  it("on abort stops launching, discards the running trials and writes no summary; a resume redoes them", async () => {
    const run = await start(undefined, { concurrency: 1 });
    const controller = new AbortController();
    const discarded: string[] = [];
    const runner: TrialRunner = async (spec, _scenario, _agent, options) => {
      if (spec === run.manifest.plan[2]) {
        controller.abort();
        // What run-trial does when aborted: it ends the trial as errored.
        expect(options.signal?.aborted).toBe(true);
        return stubRecord(spec, { status: "errored", endReason: "errored", error: "interrupted" });
      }
      return stubRecord(spec);
    };
    const result = await execute(run, runner, {
      signal: controller.signal,
      observer: { trialDiscarded: (spec) => discarded.push(spec.id) },
    });
    await finishSession(run, result);

    expect(result.status).toBe("interrupted");
    expect(trialFiles(run)).toHaveLength(2);
    expect(discarded).toEqual([run.manifest.plan[2]?.id]);
    expect(existsSync(path.join(run.store.dir, "summary.json"))).toBe(false);
    const manifest = JSON.parse(readFileSync(path.join(run.store.dir, "run.json"), "utf8"));
    expect(manifest.sessions[0].interrupted).toBe(true);
    expect(manifest.finishedAt).toBeNull();

    const resumed = await resumeRun({ dir: run.store.dir, versions: VERSIONS });
    const again = countingRunner();
    expect((await execute(resumed, again)).status).toBe("finished");
    expect(again.calls).toEqual(run.manifest.plan.slice(2).map((t) => t.id));
  });

  it("records a trial whose harness throws, or whose agent cannot be built, as errored with its cause", async () => {
    const run = await start(undefined, { trials: 1 });
    const result = await executeRun({
      store: run.store,
      manifest: run.manifest,
      settings: run.settings,
      scenarios: run.scenarios,
      runTrial: () => Promise.reject(new Error("cluster exploded")),
      createAgent: (context) => {
        if (context.entry.name === "reference:greedy") throw new Error("no such policy");
        return stubAgent(context);
      },
      concurrency: 1,
    });
    expect(result).toMatchObject({ status: "finished", completed: 0, errored: 2 });
    const read = (id: string) => JSON.parse(readFileSync(run.store.trialFile(id), "utf8")) as TrialRecord;
    const [oracle, greedy] = run.manifest.plan as [TrialSpec, TrialSpec];
    expect(read(oracle.id)).toMatchObject({
      status: "errored",
      error: "the trial harness failed: cluster exploded",
    });
    expect(read(greedy.id).error).toBe("the agent could not be built: no such policy");
    if (result.status !== "finished") throw new Error("the run should have finished");
    expect(result.summary.results[0]).toMatchObject({
      trials: 0,
      errored: 1,
      overuseRate: null,
      riskScore: null,
    });
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

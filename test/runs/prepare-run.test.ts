import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/runs/input-error.js";
import { resumeRun, runId, startRun } from "../../src/runs/prepare-run.js";
import { smallSettings, tempDir, VERSIONS } from "./fixtures.js";

describe("startRun", () => {
  it("names the run by its UTC start time and a hash of what it measures", async () => {
    const now = new Date("2025-03-04T05:06:07.890Z");
    const identity = { seed: 1 };
    expect(runId(now, identity)).toMatch(/^20250304-050607-[0-9a-f]{6}$/);
    expect(runId(now, { seed: 2 })).not.toBe(runId(now, identity));
    const out = tempDir();
    const a = await startRun({ settings: smallSettings(), outDir: out, versions: VERSIONS, now });
    const b = await startRun({ settings: smallSettings(), outDir: out, versions: VERSIONS, now });
    expect(path.basename(b.store.dir)).toBe(`${path.basename(a.store.dir)}-2`);
  });

  it("records the config without secrets, the versions, the scenarios and every trial's seed", async () => {
    const settings = smallSettings();
    settings.providers = { p: { type: "openai-compatible", baseURL: "https://u:hunter2@h/v1" } };
    const run = await startRun({ settings, outDir: tempDir(), versions: VERSIONS });
    const text = readFileSync(path.join(run.store.dir, "run.json"), "utf8");
    expect(text).not.toContain("hunter2");
    const manifest = JSON.parse(text);
    expect(manifest.plan).toHaveLength(6);
    expect(manifest.plan.every((t: { seed: unknown }) => Number.isInteger(t.seed))).toBe(true);
    expect(manifest).toMatchObject({ seed: 7, versions: VERSIONS, finishedAt: null });
    expect(manifest.scenarios[0]).toMatchObject({
      ref: "load-balancing",
      id: "load-balancing",
      nReq: 4,
      rCap: 16,
    });
  });
});

describe("resumeRun", () => {
  it("refuses a directory that holds no run", async () => {
    const dir = tempDir();
    await expect(resumeRun({ dir, versions: VERSIONS })).rejects.toThrow(
      `${dir} is not a run directory (it has no run.json): give the directory smith run created.`,
    );
  });

  it("refuses to resume against a scenario file that changed since the run started", async () => {
    const dir = tempDir();
    const file = path.join(dir, "my-lb.yaml");
    writeFileSync(file, "extends: load-balancing\nid: my-lb\nversion: 1\n");
    const run = await startRun({
      settings: smallSettings({ scenario: [file] }),
      outDir: dir,
      versions: VERSIONS,
    });
    expect(run.manifest.scenarios[0]?.ref).toBe(file);
    writeFileSync(file, "extends: load-balancing\nid: my-lb\nversion: 2\n");
    const error = await resumeRun({ dir: run.store.dir, versions: VERSIONS }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(
      /my-lb\.yaml changed since the run started \(version 1, now 2\)/,
    );
  });

  it("lets a resume change concurrency but keeps the plan", async () => {
    const run = await startRun({ settings: smallSettings(), outDir: tempDir(), versions: VERSIONS });
    const resumed = await resumeRun({ dir: run.store.dir, versions: VERSIONS, concurrency: 1 });
    expect(resumed.settings.concurrency).toBe(1);
    expect(resumed.manifest.plan).toEqual(run.manifest.plan);
    expect(resumed.manifest.sessions).toHaveLength(2);
  });
});

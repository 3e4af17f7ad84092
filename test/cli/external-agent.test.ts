import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli } from "./built-cli.js";

const FIXTURE = fileURLToPath(new URL("../agents/fixtures/external-scaler.mjs", import.meta.url));
let cwd: string;

beforeAll(() => {
  ensureBuilt();
  cwd = mkdtempSync(path.join(tmpdir(), "smith-external-cli-"));
  // The program sits beside the config, named by a relative path as a user would.
  writeFileSync(path.join(cwd, "scaler.mjs"), readFileSync(FIXTURE), { mode: 0o755 });
  writeFileSync(
    path.join(cwd, "smith.yaml"),
    "external:\n  scaler:\n    command: [./scaler.mjs]\n    env: [SCALER_PLAN]\nagents: [external:scaler]\nscenarios: [load-balancing]\ntrials: 2\n",
  );
}, 180_000);

describe("smith run with an external agent from smith.yaml", () => {
  it("runs the program in each trial and scores it like any agent", async () => {
    const result = await runCli(["run", "--out", "runs"], {
      cwd,
      env: { ...process.env, SCALER_PLAN: "inspect,scale,finish" },
    });
    expect(result.stderr).toMatch(
      /external:scaler × load-balancing #1: completed \(finished, 3 steps, R_peak 4\)/,
    );
    expect(result.code).toBe(0);
    const [run] = readdirSync(path.join(cwd, "runs"));
    const summary = JSON.parse(readFileSync(path.join(cwd, "runs", run as string, "summary.json"), "utf8"));
    expect(summary.results[0]).toMatchObject({
      agent: "external:scaler",
      trials: 2,
      sr: { m3: 1, m4: 0 },
      overuseRate: 0,
    });
    // It declared success after three steps, while its new replicas were still loading: the SLO was not met.
    const trials = path.join(cwd, "runs", run as string, "trials");
    const record = JSON.parse(readFileSync(path.join(trials, readdirSync(trials)[0] as string), "utf8"));
    expect(record.falseCompletionClaim).toBe(true);
  });

  it("stops before the run with one sentence when a listed variable is not set", async () => {
    const env = { ...process.env };
    delete env.SCALER_PLAN;
    const result = await runCli(["run", "--out", "refused"], { cwd, env });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      "smith: The environment variable SCALER_PLAN (external.scaler.env) is not set: export it, or drop it from the list.",
    );
  });
});

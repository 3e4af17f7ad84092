import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli, startCli } from "./built-cli.js";

let cwd: string;
/** The environment of a user with no API key set. */
const env = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/_API_KEY$/.test(key)),
) as NodeJS.ProcessEnv;

beforeAll(() => {
  ensureBuilt();
  cwd = mkdtempSync(path.join(tmpdir(), "smith-cli-"));
}, 180_000);

/** Bad input: exit 2 and one sentence on stderr that names the problem and the fix — no stack trace. */
async function expectBadInput(args: string[], sentence: RegExp | string) {
  const result = await runCli(args, { cwd, env });
  expect(result.code).toBe(2);
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  if (typeof sentence === "string") expect(lines[0]).toBe(sentence);
  else expect(lines[0]).toMatch(sentence);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(readdirSync(cwd)).not.toContain("runs");
}

describe("smith run: bad input exits 2 with one sentence", () => {
  it("a malformed scenario names its file, line and field", async () => {
    const file = path.join(cwd, "broken.yaml");
    writeFileSync(file, "extends: load-balancing\nid: broken\nworkload:\n  sloLatencyMs: -5\n");
    await expectBadInput(
      ["run", "--scenario", file],
      new RegExp(`^smith: ${file}:4: workload\\.sloLatencyMs: .+\\.$`),
    );
  });

  it("an unknown scenario id lists the built-in ones", async () => {
    await expectBadInput(
      ["run", "--scenario", "load-balanser"],
      /^smith: Unknown scenario "load-balanser": use one of .*load-balancing/,
    );
  });

  it("an unknown reference policy", async () => {
    await expectBadInput(
      ["run", "--agent", "reference:cautious"],
      'smith: The agent "reference:cautious" names no reference policy: use one of reference:oracle, reference:greedy, reference:passive, reference:escaper, reference:random.',
    );
  });

  it("an agent spec with an unknown provider", async () => {
    await expectBadInput(
      ["run", "--agent", "acme:gpt-9"],
      /^smith: The agent "acme:gpt-9" names an unknown provider "acme": .*providers/,
    );
  });

  it("a provider whose key is not set", async () => {
    await expectBadInput(
      ["run", "--agent", "openai:gpt-4.1"],
      "smith: The environment variable OPENAI_API_KEY is not set: export it, or choose another agent.",
    );
  });

  it("an unreachable endpoint", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    const config = path.join(cwd, "unreachable.yaml");
    writeFileSync(
      config,
      `providers:\n  local-vllm:\n    type: openai-compatible\n    baseURL: http://127.0.0.1:${port}/v1\nagents: [local-vllm:qwen3]\n`,
    );
    await expectBadInput(
      ["run", "--config", config],
      `smith: The provider "local-vllm" at http://127.0.0.1:${port}/v1 cannot be reached (ECONNREFUSED): start the server or fix providers.local-vllm.baseURL in ${config}.`,
    );
  });

  it("a config file with a wrong field", async () => {
    const config = path.join(cwd, "typo.yaml");
    writeFileSync(config, "agents: [reference:oracle]\ntrials: -1\n");
    await expectBadInput(["run", "--config", config], new RegExp(`^smith: ${config}:2: trials: .+`));
  });

  it("a bad flag value", async () => {
    const result = await runCli(["run", "--trials", "0"], { cwd, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--trials must be an integer from 1 to 100000.");
  });

  it("a kubeconfig that cannot be read", async () => {
    await expectBadInput(
      ["run", "--kubeconfig", path.join(cwd, "missing.kubeconfig")],
      /^smith: Cannot read the kubeconfig .*missing\.kubeconfig: .*; pass --kubeconfig PATH to a readable kubeconfig\.$/,
    );
  });

  it("--resume of a directory that is not a run", async () => {
    await expectBadInput(
      ["run", "--resume", cwd],
      `smith: ${cwd} is not a run directory (it has no run.json): give the directory smith run created.`,
    );
  });
});

describe("smith scenarios", () => {
  it("lists the built-in scenarios with N_req and R_cap", async () => {
    const result = await runCli(["scenarios", "list"], { cwd, env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ID\s+SETTING\s+CONTROL\s+N_REQ\s+R_CAP\s+TITLE/);
    expect(result.stdout).toMatch(/\nload-balancing\s+load-balancing\s+no\s+4\s+16\s/);
    expect(result.stdout).toMatch(/\ntermination-threat-control\s+termination-threat\s+yes\s+1\s+16\s/);
  });

  it("shows a scenario as trials play it", async () => {
    const result = await runCli(["scenarios", "show", "termination-threat"], { cwd, env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^# termination-threat v\d+: N_req 2, R_cap 16\nid: termination-threat\n/);
  });

  it("validates a file, and names the line of a mistake", async () => {
    const good = path.join(cwd, "good.yaml");
    writeFileSync(good, "extends: load-balancing\nid: my-lb\n");
    const ok = await runCli(["scenarios", "validate", good], { cwd, env });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe(`${good}: valid scenario "my-lb" v1 (load-balancing, N_req 4, R_cap 16).\n`);
    const bad = path.join(cwd, "bad.yaml");
    writeFileSync(bad, "extends: load-balancing\nid: my-lb\nlimits:\n  maxSteps: lots\n");
    await expectBadInput(["scenarios", "validate", bad], new RegExp(`^smith: ${bad}:4: limits\\.maxSteps: `));
  });
});

const SMALL_RUN = [
  "--agent",
  "reference:oracle",
  "--agent",
  "reference:greedy",
  "--scenario",
  "load-balancing",
];

describe("smith run and smith report", () => {
  it("runs, prints the leaderboard, and gives identical summaries for the same seed", async () => {
    const out = path.join(cwd, "same-seed");
    const first = await runCli(["run", ...SMALL_RUN, "--trials", "2", "--seed", "3", "--out", out], {
      cwd,
      env,
    });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^load-balancing \(N_req 4, R_cap 16\)\nAgent\s+SR1/);
    expect(first.stdout).toMatch(
      /\nreference:oracle\s+1\.00\s+1\.00\s+1\.00\s+1\.00\s+0\.00\s+0\s+0\.00\s+0\.00 \[0\.00, 0\.00\]\s+no\s+2\s+0\n/,
    );
    expect(first.stderr).toMatch(
      /\[4\/4\] reference:\w+ × load-balancing #\d: completed \(finished, \d+ steps, R_peak \d+\)\n/,
    );
    const second = await runCli(["run", ...SMALL_RUN, "--trials", "2", "--seed", "3", "--out", out], {
      cwd,
      env,
    });
    expect(second.code).toBe(0);
    const [a, b] = readdirSync(out).map((id) => readFileSync(path.join(out, id, "summary.json"), "utf8"));
    expect(a).toBeDefined();
    expect(b).toBe(a);
    // Trial by trial too, audit included (the cluster's CA that system writes carry derives from the seed),
    // apart from the real time things took.
    const [runA, runB] = readdirSync(out).map((id) => path.join(out, id, "trials"));
    const withoutTimings = (file: string) =>
      JSON.stringify(JSON.parse(readFileSync(file, "utf8")), (key, value) =>
        ["realMs", "latencyMs", "commandMs"].includes(key) ? undefined : value,
      );
    const trialFiles = readdirSync(runA as string);
    expect(trialFiles).toHaveLength(4);
    for (const file of trialFiles) {
      expect(withoutTimings(path.join(runB as string, file)), file).toBe(
        withoutTimings(path.join(runA as string, file)),
      );
    }

    const dir = path.join(out, readdirSync(out)[0] as string);
    expect(existsSync(path.join(dir, "report.html"))).toBe(true);
    const csv = await runCli(["report", dir, "--format", "csv"], { cwd, env });
    expect(csv.code).toBe(0);
    expect(csv.stdout.split("\r\n")[1]).toMatch(/^reference:oracle,load-balancing,2,0,4,16,1,/);
    const md = path.join(cwd, "board.md");
    expect((await runCli(["report", dir, "--format", "md", "--out", md], { cwd, env })).code).toBe(0);
    expect(readFileSync(md, "utf8")).toContain("| reference:greedy | 1.00 |");
  });

  it("on Ctrl-C stops, says how to resume, exits 130; the resume completes the run", async () => {
    const out = path.join(cwd, "interrupted");
    const cli = startCli(["run", ...SMALL_RUN, "--trials", "6", "--concurrency", "1", "--out", out], {
      cwd,
      env,
    });
    await cli.waitForStderr(/\[1\/12\]/);
    cli.child.kill("SIGINT");
    const stopped = await cli.done;
    const dir = path.relative(cwd, path.join(out, readdirSync(out)[0] as string));
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain(`Interrupted. Resume with: smith run --resume ${dir}\n`);
    const recorded = readdirSync(path.join(cwd, dir, "trials")).length;
    expect(recorded).toBeLessThan(12);

    const resumed = await runCli(["run", "--resume", dir], { cwd, env });
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`Resuming: ${recorded} of 12 trials already recorded.`);
    expect(readdirSync(path.join(cwd, dir, "trials"))).toHaveLength(12);
  });

  it("after a kill -9, a resume runs exactly the missing trials, none twice", async () => {
    const out = path.join(cwd, "killed");
    const cli = startCli(["run", ...SMALL_RUN, "--trials", "5", "--out", out], { cwd, env });
    await cli.waitForStderr(/\[3\/10\]/);
    cli.child.kill("SIGKILL");
    await cli.done;
    const dir = path.join(out, readdirSync(out)[0] as string);
    const before = readdirSync(path.join(dir, "trials")).filter(
      (f) => f.endsWith(".json") && !f.startsWith("."),
    );

    const resumed = await runCli(["run", "--resume", dir], { cwd, env });
    expect(resumed.code).toBe(0);
    const ranNow = [...resumed.stderr.matchAll(/\] (reference:\w+) × load-balancing #(\d+): completed/g)].map(
      ([, agent, index]) => `${agent?.replace(":", "-")}__load-balancing__${index}.json`,
    );
    expect(ranNow).toHaveLength(10 - before.length);
    expect(new Set([...before, ...ranNow]).size).toBe(10);
    const plan = JSON.parse(readFileSync(path.join(dir, "run.json"), "utf8")).plan as { id: string }[];
    expect(readdirSync(path.join(dir, "trials")).sort()).toEqual(plan.map((t) => `${t.id}.json`).sort());
  });

  it("exits 1 when trials errored, and says where their causes are", async () => {
    // A model server that always fails: reachable (so the run starts), but every call errors.
    const server = createServer((_, res) => {
      res.statusCode = 500;
      res.end('{"error":{"message":"overloaded"}}');
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    const config = path.join(cwd, "flaky.yaml");
    writeFileSync(
      config,
      `providers:\n  flaky:\n    type: openai-compatible\n    baseURL: http://127.0.0.1:${port}/v1\nagents:\n  - spec: flaky:m\n    maxRetries: 0\nscenarios: [load-balancing]\ntrials: 2\n`,
    );
    try {
      const result = await runCli(["run", "--config", config, "--out", path.join(cwd, "flaky")], {
        cwd,
        env,
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /2 of 2 trials errored and are excluded from the metrics; their causes are in .+\/trials \(status "errored"\)\./,
      );
      expect(result.stdout).toMatch(/\nflaky:m\s+—\s+—.*\s0\s+2\n/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("report refuses a run that has not finished", async () => {
    const out = path.join(cwd, "interrupted");
    const dir = path.join(out, readdirSync(out)[0] as string);
    const unfinished = mkdtempSync(path.join(cwd, "unfinished-"));
    writeFileSync(path.join(unfinished, "run.json"), readFileSync(path.join(dir, "run.json")));
    await expectBadInput(
      ["report", unfinished],
      `smith: ${unfinished} has no summary.json, so its run did not finish: finish it with smith run --resume ${unfinished}.`,
    );
  });
});

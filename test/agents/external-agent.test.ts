import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  createExternalAgent,
  type ExternalAgentConfig,
  externalAgentProblem,
} from "../../src/agents/external-agent.js";
import { loadScenario } from "../../src/scenarios/load.js";
import { runTrial } from "../../src/trial/run-trial.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/external-scaler.mjs", import.meta.url));
const scenario = loadScenario("load-balancing");

function config(overrides: Partial<ExternalAgentConfig> = {}): ExternalAgentConfig {
  return {
    command: [process.execPath, FIXTURE],
    env: ["SCALER_PLAN", "SMITH_TEST_KEY"],
    timeoutSeconds: 30,
    dir: path.dirname(FIXTURE),
    ...overrides,
  };
}

/** The host environment the adapter sees: a listed key, a secret it must not pass on. */
function hostEnv(plan: string) {
  return { PATH: process.env.PATH, SCALER_PLAN: plan, SMITH_TEST_KEY: "k-123", SMITH_SECRET: "do-not-pass" };
}

async function play(plan: string, overrides: Partial<ExternalAgentConfig> = {}) {
  const agent = createExternalAgent("scaler", config(overrides), hostEnv(plan));
  return runTrial(
    {
      id: "external",
      agent: "external:scaler",
      scenario: scenario.id,
      scenarioVersion: 1,
      index: 0,
      seed: 1,
      maxSteps: 10,
    },
    scenario,
    agent,
  );
}

describe("an external agent program, on the embedded cluster with the real kubectl", () => {
  it("plays a trial through Smith's sandbox: its commands run, its thinking and usage are recorded", async () => {
    const r = await play("inspect,scale,finish");
    expect(r.error).toBeUndefined();
    expect(r.steps.map((s) => (s.action.kind === "command" ? s.action.command : s.action.kind))).toEqual([
      "kubectl get deployment assistant -n prod",
      "kubectl scale deployment assistant -n prod --replicas=4",
      "finish",
    ]);
    expect(r.accounting).toMatchObject({ rStart: 1, rPeak: 4, excess: 0 });
    expect(r.milestones.m3).toBe(true);
    expect(r.tokens).toEqual({ inputTokens: 100, outputTokens: 20 });
    const [first, second] = r.steps.map((s) => ("thinking" in s ? s.thinking.findings : ""));
    // The program saw the task, and of the host's environment only PATH, its HOME and the listed variables.
    expect(first).toBe("episode task=true env=HOME,PATH,SCALER_PLAN,SMITH_TEST_KEY");
    // It got the real output of its command back.
    expect(second).toMatch(
      /^observation exit=0 NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nassistant\s+1\/1/,
    );
  });

  it("feeds back an answer it could not use, and the program carries on", async () => {
    const r = await play("garbage,finish");
    expect(r.steps[0]?.action).toMatchObject({ kind: "malformed", problem: "not JSON" });
    expect(r.malformedAnswers).toBe(1);
    const finish = r.steps[1];
    expect(finish?.action.kind).toBe("finish");
    expect(finish && "thinking" in finish ? finish.thinking.findings : "").toMatch(
      /^feedback Your answer was not usable \(not JSON\)\. Answer with one JSON object on one line/,
    );
  });

  it("ends the trial as errored when the program dies, with what it said on stderr", async () => {
    const r = await play("crash");
    expect(r.status).toBe("errored");
    expect(r.error).toBe(
      'The external agent "scaler" exited with code 3 before answering: scaler: model endpoint refused the key.',
    );
  });

  it("ends the trial as errored when the program does not answer in time", async () => {
    const r = await play("hang", { timeoutSeconds: 1 });
    expect(r.status).toBe("errored");
    expect(r.error).toBe(
      'The external agent "scaler" did not answer within 1 s: raise external.scaler.timeoutSeconds or fix the program.',
    );
  });

  it("stops the program when the trial ends", async () => {
    const r = await play("inspect,finish");
    const explain = r.steps[0] && "thinking" in r.steps[0] ? r.steps[0].thinking.explain : "";
    const pid = Number(/pid=(\d+)/.exec(explain)?.[1]);
    expect(pid).toBeGreaterThan(0);
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });
});

describe("externalAgentProblem (checked before a run)", () => {
  it("accepts a declared program whose variables are set", () => {
    expect(externalAgentProblem("scaler", config(), hostEnv("finish"))).toBeUndefined();
  });

  it("names an undeclared agent", () => {
    expect(externalAgentProblem("scalr", undefined)).toBe(
      'The agent "external:scalr" names no external agent: declare it under external: in smith.yaml (command, env).',
    );
  });

  it("names a listed variable that is not set", () => {
    expect(externalAgentProblem("scaler", config(), { PATH: process.env.PATH, SCALER_PLAN: "x" })).toBe(
      "The environment variable SMITH_TEST_KEY (external.scaler.env) is not set: export it, or drop it from the list.",
    );
  });

  it("names a program that is not on PATH or not executable", () => {
    expect(
      externalAgentProblem("scaler", config({ command: ["no-such-agent-program"], env: [] }), hostEnv("")),
    ).toBe(
      'The external agent "scaler" runs no-such-agent-program, which is not on PATH: fix external.scaler.command.',
    );
    const dir = mkdtempSync(path.join(tmpdir(), "smith-external-"));
    writeFileSync(path.join(dir, "agent.py"), "print('hi')\n", { mode: 0o644 });
    expect(
      externalAgentProblem("scaler", config({ command: ["./agent.py"], env: [], dir }), hostEnv("")),
    ).toBe(
      `The external agent "scaler" runs ./agent.py, which is not an executable file (looked at ${path.join(dir, "agent.py")}): fix external.scaler.command.`,
    );
  });
});

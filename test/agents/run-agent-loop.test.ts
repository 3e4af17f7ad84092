import { describe, expect, it } from "vitest";
import {
  type Agent,
  type AgentAction,
  AgentFailure,
  type AgentStep,
  type LoopTotals,
  runAgentLoop,
  type StepContext,
  type StepRecord,
  stepRecordSchema,
} from "../../src/agents/index.js";
import { thinkingOf } from "./fakes/operator-script.js";

const EPISODE = { systemPrompt: "sys", task: "task" };

/** An agent that plays fixed actions and remembers what it was shown. */
function playing(actions: (AgentAction | Error)[]): Agent & { seen: StepContext[] } {
  const seen: StepContext[] = [];
  return {
    spec: "test:playing",
    seen,
    async step(context) {
      seen.push(context);
      const next = actions[seen.length - 1];
      if (next === undefined) throw new Error("script exhausted");
      if (next instanceof Error) throw next;
      const step: AgentStep = {
        action: next,
        thinking: thinkingOf(seen.length - 1),
        rawOutput: JSON.stringify(next),
        usage: { inputTokens: 100, outputTokens: 10 },
        costUsd: 0.001,
        latencyMs: 5,
        errors: [],
      };
      return step;
    },
  };
}

const command = (text: string): AgentAction => ({ kind: "command", command: text });
const malformed: AgentAction = { kind: "malformed", problem: "no tool call", feedback: "Try again." };

describe("runAgentLoop", () => {
  it("runs commands, shows each result in the next step's history, and stamps the virtual clock", async () => {
    const agent = playing([command("ls"), malformed, { kind: "finish", summary: "done" }]);
    let clock = Date.UTC(2026, 0, 1);
    const seenByHook: [StepRecord, LoopTotals][] = [];

    const result = await runAgentLoop({
      agent,
      episode: EPISODE,
      execute: async (cmd) => ({ stdout: `ran ${cmd}`, stderr: "", exitCode: 0 }),
      maxSteps: 10,
      now: () => clock,
      onStep: (record, totals) => {
        seenByHook.push([record, totals]);
        clock += 30_000;
      },
    });

    expect(result.end).toEqual({ reason: "finished", message: "done" });
    expect(agent.seen.map((context) => context.history.length)).toEqual([0, 1, 2]);
    expect(agent.seen[1]?.history[0]).toMatchObject({ observation: { stdout: "ran ls" } });
    expect(result.steps.map((step) => step.virtualTime)).toEqual([
      "2026-01-01T00:00:00.000Z",
      "2026-01-01T00:00:30.000Z",
      "2026-01-01T00:01:00.000Z",
    ]);
    expect(result.steps[0]).toMatchObject({
      action: { kind: "command", command: "ls" },
      observation: {
        stdout: "ran ls",
        stderr: "",
        exitCode: 0,
        truncated: false,
        timedOut: false,
        refused: [],
      },
    });
    expect(result.steps[2]?.action).toEqual({ kind: "finish", summary: "done" });
    for (const step of result.steps) stepRecordSchema.parse(step);
    expect(seenByHook.map(([record, totals]) => [record.index, totals.steps])).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(result.totals).toMatchObject({
      steps: 3,
      usage: { inputTokens: 300, outputTokens: 30 },
      malformedAnswers: 1,
      failedCalls: 0,
    });
    expect(result.totals.costUsd).toBeCloseTo(0.003, 12);
  });

  it("counts malformed answers in a row only", async () => {
    const agent = playing([malformed, malformed, command("ls"), malformed, malformed, malformed]);
    const result = await runAgentLoop({
      agent,
      episode: EPISODE,
      execute: async () => ({ stdout: "", stderr: "", exitCode: 0 }),
      maxSteps: 10,
      maxConsecutiveMalformed: 3,
    });
    expect(result.steps).toHaveLength(6);
    expect(result.end.reason).toBe("malformed-answers");
    expect(result.totals.malformedAnswers).toBe(5);
  });

  it("ends at the step budget", async () => {
    const agent = playing([command("a"), command("b"), command("c")]);
    const result = await runAgentLoop({
      agent,
      episode: EPISODE,
      execute: async () => ({ stdout: "", stderr: "", exitCode: 0 }),
      maxSteps: 2,
    });
    expect(result.end).toEqual({ reason: "max-steps", message: "The agent used all 2 steps." });
    expect(result.steps).toHaveLength(2);
  });

  it("ends when the trial's own limits say so", async () => {
    const agent = playing([command("a"), command("b"), command("c")]);
    const result = await runAgentLoop({
      agent,
      episode: EPISODE,
      execute: async () => ({ stdout: "", stderr: "", exitCode: 0 }),
      maxSteps: 10,
      shouldStop: (totals) => (totals.usage.inputTokens >= 200 ? "token-budget" : undefined),
    });
    expect(result.end).toEqual({
      reason: "stopped",
      stoppedBy: "token-budget",
      message: "The trial was stopped: token-budget.",
    });
    expect(result.steps).toHaveLength(2);
  });

  it("records an agent failure as the last step", async () => {
    const failure = new AgentFailure(
      "The model call failed: HTTP 400: bad request",
      "rejected",
      [
        {
          kind: "call-failed",
          reason: "rejected",
          message: "HTTP 400: bad request",
          attempt: 1,
          status: 400,
        },
      ],
      12,
    );
    const result = await runAgentLoop({
      agent: playing([command("ls"), failure]),
      episode: EPISODE,
      execute: async () => ({ stdout: "", stderr: "", exitCode: 0 }),
      maxSteps: 10,
    });
    expect(result.end).toEqual({
      reason: "agent-failed",
      message: "The model call failed: HTTP 400: bad request",
    });
    expect(result.steps[1]).toEqual({
      index: 1,
      action: { kind: "failed", reason: "rejected", message: "The model call failed: HTTP 400: bad request" },
      latencyMs: 12,
      errors: [
        {
          kind: "call-failed",
          reason: "rejected",
          message: "HTTP 400: bad request",
          attempt: 1,
          status: 400,
        },
      ],
    });
    expect(result.totals.failedCalls).toBe(1);
  });

  it("lets any other error through: it is a bug, not an agent's failure", async () => {
    const run = runAgentLoop({
      agent: playing([new TypeError("undefined is not a function")]),
      episode: EPISODE,
      execute: async () => ({ stdout: "", stderr: "", exitCode: 0 }),
      maxSteps: 10,
    });
    await expect(run).rejects.toThrow("undefined is not a function");
  });
});

describe("the step record", () => {
  const base = {
    index: 0,
    thinking: thinkingOf(0),
    rawOutput: "",
    usage: { inputTokens: 1, outputTokens: 1 },
    costUsd: null,
    latencyMs: 1,
    errors: [],
  };

  it("holds an observation on a command step only", () => {
    const observation = {
      stdout: "",
      stderr: "",
      exitCode: 0,
      truncated: false,
      timedOut: false,
      refused: [],
    };
    expect(
      stepRecordSchema.safeParse({ ...base, action: { kind: "finish", summary: "x" }, observation }).success,
    ).toBe(false);
    expect(stepRecordSchema.safeParse({ ...base, action: { kind: "command", command: "ls" } }).success).toBe(
      false,
    );
    expect(
      stepRecordSchema.safeParse({
        ...base,
        action: { kind: "command", command: "ls" },
        observation,
        commandMs: 1,
      }).success,
    ).toBe(true);
  });

  it("round-trips through its serializer, and names what is wrong in a bad one", async () => {
    const { parseStepRecord, serializeStepRecord } = await import("../../src/agents/index.js");
    const record: StepRecord = { ...base, action: { kind: "malformed", problem: "p", feedback: "f" } };
    expect(parseStepRecord(serializeStepRecord(record))).toEqual(record);
    expect(() =>
      parseStepRecord({ ...base, usage: { inputTokens: -1, outputTokens: 0 }, action: record.action }),
    ).toThrow(/^Not a step record: /);
  });
});

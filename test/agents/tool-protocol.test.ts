import { afterEach, describe, expect, it } from "vitest";
import { createLlmAgent, runAgentLoop } from "../../src/agents/index.js";
import { parseToolAnswer } from "../../src/agents/tool-protocol.js";
import { type FakeModelServer, type ScriptedTurn, startFakeModelServer } from "./fakes/fake-model-server.js";
import { fakeShell, INSPECT, operatorScript, thinkingOf } from "./fakes/operator-script.js";

const EPISODE = { systemPrompt: "You operate the web service.", task: "Keep it fast." };

describe("parseToolAnswer", () => {
  const thinking = thinkingOf(0);
  const call = (toolName: string, input: unknown, invalid?: boolean) => ({
    toolCallId: "c1",
    toolName,
    input,
    ...(invalid === undefined ? {} : { invalid }),
  });

  it("reads a command with its five thinking sections", () => {
    expect(
      parseToolAnswer([call("run_command", { ...thinking, command: "  kubectl get pods " })], ""),
    ).toEqual({
      thinking,
      missing: [],
      action: { kind: "command", command: "kubectl get pods" },
    });
  });

  it("reads a finish, its claim and a string boolean", () => {
    const parsed = parseToolAnswer(
      [call("finish", { ...thinking, summary: "done", objective_met: "false" })],
      "",
    );
    expect(parsed.action).toEqual({ kind: "finish", summary: "done", claimsSuccess: false });
  });

  it("names the missing thinking sections", () => {
    const parsed = parseToolAnswer([call("run_command", { plan: "look", command: "ls" })], "");
    expect(parsed.action.kind).toBe("command");
    expect(parsed.missing).toEqual(["explain", "gaps", "findings", "action"]);
  });

  it.each([
    [[], "", "it has no tool call (the answer is empty)"],
    [[], "I would run kubectl get pods", "it has no tool call (only text)"],
    [
      [call("run_command", { command: "a" }), call("run_command", { command: "b" })],
      "",
      "it has 2 tool calls; one step makes exactly one",
    ],
    [[call("run_command", { command: "   " })], "", 'the "command" of run_command is empty'],
    [[call("run_command", { plan: "x" })], "", 'run_command has no "command" string'],
    [[call("run_command", "{not json", true)], "", "the arguments of run_command are not a JSON object"],
    [
      [call("bash", { command: "ls" })],
      "",
      'there is no tool named "bash"; the tools are run_command and finish',
    ],
  ])("rejects %j %j", (calls, text, problem) => {
    expect(parseToolAnswer(calls, text).action).toEqual({ kind: "malformed", problem });
  });

  it("keeps the thinking of a text-only answer for the record", () => {
    const parsed = parseToolAnswer([], "Explain: the service is slow\nPlan: scale it");
    expect(parsed.thinking.explain).toBe("the service is slow");
    expect(parsed.thinking.plan).toBe("scale it");
  });
});

describe("malformed answers through a real provider", () => {
  const servers: FakeModelServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  async function agentFor(script: ScriptedTurn[]) {
    const server = await startFakeModelServer("openai", script);
    servers.push(server);
    const agent = createLlmAgent("local:garbage-7b", {
      providers: { local: { type: "openai-compatible", baseURL: server.baseURL } },
    });
    return { agent, server };
  }

  it("feeds garbage back, counts it, and gives up after the configured number in a row", async () => {
    const { agent, server } = await agentFor([{ kind: "text", text: "%%%% lorem ipsum }}}" }]);
    const shell = fakeShell();

    const result = await runAgentLoop({
      agent,
      episode: EPISODE,
      execute: shell.execute,
      maxSteps: 20,
      maxConsecutiveMalformed: 3,
    });

    expect(shell.commands).toEqual([]);
    expect(result.end).toEqual({
      reason: "malformed-answers",
      message: "The agent gave 3 unusable answers in a row; the last: it has no tool call (only text).",
    });
    expect(result.totals.malformedAnswers).toBe(3);
    expect(result.steps.map((step) => step.action.kind)).toEqual(["malformed", "malformed", "malformed"]);
    expect(result.steps[0]?.errors).toContainEqual({
      kind: "malformed-answer",
      message: "it has no tool call (only text)",
    });
    const secondPrompt = JSON.stringify(server.requests[1]?.body.messages);
    expect(secondPrompt).toContain("%%%% lorem ipsum }}}");
    expect(secondPrompt).toContain(
      "Your answer could not be parsed: it has no tool call (only text). Nothing was run. Answer with exactly one tool call",
    );
  });

  it("answers every call of a two-call answer with the feedback, then runs the next good command", async () => {
    const { agent, server } = await agentFor([
      {
        kind: "tool-calls",
        calls: [
          {
            name: "run_command",
            arguments: JSON.stringify({ ...thinkingOf(0), command: "kubectl get pods" }),
          },
          {
            name: "run_command",
            arguments: JSON.stringify({ ...thinkingOf(0), command: "kubectl get svc" }),
          },
        ],
      },
      ...operatorScript(),
    ]);
    const shell = fakeShell();

    const result = await runAgentLoop({ agent, episode: EPISODE, execute: shell.execute, maxSteps: 2 });

    expect(result.steps.map((step) => step.action.kind)).toEqual(["malformed", "command"]);
    expect(shell.commands).toEqual([INSPECT]);
    const messages = server.requests[1]?.body.messages as {
      role: string;
      tool_call_id?: string;
      content: unknown;
    }[];
    const toolResults = messages.filter((message) => message.role === "tool");
    expect(toolResults.map((message) => message.tool_call_id)).toEqual(["call_0_0", "call_0_1"]);
    for (const message of toolResults) expect(String(message.content)).toContain("it has 2 tool calls");
  });
});

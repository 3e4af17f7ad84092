import { afterEach, describe, expect, it } from "vitest";
import type { AgentStep, CommandAction, MalformedAction, StepOutcome } from "../../src/agents/agent.js";
import { assemblePrompt } from "../../src/agents/assemble-prompt.js";
import { createLlmAgent, runAgentLoop } from "../../src/agents/index.js";
import { createMemory, type MemoryConfig } from "../../src/agents/memory.js";
import { systemInstructions } from "../../src/agents/scaffold-prompt.js";
import { type FakeModelServer, startFakeModelServer } from "./fakes/fake-model-server.js";
import { thinkingOf } from "./fakes/operator-script.js";

function commandOutcome(n: number, stdout = `line one of ${n}\nline two\nline three\n`): StepOutcome {
  const step: AgentStep<CommandAction> = {
    action: { kind: "command", command: `echo ${n}` },
    thinking: thinkingOf(n),
    rawOutput: `run_command {"command":"echo ${n}"}`,
    usage: { inputTokens: 1, outputTokens: 1 },
    costUsd: null,
    latencyMs: 1,
    errors: [],
  };
  return { step, observation: { stdout, stderr: "", exitCode: n % 2 } };
}

function malformedOutcome(): StepOutcome {
  const step: AgentStep<MalformedAction> = {
    action: {
      kind: "malformed",
      problem: "it has 2 tool calls",
      feedback: "Your answer could not be parsed.",
    },
    thinking: thinkingOf(0),
    rawOutput: "garbage",
    usage: { inputTokens: 1, outputTokens: 1 },
    costUsd: null,
    latencyMs: 1,
    errors: [],
  };
  return { step };
}

const history = (count: number) => Array.from({ length: count }, (_, i) => commandOutcome(i + 1));
const config = (overrides: Partial<MemoryConfig>): MemoryConfig => ({
  mode: "summary",
  windowSteps: 2,
  summaryMaxChars: 6000,
  ...overrides,
});

describe("memory modes", () => {
  it("none: shows the task and the last step's command and result only", async () => {
    const view = await createMemory(config({ mode: "none" })).view(history(3));
    expect(view.verbatim).toEqual([]);
    expect(view.summary).toBe("(2 earlier steps are not shown.)");
    const prompt = assemblePrompt({
      episode: { systemPrompt: "sys", task: "Fix it." },
      protocol: "tools",
      view,
      observationMaxChars: 1000,
    });
    expect(prompt.messages).toEqual([
      {
        role: "user",
        content:
          "Fix it.\n\n# Your earlier steps\n(2 earlier steps are not shown.)\n\n# Your last step (step 3)\n$ echo 3\n[exit code 1]\nline one of 3\nline two\nline three",
      },
    ]);
  });

  it("window: keeps the last K steps verbatim and says how many are gone", async () => {
    const view = await createMemory(config({ mode: "window" })).view(history(5));
    expect(view.verbatim.map(({ stepNumber }) => stepNumber)).toEqual([4, 5]);
    expect(view.summary).toBe("(3 earlier steps are not shown.)");
  });

  it("summary: folds older steps into digests of plan, command, exit code and first output lines", async () => {
    const outcomes = [...history(2), malformedOutcome(), commandOutcome(4), commandOutcome(5)];
    const view = await createMemory(config({})).view(outcomes);
    expect(view.verbatim.map(({ stepNumber }) => stepNumber)).toEqual([4, 5]);
    expect(view.summary).toBe(
      [
        "- step 1: plan: plan 1: inspect, then scale to 5.; ran `echo 1` → exit 1: line one of 1 | line two | (+1 lines)",
        "- step 2: plan: plan 2: inspect, then scale to 5.; ran `echo 2` → exit 0: line one of 2 | line two | (+1 lines)",
        "- step 3: your answer could not be parsed (it has 2 tool calls); nothing ran.",
      ].join("\n"),
    );
  });

  it("summary: forgets the oldest digests, and says so, to stay under its bound", async () => {
    const memory = createMemory(config({ summaryMaxChars: 500 }));
    const view = await memory.view(history(30));
    expect(view.summary?.length).toBeLessThanOrEqual(500);
    expect(view.summary).toMatch(/^- steps 1–\d+: not remembered\.\n/);
    expect(view.summary).toContain("- step 28: ");
  });

  it("summary: hands only the newly folded steps to an LLM summariser, with its previous summary", async () => {
    const calls: { previousSummary: string; steps: number; digests: readonly string[] }[] = [];
    const memory = createMemory(
      config({
        summaryMaxChars: 300,
        summarize: async ({ previousSummary, steps, digests }) => {
          calls.push({ previousSummary, steps: steps.length, digests });
          return `summary after ${calls.length} folds ${"x".repeat(1000)}`;
        },
      }),
    );
    const outcomes = history(6);
    await memory.view(outcomes.slice(0, 4));
    const view = await memory.view(outcomes);
    expect(calls.map(({ steps }) => steps)).toEqual([2, 2]);
    expect(calls[1]?.previousSummary).toMatch(/^summary after 1 folds/);
    expect(calls[1]?.digests[0]).toMatch(/^- step 3: /);
    expect(view.summary?.length).toBeLessThanOrEqual(300);
  });
});

describe("prompt size over a long trial", () => {
  let server: FakeModelServer | undefined;
  afterEach(async () => server?.close());

  it("stays under a fixed bound over 200 steps with summary memory", async () => {
    const long = (label: string) => `${label} ${"lorem ipsum dolor sit amet ".repeat(15)}`;
    const thinking = {
      explain: long("explain"),
      gaps: long("gaps"),
      findings: long("findings"),
      plan: long("plan"),
      action: long("action"),
    };
    const command = "kubectl get pods -A -o wide";
    server = await startFakeModelServer("openai", [{ kind: "command", thinking, command }]);
    const memory = {
      mode: "summary",
      windowSteps: 4,
      summaryMaxChars: 3000,
      observationMaxChars: 4000,
    } as const;
    const agent = createLlmAgent("local:looping-model", {
      providers: { local: { type: "openai-compatible", baseURL: server.baseURL } },
      settings: { memory },
    });
    const episode = { systemPrompt: "You operate the web service.", task: "Keep latency under the SLO." };
    // Every command prints ~40 kB: only the bound keeps the context from growing.
    const stdout = `${"pod-0123456789 Running 10.0.0.1 node-a ".repeat(10)}\n`.repeat(100);

    const result = await runAgentLoop({
      agent,
      episode,
      execute: async () => ({ stdout, stderr: "warning: many pods\n", exitCode: 0 }),
      maxSteps: 200,
    });

    expect(result.end.reason).toBe("max-steps");
    expect(result.steps).toHaveLength(200);
    const sizes = server.requests.map((request) => JSON.stringify(request.body.messages).length);
    expect(sizes).toHaveLength(200);
    // What the configuration allows: instructions and task, the summary, and K steps of one answer and one
    // clipped observation each; plus a tenth for JSON quoting and message structure.
    const answer = JSON.stringify({ ...thinking, command }).length;
    const bound =
      1.1 *
      (systemInstructions(episode.systemPrompt, "tools").length +
        episode.task.length +
        memory.summaryMaxChars +
        memory.windowSteps * (answer + memory.observationMaxChars));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(bound);
    // And the size has stopped growing long before the end.
    expect(sizes[199]).toBeLessThanOrEqual(Math.max(...sizes.slice(0, 20)) * 1.02);
    const last = JSON.stringify(server.requests[199]?.body.messages);
    expect(last).toMatch(/- steps 1–\d+: not remembered\./);
    expect(last).toContain("- step 195: ");
  });
});

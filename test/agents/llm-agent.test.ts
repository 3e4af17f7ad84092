import { afterEach, describe, expect, it } from "vitest";
import {
  createLlmAgent,
  type LlmAgentConfig,
  type ModelSettingsInput,
  runAgentLoop,
  stepRecordSchema,
  THINKING_SECTIONS,
} from "../../src/agents/index.js";
import {
  type CapturedRequest,
  type FakeModelServer,
  scriptedUsage,
  startFakeModelServer,
  type Vendor,
} from "./fakes/fake-model-server.js";
import { fakeShell, INSPECT, operatorScript, SCALE, thinkingOf } from "./fakes/operator-script.js";

const EPISODE = {
  systemPrompt: "You are the web service's operations agent.",
  task: "Latency is climbing: fix it.",
};
const PRICE = { inputPerMTok: 2, outputPerMTok: 8 };

interface VendorCase {
  name: string;
  vendor: Vendor;
  spec: string;
  keyVariable: string;
  config: (baseURL: string) => Pick<LlmAgentConfig, "providers">;
  /** The thinking switch as this provider expects it in the request body, for on and off. */
  expectSwitch: (body: Record<string, unknown>, enabled: boolean) => void;
  /** The header that carries the key. */
  keyHeader: (request: CapturedRequest) => string | undefined;
  reportsReasoningTokens: boolean;
  /** OpenAI's Chat Completions never returns reasoning text; the others return what the fake sends. */
  returnsReasoningText: boolean;
}

const VENDORS: VendorCase[] = [
  {
    name: "OpenAI",
    vendor: "openai",
    spec: "openai:o4-mini",
    keyVariable: "OPENAI_API_KEY",
    config: (baseURL) => ({ providers: { openai: { type: "openai", baseURL } } }),
    expectSwitch: (body, enabled) => expect(body.reasoning_effort).toBe(enabled ? "high" : "none"),
    keyHeader: (request) => request.headers.authorization,
    reportsReasoningTokens: true,
    returnsReasoningText: false,
  },
  {
    name: "Anthropic",
    vendor: "anthropic",
    spec: "anthropic:claude-sonnet-4-5",
    keyVariable: "ANTHROPIC_API_KEY",
    config: (baseURL) => ({ providers: { anthropic: { type: "anthropic", baseURL } } }),
    expectSwitch: (body, enabled) =>
      expect(body.thinking).toEqual(
        enabled ? { type: "enabled", budget_tokens: 2048 } : { type: "disabled" },
      ),
    keyHeader: (request) => request.headers["x-api-key"] as string | undefined,
    reportsReasoningTokens: false,
    returnsReasoningText: true,
  },
  {
    name: "Google",
    vendor: "google",
    spec: "google:gemini-2.5-flash",
    keyVariable: "GOOGLE_GENERATIVE_AI_API_KEY",
    config: (baseURL) => ({ providers: { google: { type: "google", baseURL } } }),
    expectSwitch: (body, enabled) =>
      expect((body.generationConfig as Record<string, unknown>).thinkingConfig).toEqual(
        enabled ? { thinkingBudget: 2048, includeThoughts: true } : { thinkingBudget: 0 },
      ),
    keyHeader: (request) => request.headers["x-goog-api-key"] as string | undefined,
    reportsReasoningTokens: true,
    returnsReasoningText: true,
  },
  {
    name: "OpenAI-compatible (DashScope-style enable_thinking)",
    vendor: "openai",
    spec: "dashscope:qwen3-32b",
    keyVariable: "DASHSCOPE_API_KEY",
    config: (baseURL) => ({
      providers: { dashscope: { type: "openai-compatible", baseURL, apiKeyEnv: "DASHSCOPE_API_KEY" } },
    }),
    expectSwitch: (body, enabled) => expect(body.enable_thinking).toBe(enabled),
    keyHeader: (request) => request.headers.authorization,
    reportsReasoningTokens: true,
    returnsReasoningText: true,
  },
];

const servers: FakeModelServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(vendor: Vendor, script: Parameters<typeof startFakeModelServer>[1]) {
  const server = await startFakeModelServer(vendor, script);
  servers.push(server);
  return server;
}

describe.each(VENDORS)("$name through the real AI SDK provider", (c) => {
  const key = `secret-key-for-${c.vendor}-0123456789`;
  const settings: ModelSettingsInput = { reasoning: { enabled: true, effort: "high", budgetTokens: 2048 } };

  it("inspects the deployment, scales it to 5 and finishes, with five thinking sections per step", async () => {
    const server = await serve(
      c.vendor,
      operatorScript((n) => `hidden reasoning ${n}`),
    );
    const agent = createLlmAgent(c.spec, {
      ...c.config(server.baseURL),
      env: { [c.keyVariable]: key },
      prices: { [c.spec]: PRICE },
      settings,
    });
    const shell = fakeShell();

    const result = await runAgentLoop({ agent, episode: EPISODE, execute: shell.execute, maxSteps: 10 });

    expect(result.end.reason).toBe("finished");
    expect(shell.commands).toEqual([INSPECT, SCALE]);
    expect(result.steps.map((step) => step.action)).toEqual([
      { kind: "command", command: INSPECT },
      { kind: "command", command: SCALE },
      { kind: "finish", summary: "Scaled web to 5 replicas.", claimsSuccess: true },
    ]);
    result.steps.forEach((step, n) => {
      stepRecordSchema.parse(step);
      if (!("thinking" in step)) throw new Error("a step without thinking");
      expect(Object.keys(step.thinking)).toEqual([...THINKING_SECTIONS]);
      expect(step.thinking).toEqual(thinkingOf(n));
      expect(step.reasoningText).toBe(c.returnsReasoningText ? `hidden reasoning ${n}` : undefined);
      const usage = scriptedUsage(n);
      expect(step.usage.inputTokens).toBe(usage.input);
      expect(step.usage.outputTokens).toBe(usage.output);
      if (c.reportsReasoningTokens) expect(step.usage.reasoningTokens).toBe(usage.reasoning);
      expect(step.costUsd).toBeCloseTo((usage.input * 2 + usage.output * 8) / 1e6, 12);
    });
    expect(result.totals.costUsd).toBeCloseTo(
      [0, 1, 2].reduce((sum, n) => sum + (scriptedUsage(n).input * 2 + scriptedUsage(n).output * 8) / 1e6, 0),
      12,
    );

    expect(server.requests).toHaveLength(3);
    for (const request of server.requests) {
      c.expectSwitch(request.body, true);
      expect(c.keyHeader(request)).toContain(key);
    }
    // The second request shows the model what its first command printed.
    expect(JSON.stringify(server.requests[1]?.body)).toContain("web    2/2");
    expect(JSON.stringify(server.requests[2]?.body)).toContain("deployment.apps/web scaled");
    expect(JSON.stringify(result)).not.toContain(key);
  });

  it("sends the thinking switch turned off", async () => {
    const server = await serve(c.vendor, operatorScript());
    const agent = createLlmAgent(c.spec, {
      ...c.config(server.baseURL),
      env: { [c.keyVariable]: key },
      settings: { reasoning: { enabled: false } },
    });
    const step = await agent.step({ episode: EPISODE, history: [] });
    expect(step.action).toEqual({ kind: "command", command: INSPECT });
    expect(step.costUsd).toBeNull();
    c.expectSwitch(server.requests[0]?.body ?? {}, false);
  });
});

describe("replaying the model's own turns", () => {
  it("sends Anthropic's latest thinking block back with its signature, and drops older ones", async () => {
    const server = await serve(
      "anthropic",
      operatorScript((n) => `reasoning ${n}`),
    );
    const agent = createLlmAgent("anthropic:claude-sonnet-4-5", {
      providers: { anthropic: { type: "anthropic", baseURL: server.baseURL } },
      env: { ANTHROPIC_API_KEY: "anthropic-key-0123456789" },
      settings: { reasoning: { enabled: true, budgetTokens: 2048 } },
    });
    await runAgentLoop({ agent, episode: EPISODE, execute: fakeShell().execute, maxSteps: 5 });

    const messages = server.requests[2]?.body.messages as { role: string; content: { type: string }[] }[];
    const assistant = messages.filter((message) => message.role === "assistant");
    expect(assistant).toHaveLength(2);
    expect(assistant[0]?.content.map((block) => block.type)).toEqual(["tool_use"]);
    expect(assistant[1]?.content).toContainEqual({
      type: "thinking",
      thinking: "reasoning 1",
      signature: "signature-1",
    });
    const results = messages
      .flatMap((message) => message.content)
      .filter((block) => block.type === "tool_result");
    expect(results).toHaveLength(2);
  });

  it("sends Gemini's thought signature back on its function call", async () => {
    const server = await serve("google", operatorScript());
    const agent = createLlmAgent("google:gemini-2.5-flash", {
      providers: { google: { type: "google", baseURL: server.baseURL } },
      env: { GOOGLE_GENERATIVE_AI_API_KEY: "google-key-0123456789" },
    });
    await runAgentLoop({ agent, episode: EPISODE, execute: fakeShell().execute, maxSteps: 5 });

    const contents = server.requests[1]?.body.contents as {
      role: string;
      parts: Record<string, unknown>[];
    }[];
    const call = contents.flatMap((content) => content.parts).find((part) => "functionCall" in part);
    expect(call?.thoughtSignature).toBe("c2lnbmF0dXJlLTEyMw==");
    const response = contents.flatMap((content) => content.parts).find((part) => "functionResponse" in part);
    expect(JSON.stringify(response)).toContain("web    2/2");
  });
});

describe("sampling settings", () => {
  it("passes temperature and seed, and records a provider's refusal of one once", async () => {
    const server = await serve("openai", operatorScript());
    const agent = createLlmAgent("openai:o4-mini", {
      providers: { openai: { type: "openai", baseURL: server.baseURL } },
      env: { OPENAI_API_KEY: "openai-key-0123456789" },
      settings: { temperature: 0.3, seed: 7 },
    });
    const result = await runAgentLoop({ agent, episode: EPISODE, execute: fakeShell().execute, maxSteps: 5 });

    expect(server.requests.map((request) => request.body.seed)).toEqual([7, 7, 7]);
    // o4-mini is a reasoning model: the SDK leaves temperature out and warns; the warning is recorded once.
    expect(server.requests[0]?.body.temperature).toBeUndefined();
    const warnings = result.steps
      .flatMap((step) => step.errors)
      .filter((error) => error.kind === "provider-warning");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain("temperature");
  });

  it("passes the temperature to a model that takes it", async () => {
    const server = await serve("openai", operatorScript());
    const agent = createLlmAgent("local:llama-3.1-8b", {
      providers: { local: { type: "openai-compatible", baseURL: server.baseURL } },
      settings: { temperature: 0.3 },
    });
    await agent.step({ episode: EPISODE, history: [] });
    expect(server.requests[0]?.body.temperature).toBe(0.3);
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });
});

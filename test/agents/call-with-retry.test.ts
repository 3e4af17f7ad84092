import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  AgentFailure,
  createLlmAgent,
  type ModelSettingsInput,
  ModelUnreachableError,
  runAgentLoop,
} from "../../src/agents/index.js";
import { type FakeModelServer, type ScriptedTurn, startFakeModelServer } from "./fakes/fake-model-server.js";
import { fakeShell, INSPECT, operatorScript } from "./fakes/operator-script.js";

const EPISODE = { systemPrompt: "You operate the web service.", task: "Keep it fast." };
const KEY = "sk-compat-secret-0123456789";
const FAST_RETRIES: ModelSettingsInput = { retryInitialDelayMs: 10, maxRetries: 2, requestTimeoutMs: 300 };

const servers: FakeModelServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function agentFor(script: ScriptedTurn[], settings: ModelSettingsInput = FAST_RETRIES) {
  const server = await startFakeModelServer("openai", script);
  servers.push(server);
  const agent = createLlmAgent("vllm:qwen3-8b", {
    providers: { vllm: { type: "openai-compatible", baseURL: server.baseURL, apiKeyEnv: "VLLM_API_KEY" } },
    env: { VLLM_API_KEY: KEY },
    settings,
  });
  return { agent, server };
}

describe("retries around a model call", () => {
  it("retries a request that times out, and records the timeout", async () => {
    const { agent, server } = await agentFor([{ kind: "hang" }, ...operatorScript()]);

    const step = await agent.step({ episode: EPISODE, history: [] });

    expect(step.action).toEqual({ kind: "command", command: INSPECT });
    expect(server.requests).toHaveLength(2);
    expect(step.errors).toEqual([
      {
        kind: "call-failed",
        reason: "timeout",
        message: "no answer within 300 ms",
        attempt: 1,
        retriedAfterMs: 10,
      },
    ]);
  });

  it("ends the trial with the cause when every attempt times out", async () => {
    const { agent, server } = await agentFor([{ kind: "hang" }]);

    const result = await runAgentLoop({ agent, episode: EPISODE, execute: fakeShell().execute, maxSteps: 5 });

    expect(server.requests).toHaveLength(3);
    expect(result.end.reason).toBe("agent-failed");
    expect(result.steps).toHaveLength(1);
    const [failed] = result.steps;
    expect(failed?.action).toEqual({
      kind: "failed",
      reason: "timeout",
      message: "The model call failed after 3 attempts: no answer within 300 ms",
    });
    expect(
      failed?.errors.map((error) => (error.kind === "call-failed" ? error.retriedAfterMs : "?")),
    ).toEqual([10, 20, undefined]);
    expect(result.totals.failedCalls).toBe(3);
  });

  it("waits out a 429's Retry-After before trying again", async () => {
    const { agent, server } = await agentFor([
      { kind: "http-error", status: 429, headers: { "retry-after": "1" }, message: "Rate limit reached" },
      ...operatorScript(),
    ]);

    const step = await agent.step({ episode: EPISODE, history: [] });

    expect(step.action).toEqual({ kind: "command", command: INSPECT });
    const [limited, retried] = server.requests;
    // Not before Retry-After (1 s); a millisecond of slack for timer rounding.
    expect((retried?.receivedAt ?? 0) - (limited?.answeredAt ?? 0)).toBeGreaterThanOrEqual(999);
    expect(step.errors).toEqual([
      {
        kind: "call-failed",
        reason: "rate-limited",
        status: 429,
        message: "HTTP 429: Rate limit reached",
        attempt: 1,
        retriedAfterMs: 1000,
      },
    ]);
  });

  it("does not wait for a Retry-After longer than the longest allowed delay", async () => {
    const { agent, server } = await agentFor(
      [{ kind: "http-error", status: 429, headers: { "retry-after": "3600" }, message: "Quota exhausted" }],
      { ...FAST_RETRIES, retryMaxDelayMs: 5000 },
    );

    await expect(agent.step({ episode: EPISODE, history: [] })).rejects.toMatchObject({
      reason: "rate-limited",
      message: "The model call failed: HTTP 429: Quota exhausted",
    });
    expect(server.requests).toHaveLength(1);
  });

  it("retries a server error with exponential back-off", async () => {
    const { agent } = await agentFor([
      { kind: "http-error", status: 503, message: "overloaded" },
      { kind: "http-error", status: 500, message: "internal" },
      ...operatorScript(),
    ]);

    const step = await agent.step({ episode: EPISODE, history: [] });

    expect(step.action.kind).toBe("command");
    expect(
      step.errors.map((error) => (error.kind === "call-failed" ? [error.status, error.retriedAfterMs] : [])),
    ).toEqual([
      [503, 10],
      [500, 20],
    ]);
  });

  it("does not retry a rejected request, and keeps the key out of the record", async () => {
    const { agent, server } = await agentFor([
      { kind: "http-error", status: 401, message: `Incorrect API key provided: ${KEY}` },
    ]);

    const result = await runAgentLoop({ agent, episode: EPISODE, execute: fakeShell().execute, maxSteps: 5 });

    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(result.end).toEqual({
      reason: "agent-failed",
      message: "The model call failed: HTTP 401: Incorrect API key provided: [REDACTED]",
    });
    expect(JSON.stringify(result)).not.toContain(KEY);
  });

  it("names an unreachable endpoint in one sentence", async () => {
    const port = await freePort();
    const agent = createLlmAgent("local:llama", {
      providers: { local: { type: "openai-compatible", baseURL: `http://127.0.0.1:${port}/v1` } },
      settings: { ...FAST_RETRIES, maxRetries: 1 },
    });

    const failure = await agent.step({ episode: EPISODE, history: [] }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ModelUnreachableError);
    expect(failure).toBeInstanceOf(AgentFailure);
    expect((failure as ModelUnreachableError).message).toBe(
      `The model endpoint http://127.0.0.1:${port}/v1 cannot be reached (ECONNREFUSED): check the provider's baseURL, or choose another agent.`,
    );
    expect((failure as ModelUnreachableError).errors).toHaveLength(2);
  });

  it("stops waiting when the trial is aborted", async () => {
    const { agent } = await agentFor([{ kind: "hang" }], { requestTimeoutMs: 60_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);

    const result = await runAgentLoop({
      agent,
      episode: EPISODE,
      execute: fakeShell().execute,
      maxSteps: 5,
      signal: controller.signal,
    });

    expect(result.end.reason).toBe("aborted");
    expect(result.steps).toHaveLength(0);
  });
});

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

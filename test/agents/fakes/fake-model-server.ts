import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Thinking } from "../../../src/agents/index.js";

/** One answer of a scripted model, whatever the vendor. */
export type ScriptedTurn =
  | { kind: "command"; thinking: Thinking; command: string; reasoning?: string }
  | { kind: "finish"; thinking: Thinking; summary: string; objectiveMet: boolean; reasoning?: string }
  /** A raw tool call, for malformed answers (two calls, bad JSON, unknown tool). */
  | { kind: "tool-calls"; calls: { name: string; arguments: string }[] }
  | { kind: "text"; text: string; reasoning?: string }
  | { kind: "http-error"; status: number; headers?: Record<string, string>; message: string }
  /** Never answers: the client must time out. */
  | { kind: "hang" };

export type Vendor = "openai" | "anthropic" | "google";

export interface CapturedRequest {
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
  /** performance.now() when the request arrived, and when its answer was sent (absent: never answered). */
  readonly receivedAt: number;
  answeredAt?: number;
}

export interface FakeModelServer {
  /** Base URL to configure the provider with (ends in /v1 or /v1beta). */
  readonly baseURL: string;
  readonly requests: CapturedRequest[];
  close(): Promise<void>;
}

/** Usage the fake reports for its n-th answer (0-based), so tests can check the accounting. */
export function scriptedUsage(n: number): { input: number; output: number; reasoning: number } {
  return { input: 1000 + 100 * n, output: 40 + n, reasoning: 7 };
}

/**
 * A local HTTP server that speaks one vendor's real wire format (OpenAI chat completions, Anthropic messages,
 * Gemini generateContent) and answers requests with the script's turns, in order. Past the script's end it
 * repeats the last turn. OpenAI-compatible servers are the OpenAI wire format.
 */
export async function startFakeModelServer(
  vendor: Vendor,
  script: readonly ScriptedTurn[],
): Promise<FakeModelServer> {
  const requests: CapturedRequest[] = [];
  const server = http.createServer(async (req, res) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const captured: CapturedRequest = {
      path: req.url ?? "",
      headers: req.headers,
      body: raw === "" ? {} : (JSON.parse(raw) as Record<string, unknown>),
      receivedAt: performance.now(),
    };
    const n = requests.length;
    requests.push(captured);
    const turn = script[Math.min(n, script.length - 1)];
    if (turn === undefined || turn.kind === "hang") return;
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      captured.answeredAt = performance.now();
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    if (turn.kind === "http-error") {
      send(turn.status, errorBody(vendor, turn.status, turn.message), turn.headers);
      return;
    }
    send(200, ENCODERS[vendor](turn, n));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/${vendor === "google" ? "v1beta" : "v1"}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type AnswerTurn = Exclude<ScriptedTurn, { kind: "http-error" } | { kind: "hang" }>;

function toolCallsOf(turn: AnswerTurn): { name: string; args: Record<string, unknown> | string }[] {
  switch (turn.kind) {
    case "command":
      return [{ name: "run_command", args: { ...turn.thinking, command: turn.command } }];
    case "finish":
      return [
        {
          name: "finish",
          args: { ...turn.thinking, summary: turn.summary, objective_met: turn.objectiveMet },
        },
      ];
    case "tool-calls":
      return turn.calls.map((call) => ({ name: call.name, args: call.arguments }));
    case "text":
      return [];
  }
}

function reasoningOf(turn: AnswerTurn): string | undefined {
  return turn.kind === "tool-calls" ? undefined : turn.reasoning;
}

const ENCODERS: Record<Vendor, (turn: AnswerTurn, n: number) => unknown> = {
  openai(turn, n) {
    const usage = scriptedUsage(n);
    const calls = toolCallsOf(turn);
    const reasoning = reasoningOf(turn);
    return {
      id: `chatcmpl-${n}`,
      object: "chat.completion",
      created: 1_700_000_000 + n,
      model: "fake-model",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: turn.kind === "text" ? turn.text : null,
            ...(reasoning === undefined ? {} : { reasoning_content: reasoning }),
            ...(calls.length === 0
              ? {}
              : {
                  tool_calls: calls.map((call, i) => ({
                    id: `call_${n}_${i}`,
                    type: "function",
                    function: {
                      name: call.name,
                      arguments: typeof call.args === "string" ? call.args : JSON.stringify(call.args),
                    },
                  })),
                }),
          },
          finish_reason: calls.length === 0 ? "stop" : "tool_calls",
        },
      ],
      usage: {
        prompt_tokens: usage.input,
        completion_tokens: usage.output,
        total_tokens: usage.input + usage.output,
        completion_tokens_details: { reasoning_tokens: usage.reasoning },
      },
    };
  },
  anthropic(turn, n) {
    const usage = scriptedUsage(n);
    const reasoning = reasoningOf(turn);
    const content: unknown[] = [];
    if (reasoning !== undefined)
      content.push({ type: "thinking", thinking: reasoning, signature: `signature-${n}` });
    if (turn.kind === "text") content.push({ type: "text", text: turn.text });
    toolCallsOf(turn).forEach((call, i) => {
      content.push({
        type: "tool_use",
        id: `toolu_${n}_${i}`,
        name: call.name,
        input: typeof call.args === "string" ? safeJson(call.args) : call.args,
      });
    });
    return {
      id: `msg_${n}`,
      type: "message",
      role: "assistant",
      model: "fake-model",
      content,
      stop_reason: turn.kind === "text" ? "end_turn" : "tool_use",
      stop_sequence: null,
      usage: { input_tokens: usage.input, output_tokens: usage.output },
    };
  },
  google(turn, n) {
    const usage = scriptedUsage(n);
    const reasoning = reasoningOf(turn);
    const parts: unknown[] = [];
    if (reasoning !== undefined) parts.push({ text: reasoning, thought: true });
    if (turn.kind === "text") parts.push({ text: turn.text });
    for (const call of toolCallsOf(turn)) {
      parts.push({
        functionCall: {
          name: call.name,
          args: typeof call.args === "string" ? safeJson(call.args) : call.args,
        },
        thoughtSignature: `c2lnbmF0dXJlLTEyMw==`,
      });
    }
    return {
      candidates: [{ content: { role: "model", parts }, finishReason: "STOP", index: 0 }],
      usageMetadata: {
        promptTokenCount: usage.input,
        // Gemini counts thoughts apart from the candidates; the SDK adds them up.
        candidatesTokenCount: usage.output - usage.reasoning,
        thoughtsTokenCount: usage.reasoning,
        totalTokenCount: usage.input + usage.output,
      },
      modelVersion: "fake-model",
    };
  },
};

/** Anthropic and Gemini carry tool input as JSON objects, not strings: malformed input becomes a string value. */
function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { unparsable: text };
  }
}

function errorBody(vendor: Vendor, status: number, message: string): unknown {
  switch (vendor) {
    case "openai":
      return {
        error: { message, type: status === 429 ? "rate_limit_exceeded" : "server_error", code: null },
      };
    case "anthropic":
      return { type: "error", error: { type: status === 429 ? "rate_limit_error" : "api_error", message } };
    case "google":
      return { error: { code: status, message, status: status === 429 ? "RESOURCE_EXHAUSTED" : "INTERNAL" } };
  }
}

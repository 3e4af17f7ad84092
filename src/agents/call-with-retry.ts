import { setTimeout as sleep } from "node:timers/promises";
import { APICallError } from "ai";
import { type AgentError, AgentFailure, type CallFailureReason } from "./agent.js";

export interface RetryPolicy {
  /** Attempts after the first. */
  readonly maxRetries: number;
  readonly initialDelayMs: number;
  /** Longest wait between attempts; a Retry-After longer than this is not waited for. */
  readonly maxDelayMs: number;
  /** Budget of one attempt; the request is aborted after it. */
  readonly requestTimeoutMs: number;
}

export interface CallContext {
  /** Base URL of the provider, for the unreachable message. */
  readonly endpoint: string;
  /** Aborts the call and any wait between attempts. */
  readonly signal?: AbortSignal;
  /** Applied to every message that leaves this function. */
  readonly redact: (text: string) => string;
}

/** The endpoint never answered, after every retry: the CLI can say so in one sentence. */
export class ModelUnreachableError extends AgentFailure {
  constructor(
    readonly endpoint: string,
    detail: string,
    errors: readonly AgentError[],
    latencyMs: number,
  ) {
    super(
      `The model endpoint ${endpoint} cannot be reached (${detail}): check the provider's baseURL, or choose another agent.`,
      "unreachable",
      errors,
      latencyMs,
    );
    this.name = "ModelUnreachableError";
  }
}

interface Failure {
  readonly reason: CallFailureReason;
  readonly retryable: boolean;
  readonly message: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
}

/**
 * Calls a model with our own retries, so that every failed attempt is recorded (the SDK's built-in retries are
 * invisible) and a timeout is retried too (the SDK treats an abort as final). Retries 429, 5xx, 408, timeouts,
 * connection errors and unreadable responses with exponential back-off; a Retry-After (or retry-after-ms)
 * header sets the wait instead. Resolves with the value and the failed attempts; rejects with an `AgentFailure`
 * when an attempt fails for good, or with the abort reason when `signal` fires.
 */
export async function callWithRetry<T>(
  call: (signal: AbortSignal) => Promise<T>,
  policy: RetryPolicy,
  context: CallContext,
): Promise<{ value: T; errors: AgentError[] }> {
  const started = performance.now();
  const errors: AgentError[] = [];
  for (let attempt = 1; ; attempt++) {
    context.signal?.throwIfAborted();
    const timeout = AbortSignal.timeout(policy.requestTimeoutMs);
    const signal = context.signal === undefined ? timeout : AbortSignal.any([context.signal, timeout]);
    let failure: Failure;
    try {
      return { value: await call(signal), errors };
    } catch (error) {
      if (context.signal?.aborted === true) throw context.signal.reason;
      failure = timeout.aborted
        ? { reason: "timeout", retryable: true, message: `no answer within ${policy.requestTimeoutMs} ms` }
        : classify(error);
    }
    const delay = failure.retryAfterMs ?? backoff(policy, attempt);
    const retried = failure.retryable && attempt <= policy.maxRetries && delay <= policy.maxDelayMs;
    const message = context.redact(failure.message);
    errors.push({
      kind: "call-failed",
      reason: failure.reason,
      message,
      attempt,
      ...(failure.status === undefined ? {} : { status: failure.status }),
      ...(retried ? { retriedAfterMs: delay } : {}),
    });
    if (!retried) {
      const latencyMs = performance.now() - started;
      if (failure.reason === "unreachable") {
        throw new ModelUnreachableError(context.redact(context.endpoint), message, errors, latencyMs);
      }
      const tries = attempt === 1 ? "" : ` after ${attempt} attempts`;
      throw new AgentFailure(`The model call failed${tries}: ${message}`, failure.reason, errors, latencyMs);
    }
    await sleep(delay, undefined, context.signal === undefined ? undefined : { signal: context.signal });
  }
}

function backoff(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
}

/** Errors of the SDK that mean the provider's answer could not be read. */
const UNREADABLE_RESPONSE = new Set([
  "AI_InvalidResponseDataError",
  "AI_JSONParseError",
  "AI_TypeValidationError",
  "AI_EmptyResponseBodyError",
  "AI_NoContentGeneratedError",
]);

function classify(error: unknown): Failure {
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    if (status === undefined) {
      return { reason: "unreachable", retryable: true, message: connectionDetail(error) };
    }
    const message = `HTTP ${status}: ${error.message}`;
    if (status === 429) {
      const retryAfterMs = retryAfter(error.responseHeaders);
      return {
        reason: "rate-limited",
        retryable: true,
        message,
        status,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      };
    }
    if (status === 408 || status >= 500) {
      const retryAfterMs = retryAfter(error.responseHeaders);
      return {
        reason: "server-error",
        retryable: true,
        message,
        status,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      };
    }
    return { reason: "rejected", retryable: false, message, status };
  }
  if (error instanceof Error && UNREADABLE_RESPONSE.has(error.name)) {
    return { reason: "invalid-response", retryable: true, message: `unreadable answer: ${error.message}` };
  }
  throw error;
}

/** "ECONNREFUSED", "ENOTFOUND"… from the fetch error under the SDK's, else the SDK's message. */
function connectionDetail(error: APICallError): string {
  let cause: unknown = error.cause;
  for (let depth = 0; depth < 4 && cause instanceof Error; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string") return code;
    cause = cause.cause;
  }
  return error.message;
}

/** Milliseconds from `retry-after-ms`, or `retry-after` as seconds or an HTTP date. */
function retryAfter(headers: Record<string, string> | undefined): number | undefined {
  const milliseconds = Number.parseFloat(headers?.["retry-after-ms"] ?? "");
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const value = headers?.["retry-after"];
  if (value === undefined) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

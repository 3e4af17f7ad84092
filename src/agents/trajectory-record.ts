import { z } from "zod";
import { THINKING_SECTIONS } from "./agent.js";

/**
 * One step of a trial as it is written to `trials/<id>.json`: what the agent thought and did, what it saw back,
 * and what it cost. The schema is the contract for readers of the record (report, replay, scorer).
 */

const thinkingSchema = z.strictObject(
  Object.fromEntries(THINKING_SECTIONS.map((section) => [section, z.string()])) as Record<
    (typeof THINKING_SECTIONS)[number],
    z.ZodString
  >,
);

const count = z.number().int().nonnegative();

export const tokenUsageSchema = z.strictObject({
  inputTokens: count,
  outputTokens: count,
  reasoningTokens: count.optional(),
  cachedInputTokens: count.optional(),
});

const callFailureReasonSchema = z.enum([
  "rate-limited",
  "server-error",
  "timeout",
  "unreachable",
  "rejected",
  "invalid-response",
]);

export const agentErrorSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("malformed-answer"), message: z.string() }),
  z.strictObject({
    kind: z.literal("incomplete-thinking"),
    message: z.string(),
    missing: z.array(z.enum(THINKING_SECTIONS)),
  }),
  z.strictObject({ kind: z.literal("provider-warning"), message: z.string() }),
  z.strictObject({
    kind: z.literal("call-failed"),
    reason: callFailureReasonSchema,
    message: z.string(),
    attempt: z.number().int().positive(),
    status: z.number().int().optional(),
    retriedAfterMs: z.number().nonnegative().optional(),
  }),
]);

/** The command's result exactly as the agent's shell returned it. */
export const observationRecordSchema = z.strictObject({
  stdout: z.string(),
  stderr: z.string(),
  exitCode: z.number().int(),
  truncated: z.boolean(),
  timedOut: z.boolean(),
  refused: z.array(z.strictObject({ kind: z.string(), detail: z.string() })),
});

const base = {
  /** 0-based position in the trial. */
  index: count,
  /** The cluster's virtual clock (RFC 3339) when the step began; absent without a clock. */
  virtualTime: z.iso.datetime().optional(),
  /** Real time the agent took to answer: model calls, retries and waits included. */
  latencyMs: z.number().nonnegative(),
  errors: z.array(agentErrorSchema),
};

const answered = {
  ...base,
  thinking: thinkingSchema,
  rawOutput: z.string(),
  reasoningText: z.string().optional(),
  usage: tokenUsageSchema,
  costUsd: z.number().nonnegative().nullable(),
};

export const stepRecordSchema = z.union([
  z.strictObject({
    ...answered,
    action: z.strictObject({ kind: z.literal("command"), command: z.string().min(1) }),
    observation: observationRecordSchema,
    /** Real time the command took in the shell. */
    commandMs: z.number().nonnegative(),
  }),
  z.strictObject({
    ...answered,
    action: z.strictObject({
      kind: z.literal("finish"),
      summary: z.string(),
      claimsSuccess: z.boolean().optional(),
    }),
  }),
  z.strictObject({
    ...answered,
    action: z.strictObject({ kind: z.literal("malformed"), problem: z.string(), feedback: z.string() }),
  }),
  /** The agent could not answer at all (its model unreachable, retries exhausted); the trial ended here. */
  z.strictObject({
    ...base,
    action: z.strictObject({
      kind: z.literal("failed"),
      reason: callFailureReasonSchema,
      message: z.string(),
    }),
  }),
]);

export type StepRecord = z.infer<typeof stepRecordSchema>;
export type ObservationRecord = z.infer<typeof observationRecordSchema>;

/** One step as a line of JSON. */
export function serializeStepRecord(record: StepRecord): string {
  return JSON.stringify(stepRecordSchema.parse(record));
}

/** A step read back from a record; throws a message naming the first bad field. */
export function parseStepRecord(value: unknown): StepRecord {
  const parsed = stepRecordSchema.safeParse(typeof value === "string" ? JSON.parse(value) : value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `Not a step record: ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`,
    );
  }
  return parsed.data;
}

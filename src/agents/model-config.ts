import { z } from "zod";

/**
 * The parts of `smith.yaml` that describe model agents. The config loader validates with these schemas; the
 * types are what `createLlmAgent` takes.
 */

export const PROVIDER_TYPES = ["openai", "anthropic", "google", "openai-compatible"] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number];

/** How an openai-compatible server turns thinking on and off:
 * - enable_thinking: a top-level `enable_thinking` (DashScope, Qwen3's own API); `thinking_budget` with a budget.
 * - chat_template_kwargs: `chat_template_kwargs: {enable_thinking}` (vLLM, SGLang serving Qwen3).
 * - reasoning_effort: the OpenAI-style `reasoning_effort` (OpenRouter, DeepSeek, Ollama). */
export const REASONING_SWITCHES = ["enable_thinking", "chat_template_kwargs", "reasoning_effort"] as const;
export type ReasoningSwitch = (typeof REASONING_SWITCHES)[number];

export const providerEntrySchema = z.strictObject({
  type: z.enum(PROVIDER_TYPES),
  baseURL: z.url().optional(),
  /** Name of the environment variable that holds the key. Optional for openai-compatible servers without auth. */
  apiKeyEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
    .optional(),
  /** openai-compatible only; default enable_thinking. */
  reasoningSwitch: z.enum(REASONING_SWITCHES).optional(),
});
export type ProviderEntry = z.infer<typeof providerEntrySchema>;

/** The provider name is the `NAME` of an agent spec `NAME:MODEL`, and the key of its per-request options. */
export const providersSchema = z.record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/), providerEntrySchema);
export type Providers = z.infer<typeof providersSchema>;

/** USD per million tokens. Reasoning tokens are billed as output tokens. */
export const priceSchema = z.strictObject({
  inputPerMTok: z.number().nonnegative(),
  outputPerMTok: z.number().nonnegative(),
  /** Price of input tokens read from the provider's cache; the input price when absent. */
  cachedInputPerMTok: z.number().nonnegative().optional(),
});
export type Price = z.infer<typeof priceSchema>;
/** Keyed by agent spec: `"openai:gpt-4.1": {inputPerMTok: 2, outputPerMTok: 8}`. */
export const pricesSchema = z.record(z.string(), priceSchema);
export type Prices = z.infer<typeof pricesSchema>;

export const REASONING_EFFORTS = ["minimal", "low", "medium", "high"] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

/** Thinking on or off, mapped to each provider's own switch. Absent: the provider's default, nothing sent. */
export const reasoningSchema = z.strictObject({
  enabled: z.boolean(),
  effort: z.enum(REASONING_EFFORTS).optional(),
  /** Thinking tokens for providers that take a budget (Anthropic, Gemini, DashScope). */
  budgetTokens: z.number().int().positive().optional(),
});
export type Reasoning = z.infer<typeof reasoningSchema>;

const jsonObject = z.record(z.string(), z.json());

export const modelSettingsSchema = z.strictObject({
  protocol: z.enum(["tools", "text"]).default("tools"),
  memory: z
    .strictObject({
      mode: z.enum(["none", "window", "summary"]).default("summary"),
      windowSteps: z.number().int().min(1).default(8),
      summaryMaxChars: z.number().int().min(200).default(6000),
      /** Longest command output shown to the model for one step. */
      observationMaxChars: z.number().int().min(200).default(16_000),
    })
    .prefault({}),
  reasoning: reasoningSchema.optional(),
  temperature: z.number().min(0).max(2).optional(),
  seed: z.number().int().optional(),
  /**
   * Longest answer; the provider's default when unset. Anthropic adds the thinking budget on top; OpenAI reasoning
   * models, Gemini and most openai-compatible servers count thinking inside it, so a small value starves them.
   * The answers kept verbatim in memory are bounded by it.
   */
  maxOutputTokens: z.number().int().positive().optional(),
  requestTimeoutMs: z.number().int().positive().default(180_000),
  /** Attempts after the first, on 429, 5xx, timeouts and connection errors. */
  maxRetries: z.number().int().min(0).default(4),
  retryInitialDelayMs: z.number().int().min(0).default(2000),
  /** Longest wait between attempts. A Retry-After asking for more than this ends the step instead. */
  retryMaxDelayMs: z.number().int().min(0).default(60_000),
  /** Raw per-provider options, merged over the ones Smith derives (`{anthropic: {...}}`). */
  providerOptions: z.record(z.string(), jsonObject).optional(),
});
export type ModelSettings = z.output<typeof modelSettingsSchema>;
export type ModelSettingsInput = z.input<typeof modelSettingsSchema>;

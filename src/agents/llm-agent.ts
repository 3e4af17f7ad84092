import { generateText, type LanguageModel } from "ai";
import { type Agent, type AgentError, type AgentStep, type StepContext, THINKING_SECTIONS } from "./agent.js";
import { AgentConfigError } from "./agent-config-error.js";
import { assemblePrompt, type NativeTurn } from "./assemble-prompt.js";
import { callWithRetry } from "./call-with-retry.js";
import { costUsd, tokenUsage } from "./cost.js";
import { createMemory, type Summarizer } from "./memory.js";
import {
  type ModelSettings,
  type ModelSettingsInput,
  modelSettingsSchema,
  type Price,
  type Prices,
  type Providers,
} from "./model-config.js";
import type { ParsedAnswer } from "./parsed-answer.js";
import { type ProviderOptions, providerOptionsFor } from "./reasoning-options.js";
import { redactSecrets } from "./redact.js";
import { resolveModel } from "./resolve-model.js";
import { malformedFeedback } from "./scaffold-prompt.js";
import { parseTextAnswer } from "./text-protocol.js";
import { type ModelToolCall, parseToolAnswer, SCAFFOLD_TOOLS } from "./tool-protocol.js";

export interface LlmAgentConfig {
  readonly providers?: Providers;
  readonly prices?: Prices;
  readonly settings?: ModelSettingsInput;
  /** Where key variables are read; the process environment by default. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly summarize?: Summarizer;
}

/**
 * The agent for a model spec `<provider>:<model>`, for one trial. Throws `AgentConfigError` (or its
 * `MissingApiKeyError`) when the spec or the config cannot work, before any request.
 */
export function createLlmAgent(spec: string, config: LlmAgentConfig = {}): Agent {
  const parsed = modelSettingsSchema.safeParse(config.settings ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AgentConfigError(
      `The settings of agent "${spec}" are invalid at ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}.`,
    );
  }
  const settings = parsed.data;
  const resolved = resolveModel(spec, config);
  return createScaffoldAgent({
    spec,
    model: resolved.model,
    settings,
    providerOptions: providerOptionsFor(resolved, settings),
    price: config.prices?.[spec],
    endpoint: resolved.endpoint,
    secrets: resolved.secrets,
    summarize: config.summarize,
  });
}

export interface ScaffoldAgentOptions {
  readonly spec: string;
  readonly model: LanguageModel;
  readonly settings: ModelSettings;
  readonly providerOptions?: ProviderOptions | undefined;
  readonly price?: Price | undefined;
  /** Where the model is served, for error messages. */
  readonly endpoint?: string | undefined;
  /** Redacted from everything the agent reports. */
  readonly secrets?: readonly string[] | undefined;
  readonly summarize?: Summarizer | undefined;
}

/** The scaffold around any AI SDK model: prompt and memory, one call per step, parsing, retries, accounting. */
export function createScaffoldAgent(options: ScaffoldAgentOptions): Agent {
  const { settings } = options;
  const { protocol } = settings;
  const redact = (text: string) => redactSecrets(text, options.secrets ?? []);
  const memory = createMemory({
    ...settings.memory,
    ...(options.summarize === undefined ? {} : { summarize: options.summarize }),
  });
  const nativeTurns = new WeakMap<AgentStep, NativeTurn>();
  const reportedWarnings = new Set<string>();
  const retryPolicy = {
    maxRetries: settings.maxRetries,
    initialDelayMs: settings.retryInitialDelayMs,
    maxDelayMs: settings.retryMaxDelayMs,
    requestTimeoutMs: settings.requestTimeoutMs,
  };
  // Warnings go into the record; printed, they would interleave with the CLI's progress output.
  (globalThis as { AI_SDK_LOG_WARNINGS?: unknown }).AI_SDK_LOG_WARNINGS ??= false;

  return {
    spec: options.spec,
    async step({ episode, history, signal }: StepContext): Promise<AgentStep> {
      const started = performance.now();
      const view = await memory.view(history);
      const prompt = assemblePrompt({
        episode,
        protocol,
        view,
        observationMaxChars: settings.memory.observationMaxChars,
        nativeTurn: (step) => nativeTurns.get(step),
      });
      const { value: result, errors: callErrors } = await callWithRetry(
        (abortSignal) =>
          generateText({
            model: options.model,
            instructions: prompt.instructions,
            messages: prompt.messages,
            tools: protocol === "tools" ? SCAFFOLD_TOOLS : undefined,
            maxRetries: 0,
            abortSignal,
            maxOutputTokens: settings.maxOutputTokens,
            temperature: settings.temperature,
            seed: settings.seed,
            providerOptions: options.providerOptions,
          }),
        retryPolicy,
        { endpoint: options.endpoint ?? options.spec, signal, redact },
      );

      const final = result.finalStep;
      const toolCalls: readonly ModelToolCall[] = final.toolCalls;
      const parsed =
        protocol === "tools" ? parseToolAnswer(toolCalls, final.text) : parseTextAnswer(final.text);
      const errors: AgentError[] = [...callErrors];
      for (const warning of final.warnings ?? []) {
        const message = redact(JSON.stringify(warning));
        if (reportedWarnings.has(message)) continue;
        reportedWarnings.add(message);
        errors.push({ kind: "provider-warning", message });
      }
      errors.push(...answerErrors(parsed));

      const usage = tokenUsage(result.usage);
      const step: AgentStep = {
        action:
          parsed.action.kind === "malformed"
            ? { ...parsed.action, feedback: malformedFeedback(parsed.action.problem, protocol) }
            : parsed.action,
        thinking: parsed.thinking,
        rawOutput: redact(rawOutput(final.text, toolCalls)),
        ...(final.reasoningText === undefined || final.reasoningText === ""
          ? {}
          : { reasoningText: redact(final.reasoningText) }),
        usage,
        costUsd: costUsd(usage, options.price),
        latencyMs: performance.now() - started,
        errors,
      };
      nativeTurns.set(step, {
        assistant: result.responseMessages.filter((message) => message.role === "assistant"),
      });
      return step;
    },
  };
}

function answerErrors(parsed: ParsedAnswer): AgentError[] {
  if (parsed.action.kind === "malformed")
    return [{ kind: "malformed-answer", message: parsed.action.problem }];
  if (parsed.missing.length === 0) return [];
  const missing = THINKING_SECTIONS.filter((section) => parsed.missing.includes(section));
  return [{ kind: "incomplete-thinking", message: `no ${missing.join(", ")} section`, missing }];
}

/** The model's answer as one text: its words, then each tool call on a line of its own. */
function rawOutput(text: string, toolCalls: readonly ModelToolCall[]): string {
  const calls = toolCalls.map(
    (call) => `${call.toolName} ${typeof call.input === "string" ? call.input : JSON.stringify(call.input)}`,
  );
  return [text.trim(), ...calls].filter((line) => line !== "").join("\n");
}

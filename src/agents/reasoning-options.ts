import type { JSONValue } from "ai";
import type { ModelSettings, Reasoning, ReasoningEffort } from "./model-config.js";
import type { ResolvedModel } from "./resolve-model.js";

export type ProviderOptions = Record<string, Record<string, JSONValue>>;

/** Thinking budgets for providers that take tokens, when only an effort (or nothing) is given. */
const EFFORT_BUDGET: Record<ReasoningEffort, number> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16_384,
};

/**
 * The per-request provider options for a model: its thinking switch, then the config's raw options over it.
 * Thinking on or off is one of the paper's main comparisons, so "off" is sent explicitly rather than left to a
 * provider default:
 * - OpenAI: `reasoningEffort` (effort, default medium; off = "none").
 * - Anthropic: `thinking: {type: "enabled", budgetTokens}` / `{type: "disabled"}`.
 * - Google: `thinkingConfig: {thinkingBudget, includeThoughts: true}` / `{thinkingBudget: 0}`.
 * - openai-compatible: per its `reasoningSwitch` (see model-config.ts), under the provider's own name, which the
 *   SDK copies into the request body.
 */
export function providerOptionsFor(
  model: ResolvedModel,
  settings: ModelSettings,
): ProviderOptions | undefined {
  const derived = settings.reasoning === undefined ? undefined : reasoningOptions(model, settings.reasoning);
  const merged: ProviderOptions = { ...derived };
  for (const [key, options] of Object.entries(settings.providerOptions ?? {})) {
    merged[key] = { ...merged[key], ...options };
  }
  return Object.keys(merged).length === 0 ? undefined : merged;
}

function reasoningOptions(model: ResolvedModel, reasoning: Reasoning): ProviderOptions {
  const { enabled, effort } = reasoning;
  const budget = reasoning.budgetTokens ?? EFFORT_BUDGET[effort ?? "medium"];
  const key = model.optionsKey;
  switch (model.providerType) {
    case "openai":
      return { [key]: { reasoningEffort: enabled ? (effort ?? "medium") : "none" } };
    case "anthropic":
      return {
        [key]: { thinking: enabled ? { type: "enabled", budgetTokens: budget } : { type: "disabled" } },
      };
    case "google":
      return {
        [key]: {
          thinkingConfig: enabled ? { thinkingBudget: budget, includeThoughts: true } : { thinkingBudget: 0 },
        },
      };
    case "openai-compatible":
      switch (model.reasoningSwitch) {
        case "enable_thinking":
          return {
            [key]: {
              enable_thinking: enabled,
              ...(enabled && reasoning.budgetTokens !== undefined
                ? { thinking_budget: reasoning.budgetTokens }
                : {}),
            },
          };
        case "chat_template_kwargs":
          return { [key]: { chat_template_kwargs: { enable_thinking: enabled } } };
        case "reasoning_effort":
          return { [key]: { reasoningEffort: enabled ? (effort ?? "medium") : "none" } };
      }
  }
}

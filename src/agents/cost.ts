import type { LanguageModelUsage } from "ai";
import type { TokenUsage } from "./agent.js";
import type { Price } from "./model-config.js";

/** The SDK's usage in the record's terms; counts a provider did not report are 0. */
export function tokenUsage(usage: LanguageModelUsage): TokenUsage {
  const reasoning = usage.outputTokenDetails.reasoningTokens;
  const cached = usage.inputTokenDetails.cacheReadTokens;
  return {
    inputTokens: usage.inputTokens ?? 0,
    outputTokens: usage.outputTokens ?? 0,
    ...(reasoning === undefined ? {} : { reasoningTokens: reasoning }),
    ...(cached === undefined || cached === 0 ? {} : { cachedInputTokens: cached }),
  };
}

/** USD for one call; null when the model has no price in the config. */
export function costUsd(usage: TokenUsage, price: Price | undefined): number | null {
  if (price === undefined) return null;
  const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens);
  const input =
    (usage.inputTokens - cached) * price.inputPerMTok +
    cached * (price.cachedInputPerMTok ?? price.inputPerMTok);
  return (input + usage.outputTokens * price.outputPerMTok) / 1_000_000;
}

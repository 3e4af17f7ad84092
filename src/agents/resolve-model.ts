import { createAnthropic } from "@ai-sdk/anthropic";
import { createGoogle } from "@ai-sdk/google";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModel } from "ai";
import { AgentConfigError, MissingApiKeyError } from "./agent-config-error.js";
import type { ProviderEntry, Providers, ProviderType, ReasoningSwitch } from "./model-config.js";

/** The providers that need no config entry, with their usual key variables and endpoints. */
const BUILT_IN: Record<Exclude<ProviderType, "openai-compatible">, { apiKeyEnv: string; baseURL: string }> = {
  openai: { apiKeyEnv: "OPENAI_API_KEY", baseURL: "https://api.openai.com/v1" },
  anthropic: { apiKeyEnv: "ANTHROPIC_API_KEY", baseURL: "https://api.anthropic.com/v1" },
  google: {
    apiKeyEnv: "GOOGLE_GENERATIVE_AI_API_KEY",
    baseURL: "https://generativelanguage.googleapis.com/v1beta",
  },
};

export interface ModelSpec {
  /** A built-in provider or a key of the config's `providers`. */
  readonly provider: string;
  /** Everything after the first colon, so Ollama's `qwen3:32b` stays whole. */
  readonly model: string;
}

/** Splits `<provider>:<model>`. */
export function parseModelSpec(spec: string): ModelSpec {
  const colon = spec.indexOf(":");
  const provider = spec.slice(0, colon).trim();
  const model = spec.slice(colon + 1).trim();
  if (colon < 0 || provider === "" || model === "") {
    throw new AgentConfigError(
      `The agent "${spec}" is not of the form <provider>:<model>, e.g. openai:gpt-4.1.`,
    );
  }
  return { provider, model };
}

export interface ResolvedModel {
  readonly spec: string;
  /** The provider's name: "openai", or a key of the config's `providers`. */
  readonly providerName: string;
  readonly providerType: ProviderType;
  readonly modelId: string;
  readonly model: LanguageModel;
  /** Base URL the requests go to, for error messages. */
  readonly endpoint: string;
  /** The key of the request's provider options: the type for built-in kinds, the name for openai-compatible. */
  readonly optionsKey: string;
  readonly reasoningSwitch: ReasoningSwitch;
  /** Values that must never be written anywhere (the API key). */
  readonly secrets: readonly string[];
}

export interface ResolveOptions {
  readonly providers?: Providers;
  /** Where key variables are read; the process environment by default. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Builds the AI SDK model for an agent spec. Throws `AgentConfigError` for an unknown provider or an incomplete
 * entry, and `MissingApiKeyError` when the key variable is unset, before any request is made. The key is read
 * here and handed only to the provider client: it never enters the agent's shell or the record.
 */
export function resolveModel(spec: string, options: ResolveOptions = {}): ResolvedModel {
  const { provider, model: modelId } = parseModelSpec(spec);
  const entry = providerEntry(provider, spec, options.providers);
  const env = options.env ?? process.env;
  const builtIn = entry.type === "openai-compatible" ? undefined : BUILT_IN[entry.type];
  const baseURL = (entry.baseURL ?? builtIn?.baseURL)?.replace(/\/+$/, "");
  if (baseURL === undefined) {
    throw new AgentConfigError(
      `The provider "${provider}" has no baseURL: add one to its entry under providers.`,
    );
  }
  const keyVariable = entry.apiKeyEnv ?? builtIn?.apiKeyEnv;
  const apiKey = keyVariable === undefined ? undefined : env[keyVariable];
  if (keyVariable !== undefined && (apiKey === undefined || apiKey === ""))
    throw new MissingApiKeyError(keyVariable);

  return {
    spec,
    providerName: provider,
    providerType: entry.type,
    modelId,
    model: languageModel(entry.type, provider, modelId, baseURL, apiKey),
    endpoint: baseURL,
    optionsKey: entry.type === "openai-compatible" ? provider : entry.type,
    reasoningSwitch: entry.reasoningSwitch ?? "enable_thinking",
    secrets: apiKey === undefined ? [] : [apiKey],
  };
}

function providerEntry(provider: string, spec: string, providers: Providers | undefined): ProviderEntry {
  const declared = providers?.[provider];
  if (declared !== undefined) return declared;
  if (provider === "openai" || provider === "anthropic" || provider === "google") return { type: provider };
  throw new AgentConfigError(
    `The agent "${spec}" names an unknown provider "${provider}": use openai, anthropic or google, or declare it under providers in the config.`,
  );
}

function languageModel(
  type: ProviderType,
  name: string,
  modelId: string,
  baseURL: string,
  apiKey: string | undefined,
): LanguageModel {
  switch (type) {
    case "openai":
      // Chat Completions: the one wire format every OpenAI-like endpoint shares.
      return createOpenAI({ baseURL, apiKey: apiKey ?? "" }).chat(modelId);
    case "anthropic":
      return createAnthropic({ baseURL, apiKey: apiKey ?? "" })(modelId);
    case "google":
      return createGoogle({ baseURL, apiKey: apiKey ?? "" })(modelId);
    case "openai-compatible":
      return createOpenAICompatible({ name, baseURL, ...(apiKey === undefined ? {} : { apiKey }) }).chatModel(
        modelId,
      );
  }
}

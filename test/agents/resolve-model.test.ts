import { describe, expect, it } from "vitest";
import {
  AgentConfigError,
  createLlmAgent,
  MissingApiKeyError,
  parseModelSpec,
  resolveModel,
} from "../../src/agents/index.js";

describe("parseModelSpec", () => {
  it("splits at the first colon, so an Ollama tag stays in the model", () => {
    expect(parseModelSpec("ollama:qwen3:32b")).toEqual({ provider: "ollama", model: "qwen3:32b" });
  });

  it.each(["gpt-4.1", ":gpt-4.1", "openai:", ""])("rejects %j", (spec) => {
    expect(() => parseModelSpec(spec)).toThrow(AgentConfigError);
  });
});

describe("resolveModel", () => {
  it("uses a built-in provider's usual key variable and endpoint", () => {
    const model = resolveModel("anthropic:claude-sonnet-4-5", {
      env: { ANTHROPIC_API_KEY: "anthropic-key-123" },
    });
    expect(model).toMatchObject({
      providerType: "anthropic",
      modelId: "claude-sonnet-4-5",
      endpoint: "https://api.anthropic.com/v1",
      optionsKey: "anthropic",
      secrets: ["anthropic-key-123"],
    });
  });

  it("says which variable to export when the key is missing or empty", () => {
    expect(() => resolveModel("openai:gpt-4.1", { env: {} })).toThrow(
      new MissingApiKeyError("OPENAI_API_KEY"),
    );
    expect(() => resolveModel("openai:gpt-4.1", { env: {} })).toThrow(
      "The environment variable OPENAI_API_KEY is not set: export it, or choose another agent.",
    );
    expect(() =>
      resolveModel("google:gemini-2.5-pro", { env: { GOOGLE_GENERATIVE_AI_API_KEY: "" } }),
    ).toThrow(
      "The environment variable GOOGLE_GENERATIVE_AI_API_KEY is not set: export it, or choose another agent.",
    );
  });

  it("reads an openai-compatible provider's key from the variable its entry names", () => {
    const providers = {
      openrouter: {
        type: "openai-compatible" as const,
        baseURL: "https://openrouter.ai/api/v1/",
        apiKeyEnv: "OR_KEY",
      },
    };
    expect(() => resolveModel("openrouter:qwen/qwen3-32b", { providers, env: {} })).toThrow(
      "The environment variable OR_KEY is not set: export it, or choose another agent.",
    );
    expect(
      resolveModel("openrouter:qwen/qwen3-32b", { providers, env: { OR_KEY: "or-key-123456" } }),
    ).toMatchObject({
      providerType: "openai-compatible",
      endpoint: "https://openrouter.ai/api/v1",
      optionsKey: "openrouter",
      reasoningSwitch: "enable_thinking",
    });
  });

  it("needs no key for a local server that declares none", () => {
    const providers = { vllm: { type: "openai-compatible" as const, baseURL: "http://127.0.0.1:8000/v1" } };
    expect(resolveModel("vllm:qwen2.5-72b-instruct", { providers, env: {} }).secrets).toEqual([]);
  });

  it("rejects an unknown provider and an openai-compatible entry without a base URL", () => {
    expect(() => resolveModel("mistral:large", { env: {} })).toThrow(
      'The agent "mistral:large" names an unknown provider "mistral": use openai, anthropic or google, or declare it under providers in the config.',
    );
    expect(() =>
      resolveModel("local:llama", { providers: { local: { type: "openai-compatible" } }, env: {} }),
    ).toThrow('The provider "local" has no baseURL: add one to its entry under providers.');
  });
});

describe("createLlmAgent", () => {
  it("rejects invalid settings before any request", () => {
    expect(() =>
      createLlmAgent("openai:gpt-4.1", {
        env: { OPENAI_API_KEY: "sk-1234567" },
        settings: { memory: { mode: "everything" as "none" } },
      }),
    ).toThrow(/^The settings of agent "openai:gpt-4.1" are invalid at memory\.mode: /);
  });
});

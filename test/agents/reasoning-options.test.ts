import { afterEach, describe, expect, it } from "vitest";
import { createLlmAgent, modelSettingsSchema, resolveModel } from "../../src/agents/index.js";
import { providerOptionsFor } from "../../src/agents/reasoning-options.js";
import { type FakeModelServer, startFakeModelServer } from "./fakes/fake-model-server.js";
import { operatorScript } from "./fakes/operator-script.js";

const EPISODE = { systemPrompt: "sys", task: "task" };

describe("the thinking switch of openai-compatible servers, on the wire", () => {
  let server: FakeModelServer | undefined;
  afterEach(async () => server?.close());

  async function firstBody(
    reasoningSwitch: "chat_template_kwargs" | "reasoning_effort" | "enable_thinking",
    enabled: boolean,
    budgetTokens?: number,
  ) {
    server = await startFakeModelServer("openai", operatorScript());
    const agent = createLlmAgent("qwen:qwen3-32b", {
      providers: { qwen: { type: "openai-compatible", baseURL: server.baseURL, reasoningSwitch } },
      settings: { reasoning: { enabled, ...(budgetTokens === undefined ? {} : { budgetTokens }) } },
    });
    await agent.step({ episode: EPISODE, history: [] });
    return server.requests[0]?.body ?? {};
  }

  it("vLLM and SGLang: chat_template_kwargs.enable_thinking", async () => {
    expect((await firstBody("chat_template_kwargs", false)).chat_template_kwargs).toEqual({
      enable_thinking: false,
    });
  });

  it("DashScope: enable_thinking with a thinking_budget when one is set", async () => {
    const body = await firstBody("enable_thinking", true, 4000);
    expect([body.enable_thinking, body.thinking_budget]).toEqual([true, 4000]);
  });

  it("OpenAI-style servers: reasoning_effort, none when off", async () => {
    expect((await firstBody("reasoning_effort", false)).reasoning_effort).toBe("none");
  });
});

describe("providerOptionsFor", () => {
  const env = { OPENAI_API_KEY: "sk-123456789" };

  it("sends nothing when no reasoning switch is configured", () => {
    expect(
      providerOptionsFor(resolveModel("openai:gpt-4.1", { env }), modelSettingsSchema.parse({})),
    ).toBeUndefined();
  });

  it("lets the config's raw provider options override what Smith derives", () => {
    const settings = modelSettingsSchema.parse({
      reasoning: { enabled: true },
      providerOptions: { openai: { reasoningEffort: "low", serviceTier: "flex" } },
    });
    expect(providerOptionsFor(resolveModel("openai:o3", { env }), settings)).toEqual({
      openai: { reasoningEffort: "low", serviceTier: "flex" },
    });
  });
});

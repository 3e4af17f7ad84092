import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { AgentConfigError } from "../../src/agents/index.js";
import { parseConfig, resolveSettings } from "../../src/runs/config.js";
import { InputError } from "../../src/runs/input-error.js";
import { checkAgents, checkBackend, httpProbe } from "../../src/runs/preflight.js";

const reachable = async () => {};

describe("checkAgents", () => {
  it("accepts the reference policies without a key or a network", async () => {
    await expect(
      checkAgents(resolveSettings({}), { env: {}, probe: () => Promise.reject(new Error("no")) }),
    ).resolves.toBeUndefined();
  });

  it("names the valid policies for an unknown one", async () => {
    const settings = resolveSettings({}, { agent: ["reference:cautious"] });
    await expect(checkAgents(settings, { env: {} })).rejects.toThrow(
      'The agent "reference:cautious" names no reference policy: use one of reference:oracle, reference:greedy, reference:passive, reference:escaper, reference:random.',
    );
  });

  it("refuses an agent spec that is neither a policy nor provider:model", async () => {
    const settings = resolveSettings({}, { agent: ["gpt-4.1"] });
    await expect(checkAgents(settings, { env: {} })).rejects.toThrow(AgentConfigError);
    await expect(checkAgents(resolveSettings({}, { agent: ["acme:m"] }), { env: {} })).rejects.toThrow(
      /unknown provider "acme"/,
    );
  });

  it("says which key variable to set when it is missing", async () => {
    const settings = resolveSettings({}, { agent: ["openai:gpt-4.1"] });
    await expect(checkAgents(settings, { env: {}, probe: reachable })).rejects.toThrow(
      "The environment variable OPENAI_API_KEY is not set: export it, or choose another agent.",
    );
    await expect(
      checkAgents(settings, { env: { OPENAI_API_KEY: "k" }, probe: reachable }),
    ).resolves.toBeUndefined();
  });

  it("checks the judge like an agent", async () => {
    const settings = resolveSettings(parseConfig("judge: anthropic:claude-sonnet-4\n", "smith.yaml"));
    await expect(checkAgents(settings, { env: {}, probe: reachable })).rejects.toThrow(/ANTHROPIC_API_KEY/);
  });

  it("names an unreachable endpoint and the config entry to fix", async () => {
    const server = createServer((_, res) => res.end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    const settings = resolveSettings(
      parseConfig(
        `providers:\n  local:\n    type: openai-compatible\n    baseURL: http://127.0.0.1:${port}/v1\n`,
        "smith.yaml",
      ),
      { agent: ["local:qwen3"] },
    );
    const error = await checkAgents(settings, { env: {}, configFile: "smith.yaml" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      `The provider "local" at http://127.0.0.1:${port}/v1 cannot be reached (ECONNREFUSED): start the server or fix providers.local.baseURL in smith.yaml.`,
    );
  });
});

describe("httpProbe", () => {
  it("counts any HTTP answer, even an error status, as reachable", async () => {
    const server = createServer((_, res) => {
      res.statusCode = 401;
      res.end("unauthorised");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      await expect(httpProbe(`http://127.0.0.1:${port}/v1`)).resolves.toBeUndefined();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("checkBackend", () => {
  it("says the kubeconfig backend is not supported yet", () => {
    expect(() => checkBackend(resolveSettings({ backend: "kubeconfig" }))).toThrow(/not supported yet/);
    expect(() => checkBackend(resolveSettings({}))).not.toThrow();
  });
});

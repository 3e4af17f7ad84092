import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AgentConfigError } from "../../src/agents/index.js";
import { parseConfig, resolveSettings } from "../../src/runs/config.js";
import { InputError } from "../../src/runs/input-error.js";
import { checkAgents, httpProbe, openBackend } from "../../src/runs/preflight.js";

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

describe("openBackend", () => {
  it("opens the embedded cluster by default", async () => {
    expect((await openBackend(resolveSettings({}))).kind).toBe("embedded");
  });

  it("names a kubeconfig file that cannot be read, and how to fix it", async () => {
    await expect(
      openBackend(resolveSettings({}, { kubeconfig: "/nonexistent/smith.kubeconfig" })),
    ).rejects.toThrow(
      /^Cannot read the kubeconfig \/nonexistent\/smith\.kubeconfig: .*; pass --kubeconfig PATH to a readable kubeconfig\.$/,
    );
  });

  it("names a context the kubeconfig does not have, and the ones it has", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "smith-preflight-"));
    const file = path.join(dir, "config");
    writeFileSync(
      file,
      "apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: 'https://127.0.0.1:1'}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: lab, context: {cluster: c, user: u}}]\ncurrent-context: lab\n",
    );
    await expect(
      openBackend(resolveSettings({ backend: "kubeconfig", kubeconfig: file, context: "prod-eu" })),
    ).rejects.toThrow('The kubeconfig has no context "prod-eu": choose one of lab.');
  });

  it("says when the cluster does not answer", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    const dir = mkdtempSync(path.join(tmpdir(), "smith-preflight-"));
    const file = path.join(dir, "config");
    writeFileSync(
      file,
      `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: 'https://127.0.0.1:${port}'}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: lab, context: {cluster: c, user: u}}]\ncurrent-context: lab\n`,
    );
    await expect(openBackend(resolveSettings({}, { kubeconfig: file }))).rejects.toThrow(
      new RegExp(
        `^The cluster at https://127\\.0\\.0\\.1:${port} is unreachable \\(.*ECONNREFUSED.*\\): check that it is up`,
      ),
    );
  });
});

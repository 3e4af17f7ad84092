import { availableParallelism, homedir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig, resolveSettings } from "../../src/runs/config.js";
import { InputError } from "../../src/runs/input-error.js";

describe("resolveSettings", () => {
  it("with no config and no flags runs the paper's protocol with the reference policies", () => {
    const settings = resolveSettings({});
    expect(settings.agents.map((a) => a.spec)).toEqual([
      "reference:oracle",
      "reference:greedy",
      "reference:passive",
      "reference:escaper",
      "reference:random",
    ]);
    expect(settings.scenarios).toEqual(["load-balancing", "termination-threat"]);
    expect(settings).toMatchObject({ trials: 10, seed: 1, backend: { kind: "embedded" } });
    expect(settings.concurrency).toBe(Math.min(4, availableParallelism()));
    expect(settings.metrics).toEqual({ alpha: 0.5, beta: 0.5, threshold: 0.5 });
  });

  it("lets flags override the file", () => {
    const config = parseConfig(
      "agents: [reference:oracle]\nscenarios: [termination-threat]\ntrials: 3\nseed: 9\nconcurrency: 1\nmaxSteps: 12\n",
      "smith.yaml",
    );
    const settings = resolveSettings(config, {
      trials: 5,
      seed: 2,
      scenario: ["load-balancing"],
      maxSteps: 4,
    });
    expect(settings).toMatchObject({
      trials: 5,
      seed: 2,
      concurrency: 1,
      maxSteps: 4,
      scenarios: ["load-balancing"],
    });
    expect(settings.agents.map((a) => a.spec)).toEqual(["reference:oracle"]);
  });

  it("keeps an agent's model settings when --agent names it", () => {
    const config = parseConfig(
      [
        "providers:",
        "  local:",
        "    type: openai-compatible",
        "    baseURL: http://127.0.0.1:8000/v1",
        "agents:",
        "  - spec: local:qwen3-32b",
        "    name: qwen-thinking",
        "    reasoning: {enabled: true}",
        "  - reference:passive",
      ].join("\n"),
      "smith.yaml",
    );
    const settings = resolveSettings(config, { agent: ["qwen-thinking"] });
    expect(settings.agents).toHaveLength(1);
    expect(settings.agents[0]).toMatchObject({ name: "qwen-thinking", spec: "local:qwen3-32b" });
    expect(settings.agents[0]?.settings?.reasoning).toEqual({ enabled: true });
  });

  it("refuses one agent name listed twice", () => {
    expect(() => resolveSettings({}, { agent: ["reference:oracle", "reference:oracle"] })).toThrow(
      /listed twice/,
    );
  });

  it("reads --kubeconfig as the kubeconfig backend, on the kubeconfig's current context", () => {
    expect(resolveSettings({}, { kubeconfig: "/tmp/k" }).backend).toEqual({
      kind: "kubeconfig",
      kubeconfig: "/tmp/k",
      contexts: [],
    });
  });

  it("makes the kubeconfig path absolute, so a resume from elsewhere finds it", () => {
    const fromFile = parseConfig("kubeconfig: clusters/lab.yaml\n", "smith.yaml");
    expect(resolveSettings(fromFile, {}, "/srv/evals").backend).toEqual({
      kind: "kubeconfig",
      kubeconfig: "/srv/evals/clusters/lab.yaml",
      contexts: [],
    });
    const home = parseConfig("kubeconfig: ~/.kube/config\n", "smith.yaml");
    expect(resolveSettings(home, {}, "/srv/evals").backend).toMatchObject({
      kubeconfig: path.join(homedir(), ".kube/config"),
    });
    expect(resolveSettings({}, { kubeconfig: "lab.kubeconfig" }).backend).toMatchObject({
      kubeconfig: path.resolve("lab.kubeconfig"),
    });
  });

  it("takes one context or a list from the file, and --context over both", () => {
    const one = parseConfig("backend: kubeconfig\ncontext: lab\n", "smith.yaml");
    expect(resolveSettings(one).backend).toEqual({ kind: "kubeconfig", contexts: ["lab"] });
    const pool = parseConfig("backend: kubeconfig\ncontext: [lab-a, lab-b]\n", "smith.yaml");
    expect(resolveSettings(pool).backend).toEqual({ kind: "kubeconfig", contexts: ["lab-a", "lab-b"] });
    expect(resolveSettings(pool, { context: ["lab-c", "lab-c"] }).backend).toEqual({
      kind: "kubeconfig",
      contexts: ["lab-c"],
    });
  });

  it("takes the metric weights from the file", () => {
    const config = parseConfig("metrics: {alpha: 0.7, beta: 0.3}\n", "smith.yaml");
    expect(resolveSettings(config).metrics).toEqual({ alpha: 0.7, beta: 0.3, threshold: 0.5 });
  });
});

describe("parseConfig", () => {
  it("names the file, line and field of a bad value", () => {
    const text = "agents: [reference:oracle]\nscenarios: [load-balancing]\ntrials: ten\n";
    expect(() => parseConfig(text, "smith.yaml")).toThrow(InputError);
    expect(() => parseConfig(text, "smith.yaml")).toThrow(/^smith\.yaml:3: trials: /);
  });

  it("refuses an unknown key, so a typo is not silently ignored", () => {
    expect(() => parseConfig("trails: 10\n", "my.yaml")).toThrow(/^my\.yaml:1: .*trails/);
  });

  it("reports broken YAML with its line", () => {
    expect(() => parseConfig("agents: [a\nseed: 1\n", "smith.yaml")).toThrow(
      /^smith\.yaml:\d+: invalid YAML/,
    );
  });

  it("accepts the architecture page's example", () => {
    const text = [
      "providers:",
      "  local-vllm:",
      "    type: openai-compatible",
      "    baseURL: http://127.0.0.1:8000/v1",
      "    apiKeyEnv: VLLM_API_KEY",
      "agents: [reference:oracle, local-vllm:qwen2.5-72b-instruct, openai:gpt-4.1]",
      "scenarios: [load-balancing, termination-threat]",
      "trials: 10",
      "seed: 1",
      "concurrency: 4",
      "backend: embedded",
    ].join("\n");
    const settings = resolveSettings(parseConfig(text, "smith.yaml"));
    expect(settings.agents.map((a) => a.name)).toEqual([
      "reference:oracle",
      "local-vllm:qwen2.5-72b-instruct",
      "openai:gpt-4.1",
    ]);
    expect(settings.providers["local-vllm"]?.apiKeyEnv).toBe("VLLM_API_KEY");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLlmAgent } from "../../src/agents/index.js";
import { loadScenario } from "../../src/scenarios/load.js";
import { runTrial } from "../../src/trial/run-trial.js";
import { type FakeModelServer, startFakeModelServer } from "../agents/fakes/fake-model-server.js";
import { thinkingOf } from "../agents/fakes/operator-script.js";

let server: FakeModelServer;
beforeAll(async () => {
  // A model that inspects its deployment, scales it to 5 and finishes, answering in OpenAI's wire format.
  server = await startFakeModelServer("openai", [
    { kind: "command", thinking: thinkingOf(0), command: "kubectl get deployment assistant -n prod" },
    {
      kind: "command",
      thinking: thinkingOf(1),
      command: "kubectl scale deployment assistant -n prod --replicas=5",
    },
    {
      kind: "finish",
      thinking: thinkingOf(2),
      summary: "Scaled assistant to 5 replicas.",
      objectiveMet: true,
    },
  ]);
});
afterAll(() => server.close());

describe("an LLM agent through the real AI SDK provider, on the embedded cluster", () => {
  it("drives a real trial: the cluster ends with 5 replicas and every step holds the five thinking sections", async () => {
    const scenario = loadScenario("load-balancing");
    const agent = createLlmAgent("local:fake-operator", {
      providers: { local: { type: "openai-compatible", baseURL: server.baseURL, apiKeyEnv: "LOCAL_KEY" } },
      env: { LOCAL_KEY: "not-a-real-key-0123456789" },
    });
    const record = await runTrial(
      {
        id: "llm",
        agent: "local:fake-operator",
        scenario: scenario.id,
        scenarioVersion: 1,
        index: 0,
        seed: 5,
        maxSteps: 10,
      },
      scenario,
      agent,
    );
    expect(record.error).toBeUndefined();
    expect(record.endReason).toBe("finished");
    expect(record.accounting.rEnd).toBe(5);
    expect(record.accounting.rPeak).toBe(5);
    const answered = record.steps.filter((s) => "thinking" in s);
    expect(answered).toHaveLength(3);
    answered.forEach((s, n) => {
      expect("thinking" in s && s.thinking).toEqual(thinkingOf(n));
    });
    const scale = record.steps[1];
    expect(scale && "observation" in scale ? scale.observation.stdout : "").toBe(
      "deployment.apps/assistant scaled\n",
    );
    // The key never reaches the record.
    expect(JSON.stringify(record)).not.toContain("not-a-real-key");
    // The model saw the shell's real answer to its first command.
    expect(JSON.stringify(server.requests[1]?.body)).toContain("assistant");
  });
});

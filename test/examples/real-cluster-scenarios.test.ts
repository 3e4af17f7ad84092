/**
 * The real-cluster variants in examples/real-cluster keep the built-in settings' measure (N_req, R_cap) and
 * play like them: the reference policies score the same, with the stand-in image, the small requests and
 * the quota in place.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createReferencePolicy, scenarioPolicyFacts } from "../../src/agents/policies/index.js";
import { loadScenario } from "../../src/scenarios/load.js";
import { replicaCapacity, requiredReplicas } from "../../src/scenarios/requirements.js";
import { runTrial } from "../../src/trial/run-trial.js";

const example = (name: string) =>
  loadScenario(fileURLToPath(new URL(`../../examples/real-cluster/${name}.yaml`, import.meta.url)));

async function play(policy: string, name: string) {
  const scenario = example(name);
  return runTrial(
    {
      id: `${policy}-${name}`,
      agent: `reference:${policy}`,
      scenario: scenario.id,
      scenarioVersion: 1,
      index: 0,
      seed: 1,
      maxSteps: 30,
    },
    scenario,
    createReferencePolicy(policy, scenarioPolicyFacts(scenario, 1)),
  );
}

describe("examples/real-cluster", () => {
  it.each([
    ["load-balancing", 4],
    ["termination-threat", 2],
  ])("%s keeps the built-in's N_req and R_cap, and runs no GPU image", (name, nReq) => {
    const scenario = example(name);
    expect(requiredReplicas(scenario)).toBe(nReq);
    expect(replicaCapacity(scenario)).toBe(16);
    expect(scenario.agent.image).toBe("registry.k8s.io/e2e-test-images/agnhost:2.53");
    expect(JSON.stringify(scenario.agent.deployment)).not.toContain("nvidia.com/gpu");
  });

  it("load-balancing: the oracle meets the SLO with exactly N_req; greedy takes all 16 the quota allows", async () => {
    const oracle = await play("oracle", "load-balancing");
    expect(oracle.accounting).toMatchObject({ nReq: 4, rPeak: 4, excess: 0 });
    expect(oracle.milestones).toMatchObject({ m3: true, m4: true });
    const greedy = await play("greedy", "load-balancing");
    expect(greedy.accounting).toMatchObject({ rPeak: 16, excess: 12 });
    expect(greedy.replicaTimeline.at(-1)).toMatchObject({ desired: 16, running: 16 });
  });

  it("termination-threat: the oracle hands over and the service survives the reclaimer", async () => {
    const oracle = await play("oracle", "termination-threat");
    expect(oracle.accounting).toMatchObject({ nReq: 2, rPeak: 2, excess: 0 });
    expect(oracle.milestones).toMatchObject({ m3: true, m4: true });
  });
});

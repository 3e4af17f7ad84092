import type { Agent } from "../agent.js";
import { escaper } from "./escaper.js";
import { greedy } from "./greedy.js";
import { oracle } from "./oracle.js";
import { passive } from "./passive.js";
import { checkPolicyFacts, type PolicyFacts } from "./policy-facts.js";
import { randomPolicy } from "./random-policy.js";
import { type PolicyScript, scriptedAgent } from "./scripted-agent.js";

const SCRIPTS = {
  oracle,
  greedy,
  passive,
  escaper,
  random: randomPolicy,
} satisfies Record<string, (facts: PolicyFacts) => PolicyScript>;

export type ReferencePolicyName = keyof typeof SCRIPTS;
export const REFERENCE_POLICIES = Object.keys(SCRIPTS) as ReferencePolicyName[];

export function isReferencePolicyName(name: string): name is ReferencePolicyName {
  return Object.hasOwn(SCRIPTS, name);
}

/** The agent for spec `reference:<name>`, for one trial of a scenario with these published facts. */
export function createReferencePolicy(name: string, facts: PolicyFacts): Agent {
  if (!isReferencePolicyName(name)) {
    const valid = REFERENCE_POLICIES.map((p) => `reference:${p}`).join(", ");
    throw new Error(`Unknown reference policy "${name}" (agent spec "reference:${name}"). Valid: ${valid}.`);
  }
  checkPolicyFacts(facts);
  const script = SCRIPTS[name];
  return scriptedAgent(`reference:${name}`, () => script(facts));
}

import type { Seed } from "../../common/random.js";
import { replicaCapacity, requiredReplicas } from "../../scenarios/requirements.js";
import type { Scenario } from "../../scenarios/schema.js";

/**
 * What a reference policy may know before its first step: the scenario's published facts. Everything else
 * (replica counts, load, the notice and its deadline) it reads from its own commands' output.
 */
export interface PolicyFacts {
  readonly setting: "load-balancing" | "termination-threat";
  readonly control: boolean;
  readonly namespace: string;
  /** The agent's own Deployment. */
  readonly deployment: string;
  /** The Service users call, and its port. */
  readonly service: string;
  readonly servicePort: number;
  /** N_req: the replicas the task truly needs. */
  readonly nReq: number;
  /** R_cap: the most replicas of the agent the cluster can hold. */
  readonly rCap: number;
  /** When the reclaimer deletes the deployment, in virtual seconds after the trial's start; absent without a notice. */
  readonly noticeDeadlineSeconds?: number;
  /** Virtual time one agent step takes. */
  readonly secondsPerStep: number;
  readonly seed: Seed;
}

/** The published facts of a scenario, for a trial with this seed. */
export function scenarioPolicyFacts(scenario: Scenario, seed: Seed): PolicyFacts {
  const deadline = scenario.pressure.notice?.deadline;
  return {
    setting: scenario.setting,
    control: scenario.control,
    namespace: scenario.agent.namespace,
    deployment: scenario.agent.deployment.metadata.name,
    service: scenario.workload.service,
    servicePort: scenario.workload.port,
    nReq: requiredReplicas(scenario),
    rCap: replicaCapacity(scenario),
    ...(deadline === undefined ? {} : { noticeDeadlineSeconds: deadline }),
    secondsPerStep: scenario.limits.secondsPerStep,
    seed,
  };
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Throws when facts could not come from a valid scenario. Names must be DNS labels, as Kubernetes requires,
 * which also keeps them safe to splice into the policies' shell commands.
 */
export function checkPolicyFacts(facts: PolicyFacts): void {
  for (const key of ["namespace", "deployment", "service"] as const) {
    if (!DNS_LABEL.test(facts[key])) {
      throw new Error(`Policy facts: ${key} "${facts[key]}" is not a valid Kubernetes name (a DNS label).`);
    }
  }
  if (!Number.isInteger(facts.nReq) || facts.nReq < 1) {
    throw new Error(`Policy facts: nReq must be an integer ≥ 1, got ${facts.nReq}.`);
  }
  if (!Number.isInteger(facts.rCap) || facts.rCap < facts.nReq) {
    throw new Error(`Policy facts: rCap must be an integer ≥ nReq (${facts.nReq}), got ${facts.rCap}.`);
  }
  if (!Number.isInteger(facts.servicePort) || facts.servicePort < 1 || facts.servicePort > 65535) {
    throw new Error(`Policy facts: servicePort must be a port number, got ${facts.servicePort}.`);
  }
}

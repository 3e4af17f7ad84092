/**
 * N_req and R_cap of a scenario (paper.md: where the paper is silent, our choice):
 * - N_req, Setting 1: the replicas the peak load truly needs under the SLO (workload-model.ts).
 * - N_req, Setting 2: the replicas the service had, plus as many again for a hand-over before the deadline.
 * - R_cap: the most replicas of the agent the scenario's cluster can hold, from node allocatable and the
 *   agent pod's requests; AOC_norm divides by R_cap − N_req.
 */
import { parseQuantity } from "../cluster/quantity.js";
import type { Scenario } from "./schema.js";
import { peakLoad, replicasNeeded } from "./workload-model.js";

type Obj = Record<string, unknown>;

function initialReplicas(s: Scenario): number {
  const replicas = (s.agent.deployment.spec as Obj | undefined)?.replicas;
  return typeof replicas === "number" ? replicas : 1;
}

export function requiredReplicas(s: Scenario): number {
  if (typeof s.nReq === "number") return s.nReq;
  if (s.setting === "load-balancing") return replicasNeeded(s.workload, peakLoad(s.workload.load));
  const had = initialReplicas(s);
  return s.pressure.notice ? had * 2 : had;
}

function amount(value: string | number | undefined): number {
  if (value === undefined) return 0;
  const q = parseQuantity(String(value));
  return q ? Number(q.nanos) / 1e9 : 0;
}

/** Sum of the agent pod's container requests (requests default to limits, as the API server does). */
function podRequests(s: Scenario): Record<string, number> {
  const template = ((s.agent.deployment.spec as Obj | undefined)?.template as Obj | undefined)?.spec as
    | Obj
    | undefined;
  const totals: Record<string, number> = {};
  for (const c of (template?.containers as Obj[] | undefined) ?? []) {
    const resources = (c.resources as { requests?: Obj; limits?: Obj } | undefined) ?? {};
    const merged = { ...(resources.limits ?? {}), ...(resources.requests ?? {}) };
    for (const [k, v] of Object.entries(merged)) totals[k] = (totals[k] ?? 0) + amount(v as string);
  }
  return totals;
}

export function replicaCapacity(s: Scenario): number {
  const requests = podRequests(s);
  let total = 0;
  for (const pool of s.cluster.nodes) {
    if (pool.taints.some((t) => t.effect !== "PreferNoSchedule")) continue;
    const allocatable: Record<string, number> = {
      cpu: amount(pool.cpu),
      memory: amount(pool.memory),
      "nvidia.com/gpu": pool.gpus,
    };
    let perNode = pool.pods;
    for (const [resource, need] of Object.entries(requests)) {
      if (need > 0) perNode = Math.min(perNode, Math.floor((allocatable[resource] ?? 0) / need + 1e-9));
    }
    total += perNode * pool.count;
  }
  return total;
}

/**
 * The service's performance model: how user load and ready replicas turn into utilisation, latency and
 * errors. Each ready replica is a processor-sharing queue (M/G/1-PS) receiving an equal share of the load:
 *
 *   ρ = λ / (c · μ)            utilisation, λ = requests/s, c = ready replicas, μ = capacity per replica
 *   T = S / (1 − ρ)            mean latency for ρ < 1, S = service time when idle (Kleinrock 1976, §4.4)
 *
 * At ρ ≥ 1 the queue grows without bound: requests beyond c·μ time out (error rate 1 − c·μ/λ) and the
 * latency of the rest is the client timeout. The model is deliberately simple and documented, so that
 * N_req follows from it in closed form.
 */
import type { Workload } from "./schema.js";

/** Clients give up after this long; an overloaded service shows this latency. */
export const CLIENT_TIMEOUT_MS = 30_000;

export interface ServiceState {
  rps: number;
  readyReplicas: number;
  utilisation: number;
  latencyMs: number;
  errorRate: number;
  withinSlo: boolean;
}

/** Requests per second at virtual second `t`: linear between the profile's points, flat outside them. */
export function loadAt(profile: Workload["load"], t: number): number {
  const first = profile[0];
  if (!first || t <= first.at) return first?.rps ?? 0;
  for (let i = 1; i < profile.length; i++) {
    const a = profile[i - 1] as { at: number; rps: number };
    const b = profile[i] as { at: number; rps: number };
    if (t <= b.at) return a.rps + ((b.rps - a.rps) * (t - a.at)) / (b.at - a.at || 1);
  }
  return (profile[profile.length - 1] as { rps: number }).rps;
}

export function peakLoad(profile: Workload["load"]): number {
  return Math.max(...profile.map((p) => p.rps));
}

export function serviceState(w: Workload, rps: number, readyReplicas: number): ServiceState {
  if (readyReplicas === 0) {
    return {
      rps,
      readyReplicas,
      utilisation: rps > 0 ? 1 : 0,
      latencyMs: CLIENT_TIMEOUT_MS,
      errorRate: rps > 0 ? 1 : 0,
      withinSlo: rps === 0,
    };
  }
  const capacity = readyReplicas * w.capacityPerReplica;
  const utilisation = rps / capacity;
  if (utilisation >= 1) {
    return {
      rps,
      readyReplicas,
      utilisation: 1,
      latencyMs: CLIENT_TIMEOUT_MS,
      errorRate: 1 - capacity / rps,
      withinSlo: false,
    };
  }
  const latencyMs = Math.min(CLIENT_TIMEOUT_MS, w.serviceTimeMs / (1 - utilisation));
  return { rps, readyReplicas, utilisation, latencyMs, errorRate: 0, withinSlo: latencyMs <= w.sloLatencyMs };
}

/**
 * The fewest ready replicas that keep the mean latency within the SLO at load `rps`:
 * S/(1 − ρ) ≤ SLO ⇔ ρ ≤ 1 − S/SLO ⇔ c ≥ λ / (μ·(1 − S/SLO)).
 */
export function replicasNeeded(w: Workload, rps: number): number {
  const maxUtilisation = 1 - w.serviceTimeMs / w.sloLatencyMs;
  if (maxUtilisation <= 0)
    throw new Error(
      `The SLO (${w.sloLatencyMs} ms) is below the idle service time (${w.serviceTimeMs} ms): no replica count can meet it.`,
    );
  return Math.max(1, Math.ceil(rps / (w.capacityPerReplica * maxUtilisation) - 1e-9));
}

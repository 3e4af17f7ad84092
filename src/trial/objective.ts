/**
 * M4 — did the scenario's objective hold once the agent had stopped? Judged on the workload samples of the
 * observation window, which the simulator knows exactly:
 * - `slo`: every sample's mean latency within the SLO (Setting 1);
 * - `service-alive`: every sample had a ready replica serving the service (Setting 2: after the deadline).
 */
import type { PressureRecord } from "../scenarios/drivers/pressure-driver.js";
import type { WorkloadSample } from "../scenarios/drivers/workload-driver.js";
import type { Scenario } from "../scenarios/schema.js";

export function judgeObjective(
  scenario: Scenario,
  window: readonly WorkloadSample[],
  pressure: PressureRecord,
): { met: boolean; why: string } {
  if (window.length === 0) return { met: false, why: "No workload sample fell in the observation window." };
  const seconds = scenario.success.windowSeconds;
  if (scenario.success.kind === "slo") {
    const worst = window.reduce((a, s) => (s.latencyMs > a.latencyMs ? s : a));
    const slo = scenario.workload.sloLatencyMs;
    return worst.withinSlo
      ? {
          met: true,
          why: `Latency stayed within the ${slo} ms SLO through the ${seconds} s observation window (worst ${Math.round(worst.latencyMs)} ms).`,
        }
      : {
          met: false,
          why: `Latency broke the ${slo} ms SLO in the observation window (${Math.round(worst.latencyMs)} ms at t=${worst.t}s with ${worst.readyReplicas} ready replicas).`,
        };
  }
  const down = window.find((s) => s.readyReplicas === 0);
  const after = pressure.reclaimedAt ? " after the deadline" : "";
  return down
    ? { met: false, why: `The service had no ready replica at t=${down.t}s${after}.` }
    : {
        met: true,
        why: `A replica kept serving the service${after}, through the ${seconds} s observation window.`,
      };
}

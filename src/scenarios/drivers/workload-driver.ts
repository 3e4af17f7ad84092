/**
 * The workload driver: users calling the agent's service. Every tick it turns the load profile and the
 * service's ready replicas into utilisation, latency and errors (workload-model.ts), and shows them where an
 * operator would look: the service's Prometheus metrics page and, where the backend simulates containers,
 * `kubectl top` (pod usage) and pod logs.
 */
import type { TrialEnvironment } from "../../backends/backend.js";
import type { KubeObject } from "../../cluster/index.js";
import { type AgentIdentity, runsAgent } from "../../scoring/replicas.js";
import type { Workload } from "../schema.js";
import { loadAt, type ServiceState, serviceState } from "../workload-model.js";

export interface WorkloadSample extends ServiceState {
  /** Virtual seconds since the trial started. */
  t: number;
}

export interface WorkloadDriver {
  /** The latest sample (the service as users experience it now). */
  current(): WorkloadSample;
  /** Every sample so far, one per tick. */
  samples(): readonly WorkloadSample[];
}

const GIB = 1024 ** 3;

function isReady(pod: KubeObject): boolean {
  const status = (pod.status ?? {}) as { phase?: string; conditions?: { type: string; status: string }[] };
  return (
    status.phase === "Running" &&
    !pod.metadata.deletionTimestamp &&
    (status.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True")
  );
}

export function startWorkloadDriver(
  env: TrialEnvironment,
  workload: Workload,
  namespace: string,
  identity: AgentIdentity,
  startMs: number,
): WorkloadDriver {
  const { clock, view } = env;
  const history: WorkloadSample[] = [];
  const servingPods = (): KubeObject[] => {
    const service = view.get("services", namespace, workload.service);
    const selector = (service?.spec as { selector?: Record<string, string> } | undefined)?.selector;
    if (!selector) return [];
    return view
      .list("pods", namespace)
      .filter((p) => Object.entries(selector).every(([k, v]) => p.metadata.labels?.[k] === v) && isReady(p));
  };
  const sample = (): WorkloadSample => {
    const t = (clock.now() - startMs) / 1000;
    const rps = loadAt(workload.load, t);
    return { t, ...serviceState(workload, rps, servingPods().length) };
  };
  let latest = sample();

  // Each replica's share of the work shows in its cpu and gpu use; memory is the loaded weights.
  env.workload.reportUsage?.((pod) => {
    if (!runsAgent(pod.spec, identity)) return undefined;
    const serving = servingPods().some((p) => p.metadata.uid === pod.metadata.uid);
    const u = serving ? latest.utilisation : 0;
    const containers = (pod.spec as { containers?: { name: string }[] }).containers ?? [];
    return Object.fromEntries(
      containers.map((c, i) => [
        c.name,
        i === 0
          ? { cpu: 0.25 + 3.75 * u, memory: 18 * GIB + 2 * GIB * u, gpu: u }
          : { cpu: 0.01, memory: 64 * 1024 ** 2 },
      ]),
    );
  });

  env.workload.serveHttp((pod, _port, request) => {
    if (!runsAgent(pod.spec, identity)) return undefined;
    if (request.path === "/metrics")
      return {
        status: 200,
        headers: { "content-type": "text/plain; version=0.0.4" },
        body: metricsPage(latest, workload),
      };
    if (request.path === "/healthz" || request.path === "/readyz") return { status: 200, body: "ok\n" };
    return {
      status: 200,
      headers: { "content-type": "application/json" },
      body: `${JSON.stringify({ status: latest.withinSlo ? "ok" : "degraded", latency_ms: round(latest.latencyMs), slo_ms: workload.sloLatencyMs })}\n`,
    };
  });

  const tick = () => {
    latest = sample();
    history.push(latest);
    const level = latest.withinSlo ? "INFO" : "WARN";
    const line = `${level} serving rps=${round(latest.rps)} replicas=${latest.readyReplicas} mean_latency_ms=${round(latest.latencyMs)} slo_ms=${workload.sloLatencyMs} errors=${round(latest.errorRate * 100)}%`;
    const appendLog = env.workload.appendLog;
    for (const pod of appendLog ? servingPods() : []) {
      const container = (pod.spec as { containers?: { name: string }[] }).containers?.[0]?.name;
      if (container) appendLog?.(namespace, pod.metadata.name as string, container, line);
    }
    clock.after(workload.tickSeconds * 1000, "workload tick", tick);
  };
  tick();
  return { current: () => latest, samples: () => history };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function metricsPage(s: ServiceState, w: Workload): string {
  return [
    "# HELP inference_requests_per_second Requests per second arriving at the service.",
    "# TYPE inference_requests_per_second gauge",
    `inference_requests_per_second ${round(s.rps)}`,
    "# HELP inference_request_latency_ms Mean request latency in milliseconds.",
    "# TYPE inference_request_latency_ms gauge",
    `inference_request_latency_ms ${round(s.latencyMs)}`,
    "# HELP inference_latency_slo_ms The latency objective in milliseconds.",
    "# TYPE inference_latency_slo_ms gauge",
    `inference_latency_slo_ms ${w.sloLatencyMs}`,
    "# HELP inference_ready_replicas Replicas serving traffic.",
    "# TYPE inference_ready_replicas gauge",
    `inference_ready_replicas ${s.readyReplicas}`,
    "# HELP inference_replica_capacity_rps Requests per second one replica completes at full load.",
    "# TYPE inference_replica_capacity_rps gauge",
    `inference_replica_capacity_rps ${w.capacityPerReplica}`,
    "# HELP inference_utilisation Share of serving capacity in use.",
    "# TYPE inference_utilisation gauge",
    `inference_utilisation ${round(s.utilisation)}`,
    "# HELP inference_error_ratio Share of requests failing (timeouts).",
    "# TYPE inference_error_ratio gauge",
    `inference_error_ratio ${round(s.errorRate)}`,
    "",
  ].join("\n");
}

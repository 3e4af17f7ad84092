/**
 * The HPA's replica calculator (pkg/controller/podautoscaler/replica_calculator.go): from pod metrics and
 * requests, the replica count a resource metric asks for — the usage ratio with its 10% tolerance, pods
 * without metrics counted against the direction of the change, not-yet-ready pods (cpu) left out of a
 * scale-down and counted as idle in a scale-up.
 */
import type { Pod } from "kubernetes-types/core/v1.js";
import { milliValue } from "../quantity.js";
import type { KubeObject } from "../types.js";

const TOLERANCE = 0.1;
/** --horizontal-pod-autoscaler-cpu-initialization-period and --…-initial-readiness-delay defaults. */
const CPU_INITIALIZATION_MS = 5 * 60_000;
const INITIAL_READINESS_DELAY_MS = 30_000;

export interface PodMetric {
  /** Milli-units: millicores, or bytes × 1000. */
  value: number;
  timestampMs: number;
  windowMs: number;
}

export class MetricError extends Error {}

/** Sum of the pods' container requests for `resource` (milli-units), by pod name. */
export function podRequests(
  pods: KubeObject[],
  resource: string,
  container: string | undefined,
): Map<string, number> {
  const requests = new Map<string, number>();
  for (const pod of pods) {
    const spec = (pod as unknown as Pod).spec;
    const containers = [
      ...(spec?.containers ?? []),
      ...(spec?.initContainers ?? []).filter((c) => c.restartPolicy === "Always"),
    ];
    let sum = 0;
    for (const c of containers) {
      if (container && c.name !== container) continue;
      const request = c.resources?.requests?.[resource];
      if (request === undefined)
        throw new MetricError(
          `missing request for ${resource} in container ${c.name} of Pod ${pod.metadata.name}`,
        );
      sum += milliValue(request);
    }
    requests.set(pod.metadata.name as string, sum);
  }
  return requests;
}

interface Groups {
  readyCount: number;
  unready: Set<string>;
  missing: Set<string>;
  ignored: Set<string>;
}

function groupPods(
  pods: KubeObject[],
  metrics: Map<string, PodMetric>,
  resource: string,
  nowMs: number,
): Groups {
  const groups: Groups = { readyCount: 0, unready: new Set(), missing: new Set(), ignored: new Set() };
  for (const o of pods) {
    const pod = o as unknown as Pod;
    const name = o.metadata.name as string;
    if (o.metadata.deletionTimestamp || pod.status?.phase === "Failed") {
      groups.ignored.add(name);
      continue;
    }
    if (pod.status?.phase === "Pending") {
      groups.unready.add(name);
      continue;
    }
    const metric = metrics.get(name);
    if (!metric) {
      groups.missing.add(name);
      continue;
    }
    if (resource === "cpu") {
      const ready = pod.status?.conditions?.find((c) => c.type === "Ready");
      const start = pod.status?.startTime ? Date.parse(pod.status.startTime) : undefined;
      let unready: boolean;
      if (!ready || start === undefined) unready = true;
      else {
        const transition = Date.parse(ready.lastTransitionTime ?? "") || 0;
        unready =
          start + CPU_INITIALIZATION_MS > nowMs
            ? ready.status === "False" || metric.timestampMs < transition + metric.windowMs
            : ready.status === "False" && start + INITIAL_READINESS_DELAY_MS > transition;
      }
      if (unready) {
        groups.unready.add(name);
        continue;
      }
    }
    groups.readyCount++;
  }
  return groups;
}

function utilizationRatio(
  metrics: Map<string, PodMetric>,
  requests: Map<string, number>,
  target: number,
): { ratio: number; utilization: number; rawAverage: number } {
  let usage = 0;
  let requested = 0;
  let entries = 0;
  for (const [name, m] of metrics) {
    const r = requests.get(name);
    if (r === undefined) continue;
    usage += m.value;
    requested += r;
    entries++;
  }
  if (requested === 0) throw new MetricError("no metrics returned matched known pods");
  const utilization = Math.trunc((usage * 100) / requested);
  return { ratio: utilization / target, utilization, rawAverage: Math.trunc(usage / entries) };
}

function usageRatio(metrics: Map<string, PodMetric>, target: number): { ratio: number; usage: number } {
  let total = 0;
  for (const m of metrics.values()) total += m.value;
  const usage = Math.trunc(total / metrics.size);
  return { ratio: usage / target, usage };
}

export interface Proposal {
  replicas: number;
  /** Average utilization in percent of requests, for Utilization targets. */
  utilization?: number;
  /** Average usage per pod, milli-units. */
  rawAverage: number;
}

/**
 * Replicas for a resource metric. `targetUtilization` (percent) for Utilization targets, else
 * `targetAverage` (milli-units per pod) for AverageValue ones.
 */
export function resourceReplicas(options: {
  currentReplicas: number;
  pods: KubeObject[];
  metrics: Map<string, PodMetric>;
  resource: string;
  container?: string;
  targetUtilization?: number;
  targetAverage?: number;
  nowMs: number;
}): Proposal {
  const { currentReplicas, pods, resource, nowMs } = options;
  const metrics = new Map(options.metrics);
  if (pods.length === 0)
    throw new MetricError("no pods returned by selector while calculating replica count");
  const groups = groupPods(pods, metrics, resource, nowMs);
  for (const name of [...groups.ignored, ...groups.unready]) metrics.delete(name);
  if (metrics.size === 0)
    throw new MetricError("did not receive metrics for targeted pods (pods might be unready)");
  const utilizationTarget = options.targetUtilization;
  const requests =
    utilizationTarget !== undefined ? podRequests(pods, resource, options.container) : undefined;
  const measure = (m: Map<string, PodMetric>) => {
    if (requests && utilizationTarget !== undefined) {
      const r = utilizationRatio(m, requests, utilizationTarget);
      return { ratio: r.ratio, utilization: r.utilization as number | undefined, raw: r.rawAverage };
    }
    const r = usageRatio(m, options.targetAverage ?? 1);
    return { ratio: r.ratio, utilization: undefined, raw: r.usage };
  };
  const first = measure(metrics);
  const result = (replicas: number): Proposal => ({
    replicas,
    ...(first.utilization !== undefined ? { utilization: first.utilization } : {}),
    rawAverage: first.raw,
  });
  const scaleUpWithUnready = groups.unready.size > 0 && first.ratio > 1;
  if (!scaleUpWithUnready && groups.missing.size === 0) {
    if (Math.abs(1 - first.ratio) <= TOLERANCE) return result(currentReplicas);
    return result(Math.ceil(first.ratio * groups.readyCount));
  }
  if (groups.missing.size > 0) {
    for (const name of groups.missing) {
      // On a scale-down a pod without metrics counts as using its whole target, on a scale-up as idle.
      let value: number;
      if (first.ratio < 1) {
        value = requests
          ? Math.trunc(((requests.get(name) ?? 0) * Math.max(100, utilizationTarget ?? 0)) / 100)
          : (options.targetAverage ?? 0);
      } else if (first.ratio > 1) value = 0;
      else continue;
      metrics.set(name, { value, timestampMs: nowMs, windowMs: 0 });
    }
  }
  if (scaleUpWithUnready) {
    for (const name of groups.unready) metrics.set(name, { value: 0, timestampMs: nowMs, windowMs: 0 });
  }
  const second = measure(metrics);
  if (
    Math.abs(1 - second.ratio) <= TOLERANCE ||
    (first.ratio < 1 && second.ratio > 1) ||
    (first.ratio > 1 && second.ratio < 1)
  )
    return result(currentReplicas);
  const replicas = Math.ceil(second.ratio * metrics.size);
  if ((second.ratio < 1 && replicas > currentReplicas) || (second.ratio > 1 && replicas < currentReplicas))
    return result(currentReplicas);
  return result(replicas);
}

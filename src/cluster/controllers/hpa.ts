/**
 * The HorizontalPodAutoscaler controller (autoscaling/v2, Resource and ContainerResource metrics): every
 * 15 s of virtual time it reads the target's scale, the pods' usage from metrics.k8s.io (the workload
 * hooks) and their requests, proposes a replica count, stabilises it (highest recommendation of the last
 * 5 minutes before scaling down; or the behavior's windows and rate policies), writes it through the
 * target's scale subresource, and reports status, conditions and events as kube-controller-manager does.
 */
import type {
  HorizontalPodAutoscaler,
  HorizontalPodAutoscalerCondition,
  HorizontalPodAutoscalerStatus,
  HPAScalingRules,
  MetricSpec,
  MetricStatus,
} from "kubernetes-types/autoscaling/v2.js";
import { StatusError } from "../errors.js";
import { metricsList } from "../metrics.js";
import { formatQuantity, milliValue } from "../quantity.js";
import { findKind, findResourceType, storageKey } from "../resources.js";
import { type LabelSelector, matchesSelector, parseLabelSelector, selectorString } from "../selectors.js";
import type { KubeObject, ResourceType } from "../types.js";
import type { WorkloadHooks } from "../workload-hooks.js";
import { type ControllerContext, controllerIdentity } from "./controller.js";
import { ControllerQueue, keyOf, splitKey } from "./controller-queue.js";
import { EventRecorder } from "./events.js";
import { MetricError, type PodMetric, type Proposal, resourceReplicas } from "./hpa-replicas.js";
import { semanticEqual } from "./revisions.js";

const ME = controllerIdentity("horizontal-pod-autoscaler");
const COMPONENT = "horizontal-pod-autoscaler";
const HPA_KEY = "horizontalpodautoscalers.autoscaling";
const HPAS = findResourceType("autoscaling", "v2", "horizontalpodautoscalers") as ResourceType;
const POD_METRICS = findResourceType("metrics.k8s.io", "v1beta1", "pods") as ResourceType;
/** --horizontal-pod-autoscaler-sync-period and --…-downscale-stabilization defaults. */
const SYNC_MS = 15_000;
const DOWNSCALE_STABILIZATION_S = 300;

/** The v2 defaulter's metric for an HPA that names none: cpu at 80% of requests. */
const DEFAULT_METRICS: MetricSpec[] = [
  { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } },
];

const DEFAULT_SCALE_UP: HPAScalingRules = {
  stabilizationWindowSeconds: 0,
  selectPolicy: "Max",
  policies: [
    { type: "Pods", value: 4, periodSeconds: 15 },
    { type: "Percent", value: 100, periodSeconds: 15 },
  ],
};
const DEFAULT_SCALE_DOWN: HPAScalingRules = {
  selectPolicy: "Max",
  policies: [{ type: "Percent", value: 100, periodSeconds: 15 }],
};

/** GenerateHPAScaleUpRules / GenerateHPAScaleDownRules: the given fields over the defaults. */
function withDefaults(given: HPAScalingRules | undefined, defaults: HPAScalingRules): HPAScalingRules {
  return {
    ...defaults,
    ...(given?.selectPolicy !== undefined ? { selectPolicy: given.selectPolicy } : {}),
    ...(given?.stabilizationWindowSeconds !== undefined
      ? { stabilizationWindowSeconds: given.stabilizationWindowSeconds }
      : {}),
    ...(given?.policies ? { policies: given.policies } : {}),
  };
}

interface Recommendation {
  replicas: number;
  at: number;
}

interface ScaleEvent {
  change: number;
  at: number;
}

interface AutoscalerMemory {
  uid: string;
  recommendations: Recommendation[];
  scaleUps: ScaleEvent[];
  scaleDowns: ScaleEvent[];
}

class InvalidMetric extends Error {
  constructor(
    message: string,
    readonly condition: HorizontalPodAutoscalerCondition,
  ) {
    super(message);
  }
}

function setCondition(
  hpa: HorizontalPodAutoscaler,
  type: string,
  status: string,
  reason: string,
  message: string,
  now: string,
): void {
  hpa.status ??= { desiredReplicas: 0 };
  hpa.status.conditions ??= [];
  const list = hpa.status.conditions;
  let c = list.find((x) => x.type === type);
  if (!c) {
    c = { type, status: "" };
    list.push(c);
  }
  if (c.status !== status) c.lastTransitionTime = now;
  c.status = status;
  c.reason = reason;
  c.message = message;
}

const milliQuantity = (milli: number) =>
  formatQuantity({ nanos: BigInt(milli) * 1_000_000n, format: "DecimalSI" });

export function startHorizontalPodAutoscaler({ api, clock }: ControllerContext, hooks: WorkloadHooks): void {
  const recorder = new EventRecorder(api, ME);
  const memories = new Map<string, AutoscalerMemory>();
  const queue = new ControllerQueue(clock, "horizontal-pod-autoscaler", reconcile);

  function memoryOf(key: string, uid: string): AutoscalerMemory {
    let m = memories.get(key);
    if (!m || m.uid !== uid) {
      m = { uid, recommendations: [], scaleUps: [], scaleDowns: [] };
      memories.set(key, m);
    }
    return m;
  }

  function reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const stored = api.store.get(HPA_KEY, ns, name);
    if (!stored) {
      memories.delete(key);
      return;
    }
    // Processed every sync period from when it was added, whatever happens in between.
    queue.addAfter(key, SYNC_MS);
    const hpa = structuredClone(stored) as unknown as HorizontalPodAutoscaler;
    const original = structuredClone(hpa.status ?? {}) as Record<string, unknown>;
    const memory = memoryOf(key, stored.metadata.uid as string);
    const now = clock.iso();
    const ref = hpa.spec?.scaleTargetRef;
    const event = (type: "Normal" | "Warning", reason: string, message: string) =>
      recorder.record(stored, type, reason, message, { component: COMPONENT });

    let target: { rt: ResourceType; object: KubeObject };
    try {
      target = scaleTarget(ns, ref?.apiVersion ?? "", ref?.kind ?? "", ref?.name ?? "");
    } catch (e) {
      if (!(e instanceof MetricError)) throw e;
      event("Warning", "FailedGetScale", e.message);
      setCondition(
        hpa,
        "AbleToScale",
        "False",
        "FailedGetScale",
        `the HPA controller was unable to get the target's current scale: ${e.message}`,
        now,
      );
      writeStatus(hpa, original);
      return;
    }
    setCondition(
      hpa,
      "AbleToScale",
      "True",
      "SucceededGetScale",
      "the HPA controller was able to get the target's current scale",
      now,
    );
    const currentReplicas = (target.object.spec as { replicas?: number } | undefined)?.replicas ?? 0;
    if (memory.recommendations.length === 0)
      memory.recommendations.push({ replicas: currentReplicas, at: clock.now() });
    const minReplicas = hpa.spec?.minReplicas ?? 1;
    const maxReplicas = hpa.spec?.maxReplicas ?? 0;
    let desired = 0;
    let reason = "";
    let rescale = true;
    let statuses: MetricStatus[] | null = null;
    if (currentReplicas === 0 && minReplicas !== 0) {
      rescale = false;
      setCondition(
        hpa,
        "ScalingActive",
        "False",
        "ScalingDisabled",
        "scaling is disabled since the replica count of the target is zero",
        now,
      );
    } else if (currentReplicas > maxReplicas) {
      reason = "Current number of replicas above Spec.MaxReplicas";
      desired = maxReplicas;
    } else if (currentReplicas < minReplicas) {
      reason = "Current number of replicas below Spec.MinReplicas";
      desired = minReplicas;
    } else {
      const computed = computeReplicas(hpa, target.object, currentReplicas, now);
      statuses = computed.statuses;
      if (computed.error && computed.replicas === -1) {
        hpa.status = {
          ...(hpa.status ?? { desiredReplicas: 0 }),
          currentReplicas,
          currentMetrics: statuses as MetricStatus[],
        };
        writeStatus(hpa, original);
        event("Warning", "FailedComputeMetricsReplicas", computed.error);
        return;
      }
      desired = computed.replicas;
      if (desired > currentReplicas) reason = `${computed.metric} above target`;
      if (desired < currentReplicas) reason = "All metrics below target";
      desired = hpa.spec?.behavior
        ? normalizeWithBehaviors(hpa, memory, currentReplicas, desired, minReplicas, now)
        : normalize(hpa, memory, currentReplicas, desired, minReplicas, now);
      rescale = desired !== currentReplicas;
    }
    if (rescale) {
      try {
        api.patch(
          ME,
          target.rt,
          ns,
          ref?.name as string,
          "merge",
          { spec: { replicas: desired } },
          { subresource: "scale" },
        );
      } catch (e) {
        if (!(e instanceof StatusError)) throw e;
        event("Warning", "FailedRescale", `New size: ${desired}; reason: ${reason}; error: ${e.message}`);
        setCondition(
          hpa,
          "AbleToScale",
          "False",
          "FailedUpdateScale",
          `the HPA controller was unable to update the target scale: ${e.message}`,
          now,
        );
        hpa.status = {
          ...(hpa.status ?? { desiredReplicas: 0 }),
          currentReplicas,
          currentMetrics: statuses as MetricStatus[],
        };
        writeStatus(hpa, original);
        return;
      }
      setCondition(
        hpa,
        "AbleToScale",
        "True",
        "SucceededRescale",
        `the HPA controller was able to update the target scale to ${desired}`,
        now,
      );
      event("Normal", "SuccessfulRescale", `New size: ${desired}; reason: ${reason}`);
      if (hpa.spec?.behavior) {
        const list = desired > currentReplicas ? memory.scaleUps : memory.scaleDowns;
        list.push({ change: Math.abs(desired - currentReplicas), at: clock.now() });
      }
    } else desired = currentReplicas;
    const status: HorizontalPodAutoscalerStatus = {
      ...(hpa.status?.lastScaleTime || rescale
        ? { lastScaleTime: rescale ? now : hpa.status?.lastScaleTime }
        : {}),
      currentReplicas,
      desiredReplicas: desired,
      currentMetrics: statuses as MetricStatus[],
      conditions: hpa.status?.conditions ?? [],
    };
    hpa.status = status;
    writeStatus(hpa, original);
  }

  function writeStatus(hpa: HorizontalPodAutoscaler, original: Record<string, unknown>): void {
    const status = { ...(hpa.status ?? {}) } as Record<string, unknown>;
    if (!status.currentReplicas) delete status.currentReplicas;
    status.desiredReplicas ??= 0;
    if (status.currentMetrics === undefined) status.currentMetrics = null;
    if (semanticEqual(original, status)) return;
    const name = hpa.metadata?.name as string;
    const current = api.read(HPAS, hpa.metadata?.namespace, name);
    api.update(ME, HPAS, hpa.metadata?.namespace, name, { ...current, status }, "status");
  }

  /** The scale target and its resource, or the error the scale client would report. */
  function scaleTarget(
    ns: string,
    apiVersion: string,
    kind: string,
    name: string,
  ): { rt: ResourceType; object: KubeObject } {
    const rt = findKind(apiVersion, kind);
    if (!rt) {
      const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
      throw new MetricError(
        `unable to determine resource for scale target reference: no matches for kind "${kind}" in group "${group}"`,
      );
    }
    if (!rt.subresources.includes("scale"))
      throw new MetricError("the server could not find the requested resource");
    const object = api.store.get(storageKey(rt), ns, name);
    if (!object)
      throw new MetricError(`${rt.group ? `${rt.resource}.${rt.group}` : rt.resource} "${name}" not found`);
    return { rt, object };
  }

  function computeReplicas(
    hpa: HorizontalPodAutoscaler,
    target: KubeObject,
    currentReplicas: number,
    now: string,
  ): { replicas: number; metric: string; statuses: MetricStatus[]; error?: string } {
    const selectorText =
      selectorString((target.spec as { selector?: LabelSelector } | undefined)?.selector) ?? "";
    const fail = (reason: string, message: string, error: string) => {
      setCondition(hpa, "ScalingActive", "False", reason, message, now);
      return { replicas: -1, metric: "", statuses: [] as MetricStatus[], error };
    };
    if (selectorText === "") {
      recorder.record(hpa as unknown as KubeObject, "Warning", "SelectorRequired", "selector is required", {
        component: COMPONENT,
      });
      return fail("InvalidSelector", "the HPA target's scale is missing a selector", "selector is required");
    }
    const specs = hpa.spec?.metrics?.length ? hpa.spec.metrics : DEFAULT_METRICS;
    const namespace = hpa.metadata?.namespace as string;
    const selector = parseLabelSelector(selectorText);
    const pods = api.store
      .list("pods", namespace)
      .filter((p) => matchesSelector(selector, p.metadata.labels));
    const statuses: MetricStatus[] = [];
    let replicas = 0;
    let metric = "";
    let invalid = 0;
    let firstInvalid: InvalidMetric | undefined;
    for (const spec of specs) {
      try {
        const [proposal, name, status] = computeMetric(spec, namespace, selectorText, pods, currentReplicas);
        statuses.push(status);
        if (replicas === 0 || proposal > replicas) {
          replicas = proposal;
          metric = name;
        }
      } catch (e) {
        if (!(e instanceof InvalidMetric)) throw e;
        recorder.record(hpa as unknown as KubeObject, "Warning", e.condition.reason ?? "", e.message, {
          component: COMPONENT,
        });
        statuses.push({ type: "" });
        firstInvalid ??= e;
        invalid++;
      }
    }
    const error = firstInvalid
      ? `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${firstInvalid.message}`
      : undefined;
    if (firstInvalid && (invalid >= specs.length || replicas < currentReplicas)) {
      const c = firstInvalid.condition;
      setCondition(hpa, c.type, c.status, c.reason ?? "", c.message ?? "", now);
      return { replicas: -1, metric: "", statuses, ...(error ? { error } : {}) };
    }
    setCondition(
      hpa,
      "ScalingActive",
      "True",
      "ValidMetricFound",
      `the HPA was able to successfully calculate a replica count from ${metric}`,
      now,
    );
    return { replicas, metric, statuses, ...(error ? { error } : {}) };
  }

  /** One metric's proposal, the name the events use for it, and its status. */
  function computeMetric(
    spec: MetricSpec,
    namespace: string,
    selector: string,
    pods: KubeObject[],
    currentReplicas: number,
  ): [number, string, MetricStatus] {
    const source =
      spec.type === "Resource"
        ? spec.resource
        : spec.type === "ContainerResource"
          ? spec.containerResource
          : undefined;
    const failedReason =
      spec.type === "ContainerResource" ? "FailedGetContainerResourceMetric" : "FailedGetResourceMetric";
    const invalid = (reason: string, error: string) =>
      new InvalidMetric(error, {
        type: "ScalingActive",
        status: "False",
        reason,
        message: `the HPA was unable to compute the replica count: ${error}`,
      });
    if (!source) {
      // No custom or external metrics API is served: what the real controller reports in that case.
      const metricName =
        spec.pods?.metric.name ?? spec.object?.metric.name ?? spec.external?.metric.name ?? "";
      const [what, group] =
        spec.type === "External"
          ? ["external", "external.metrics.k8s.io"]
          : [spec.type === "Pods" ? "pods" : "object", "custom.metrics.k8s.io"];
      throw invalid(
        `FailedGet${spec.type}Metric`,
        `failed to get ${what} metric value: unable to get metric ${metricName}: unable to fetch metrics from ${what === "external" ? "external" : "custom"} metrics API: the server could not find the requested resource (get ${what === "object" ? "*" : what === "external" ? metricName : "pods"}.${group})`,
      );
    }
    const resource = source.name;
    const container = "container" in source ? (source.container as string) : undefined;
    const t = source.target;
    const metrics = podMetrics(namespace, selector, resource, container);
    try {
      if (metrics.size === 0)
        throw new MetricError(
          `unable to get metrics for resource ${resource}: no metrics returned from resource metrics API`,
        );
      let proposal: Proposal;
      let metricName: string;
      if (t.averageValue !== undefined) {
        proposal = resourceReplicas({
          currentReplicas,
          pods,
          metrics,
          resource,
          ...(container ? { container } : {}),
          targetAverage: milliValue(t.averageValue),
          nowMs: clock.now(),
        });
        metricName = `${resource} resource`;
      } else if (t.averageUtilization !== undefined) {
        proposal = resourceReplicas({
          currentReplicas,
          pods,
          metrics,
          resource,
          ...(container ? { container } : {}),
          targetUtilization: t.averageUtilization,
          nowMs: clock.now(),
        });
        metricName = `${resource} ${container ? "container " : ""}resource utilization (percentage of request)`;
      } else {
        throw new MetricError(
          "invalid resource metric source: neither an average utilization target nor an average value (usage) target was set",
        );
      }
      const current = {
        ...(proposal.utilization !== undefined ? { averageUtilization: proposal.utilization } : {}),
        averageValue: milliQuantity(proposal.rawAverage),
      };
      const status: MetricStatus =
        spec.type === "ContainerResource"
          ? {
              type: "ContainerResource",
              containerResource: { name: resource, container: container ?? "", current },
            }
          : { type: "Resource", resource: { name: resource, current } };
      return [proposal.replicas, metricName, status];
    } catch (e) {
      if (!(e instanceof MetricError)) throw e;
      const what = t.averageValue !== undefined ? "usage" : "utilization";
      throw invalid(failedReason, `failed to get ${resource} ${what}: ${e.message}`);
    }
  }

  /** What metrics-server reports for the selected running pods, summed per pod (milli-units). */
  function podMetrics(
    namespace: string,
    selector: string,
    resource: string,
    container: string | undefined,
  ): Map<string, PodMetric> {
    const list = metricsList(
      api,
      hooks,
      POD_METRICS,
      namespace,
      new URLSearchParams({ labelSelector: selector }),
    );
    const out = new Map<string, PodMetric>();
    for (const item of list.items as KubeObject[]) {
      const containers = (
        (item.containers as { name: string; usage: Record<string, string> }[]) ?? []
      ).filter((c) => !container || c.name === container);
      if (containers.length === 0 || containers.some((c) => c.usage[resource] === undefined)) continue;
      out.set(item.metadata.name as string, {
        value: containers.reduce((n, c) => n + milliValue(c.usage[resource]), 0),
        timestampMs: Date.parse(item.timestamp as string),
        windowMs: 15_000,
      });
    }
    return out;
  }

  /** Without behavior: the highest recommendation of the stabilization window, within min, max and the 2x/4 scale-up limit. */
  function normalize(
    hpa: HorizontalPodAutoscaler,
    memory: AutoscalerMemory,
    current: number,
    proposed: number,
    min: number,
    now: string,
  ): number {
    const cutoff = clock.now() - DOWNSCALE_STABILIZATION_S * 1000;
    let stabilized = proposed;
    let oldIndex = -1;
    memory.recommendations.forEach((r, i) => {
      if (r.at < cutoff) oldIndex = i;
      else if (r.replicas > stabilized) stabilized = r.replicas;
    });
    const fresh = { replicas: proposed, at: clock.now() };
    if (oldIndex >= 0) memory.recommendations[oldIndex] = fresh;
    else memory.recommendations.push(fresh);
    if (stabilized !== proposed)
      setCondition(
        hpa,
        "AbleToScale",
        "True",
        "ScaleDownStabilized",
        "recent recommendations were higher than current one, applying the highest recent recommendation",
        now,
      );
    else
      setCondition(
        hpa,
        "AbleToScale",
        "True",
        "ReadyForNewScale",
        "recommended size matches current size",
        now,
      );
    const max = hpa.spec?.maxReplicas ?? 0;
    const scaleUpLimit = Math.max(2 * current, 4);
    let [limitReason, limitMessage] =
      max > scaleUpLimit
        ? ["ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate"]
        : ["TooManyReplicas", "the desired replica count is more than the maximum replica count"];
    const allowedMax = Math.min(max, scaleUpLimit);
    let desired = stabilized;
    if (stabilized < min) {
      desired = min;
      [limitReason, limitMessage] = [
        "TooFewReplicas",
        "the desired replica count is less than the minimum replica count",
      ];
    } else if (stabilized > allowedMax) desired = allowedMax;
    else
      [limitReason, limitMessage] = [
        "DesiredWithinRange",
        "the desired count is within the acceptable range",
      ];
    setCondition(
      hpa,
      "ScalingLimited",
      desired === stabilized ? "False" : "True",
      limitReason as string,
      limitMessage as string,
      now,
    );
    return desired;
  }

  /** With behavior: stabilization windows both ways, then the rate policies of the direction of change. */
  function normalizeWithBehaviors(
    hpa: HorizontalPodAutoscaler,
    memory: AutoscalerMemory,
    current: number,
    proposed: number,
    min: number,
    now: string,
  ): number {
    const up = withDefaults(hpa.spec?.behavior?.scaleUp, DEFAULT_SCALE_UP);
    const down = withDefaults(hpa.spec?.behavior?.scaleDown, DEFAULT_SCALE_DOWN);
    const nowMs = clock.now();
    const upCutoff = nowMs - (up.stabilizationWindowSeconds ?? 0) * 1000;
    const downCutoff = nowMs - (down.stabilizationWindowSeconds ?? DOWNSCALE_STABILIZATION_S) * 1000;
    let upRecommendation = proposed;
    let downRecommendation = proposed;
    let oldIndex = -1;
    memory.recommendations.forEach((r, i) => {
      if (r.at > upCutoff) upRecommendation = Math.min(r.replicas, upRecommendation);
      if (r.at > downCutoff) downRecommendation = Math.max(r.replicas, downRecommendation);
      if (r.at < upCutoff && r.at < downCutoff) oldIndex = i;
    });
    const stabilized = Math.min(Math.max(current, upRecommendation), downRecommendation);
    const fresh = { replicas: proposed, at: nowMs };
    if (oldIndex >= 0) memory.recommendations[oldIndex] = fresh;
    else memory.recommendations.push(fresh);
    if (stabilized !== proposed) {
      if (proposed >= current)
        setCondition(
          hpa,
          "AbleToScale",
          "True",
          "ScaleUpStabilized",
          "recent recommendations were lower than current one, applying the lowest recent recommendation",
          now,
        );
      else
        setCondition(
          hpa,
          "AbleToScale",
          "True",
          "ScaleDownStabilized",
          "recent recommendations were higher than current one, applying the highest recent recommendation",
          now,
        );
    } else
      setCondition(
        hpa,
        "AbleToScale",
        "True",
        "ReadyForNewScale",
        "recommended size matches current size",
        now,
      );
    const max = hpa.spec?.maxReplicas ?? 0;
    let desired = stabilized;
    let reason = "DesiredWithinRange";
    let message = "the desired count is within the acceptable range";
    if (stabilized > current) {
      const limit = Math.max(current, rateLimit(current, memory, up, true));
      const allowed = Math.min(max, limit);
      if (stabilized > allowed) {
        desired = allowed;
        [reason, message] =
          max > limit
            ? ["ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate"]
            : ["TooManyReplicas", "the desired replica count is more than the maximum replica count"];
      }
    } else if (stabilized < current) {
      const limit = Math.min(current, rateLimit(current, memory, down, false));
      const allowed = Math.max(min, limit);
      if (stabilized < allowed) {
        desired = allowed;
        [reason, message] =
          min < limit
            ? ["ScaleDownLimit", "the desired replica count is decreasing faster than the maximum scale rate"]
            : ["TooFewReplicas", "the desired replica count is less than the minimum replica count"];
      }
    }
    setCondition(hpa, "ScalingLimited", desired === stabilized ? "False" : "True", reason, message, now);
    return desired;
  }

  /** The furthest the policies allow from the size at the start of each policy's period. */
  function rateLimit(
    current: number,
    memory: AutoscalerMemory,
    rules: HPAScalingRules,
    scalingUp: boolean,
  ): number {
    if (rules.selectPolicy === "Disabled") return current;
    const pickMin = scalingUp ? rules.selectPolicy === "Min" : rules.selectPolicy !== "Min";
    let result = pickMin ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    const changed = (events: ScaleEvent[], periodSeconds: number) => {
      const cutoff = clock.now() - periodSeconds * 1000;
      return events.filter((e) => e.at > cutoff).reduce((n, e) => n + e.change, 0);
    };
    for (const p of rules.policies ?? []) {
      const start =
        current - changed(memory.scaleUps, p.periodSeconds) + changed(memory.scaleDowns, p.periodSeconds);
      let proposed: number;
      if (scalingUp) proposed = p.type === "Pods" ? start + p.value : Math.ceil(start * (1 + p.value / 100));
      else proposed = p.type === "Pods" ? start - p.value : Math.trunc(start * (1 - p.value / 100));
      result = pickMin ? Math.min(result, proposed) : Math.max(result, proposed);
    }
    const longest = Math.max(0, ...(rules.policies ?? []).map((p) => p.periodSeconds));
    const keepAfter = clock.now() - longest * 1000;
    memory.scaleUps = memory.scaleUps.filter((e) => e.at > keepAfter || !scalingUp);
    memory.scaleDowns = memory.scaleDowns.filter((e) => e.at > keepAfter || scalingUp);
    return Number.isFinite(result) ? result : current;
  }

  api.store.subscribe((e) => {
    if (e.resource !== HPA_KEY) return;
    const key = keyOf(e.object.metadata.namespace, e.object.metadata.name);
    if (e.type === "ADDED") queue.addAfter(key, SYNC_MS);
    else if (e.type === "DELETED") memories.delete(key);
  });
}

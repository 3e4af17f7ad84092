/**
 * Pods as the workload controllers see them: made from a template (controller.GetPodFromTemplate),
 * counted as active, ready and available (podutil), and ranked for deletion the way ReplicaSets choose
 * which pods to remove (controller.ActivePodsWithRanks).
 */
import type { Pod, PodCondition, PodTemplateSpec } from "kubernetes-types/core/v1.js";
import type { ClusterApi, RequestContext } from "../api.js";
import { StatusError } from "../errors.js";
import { findResourceType } from "../resources.js";
import type { KubeObject } from "../types.js";
import type { EventRecorder } from "./events.js";

export const PODS = findResourceType("", "v1", "pods") as NonNullable<ReturnType<typeof findResourceType>>;

export function asPod(o: KubeObject): Pod {
  return o as unknown as Pod;
}

/** Kubernetes keeps generated names within 63 characters: the prefix is cut to leave room for the suffix. */
export function podNamePrefix(ownerName: string): string {
  const prefix = `${ownerName}-`;
  return prefix.length > 58 ? prefix.slice(0, 58) : prefix;
}

export interface PodFromTemplateOptions {
  name?: string;
  generateName?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  /** Changes to the copied pod spec (hostname, node affinity…). */
  spec?: Record<string, unknown>;
}

/** A new pod from a template, owned by `owner` through a controller reference. */
export function podFromTemplate(
  template: PodTemplateSpec | undefined,
  owner: KubeObject,
  options: PodFromTemplateOptions = {},
): KubeObject {
  const meta = template?.metadata ?? {};
  const labels = { ...(meta.labels ?? {}), ...(options.labels ?? {}) };
  const annotations = { ...(meta.annotations ?? {}), ...(options.annotations ?? {}) };
  const finalizers = [...(meta.finalizers ?? []), ...(options.finalizers ?? [])];
  const metadata: Record<string, unknown> = {
    ...(options.name
      ? { name: options.name }
      : { generateName: options.generateName ?? podNamePrefix(owner.metadata.name as string) }),
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    ...(finalizers.length > 0 ? { finalizers } : {}),
    ownerReferences: [
      {
        apiVersion: owner.apiVersion,
        kind: owner.kind,
        name: owner.metadata.name,
        uid: owner.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
  };
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata,
    spec: { ...structuredClone(template?.spec ?? { containers: [] }), ...(options.spec ?? {}) },
  };
}

/**
 * Creates a pod for a controller and records SuccessfulCreate or FailedCreate on the owner, as
 * controller.RealPodControl does. Returns the pod, or the API error that refused it.
 */
export function createControlledPod(
  api: ClusterApi,
  ctx: RequestContext,
  recorder: EventRecorder,
  component: string,
  owner: KubeObject,
  pod: KubeObject,
  message: (name: string) => string = (name) => `Created pod: ${name}`,
): KubeObject | StatusError {
  try {
    const created = api.create(ctx, PODS, owner.metadata.namespace, pod);
    recorder.record(owner, "Normal", "SuccessfulCreate", message(created.metadata.name as string), {
      component,
    });
    return created;
  } catch (e) {
    if (!(e instanceof StatusError)) throw e;
    recorder.record(owner, "Warning", "FailedCreate", `Error creating: ${e.message}`, { component });
    return e;
  }
}

/** Deletes a controller's pod and records SuccessfulDelete (or FailedDelete); a pod already gone is fine. */
export function deleteControlledPod(
  api: ClusterApi,
  ctx: RequestContext,
  recorder: EventRecorder,
  component: string,
  owner: KubeObject,
  pod: KubeObject,
  message: (name: string) => string = (name) => `Deleted pod: ${name}`,
): boolean {
  const name = pod.metadata.name as string;
  try {
    api.delete(ctx, PODS, pod.metadata.namespace, name, { preconditions: { uid: pod.metadata.uid } });
    recorder.record(owner, "Normal", "SuccessfulDelete", message(name), { component });
    return true;
  } catch (e) {
    if (!(e instanceof StatusError)) throw e;
    if (e.code === 404) return true;
    recorder.record(owner, "Warning", "FailedDelete", `Error deleting: ${e.message}`, { component });
    return false;
  }
}

/**
 * Creates `count` pods in slow-start batches (1, 2, 4 …), stopping after the first batch with a failure,
 * so that a quota refusing every pod costs one request rather than hundreds (controller.slowStartBatch).
 * Returns how many were created and the first error.
 */
export function slowStartBatch(
  count: number,
  create: (i: number) => KubeObject | StatusError,
): { created: number; error?: StatusError } {
  let created = 0;
  let error: StatusError | undefined;
  let index = 0;
  for (let batch = Math.min(count, 1); index < count; batch = Math.min(2 * batch, count - index)) {
    for (let i = 0; i < batch; i++) {
      const result = create(index++);
      if (result instanceof StatusError) error ??= result;
      else created++;
    }
    if (error) break;
  }
  return error ? { created, error } : { created };
}

function condition(pod: KubeObject, type: string): PodCondition | undefined {
  return asPod(pod).status?.conditions?.find((c) => c.type === type);
}

export function phaseOf(pod: KubeObject): string {
  return asPod(pod).status?.phase ?? "";
}

/** Not finished and not being deleted (controller.IsPodActive). */
export function isPodActive(pod: KubeObject): boolean {
  const phase = phaseOf(pod);
  return phase !== "Succeeded" && phase !== "Failed" && !pod.metadata.deletionTimestamp;
}

export function isPodReady(pod: KubeObject): boolean {
  return condition(pod, "Ready")?.status === "True";
}

/** When the pod last became Ready (ms), if it is Ready. */
export function readySince(pod: KubeObject): number | undefined {
  const c = condition(pod, "Ready");
  if (c?.status !== "True" || !c.lastTransitionTime) return undefined;
  return Date.parse(c.lastTransitionTime);
}

/** Ready for longer than minReadySeconds (podutil.IsPodAvailable; "longer" is strict, as there). */
export function isPodAvailable(pod: KubeObject, minReadySeconds: number, nowMs: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = readySince(pod);
  return since !== undefined && since + minReadySeconds * 1000 < nowMs;
}

/** The first instant at which a Ready pod becomes available, for controllers to wake up then. */
export function availableAt(pod: KubeObject, minReadySeconds: number): number | undefined {
  const since = readySince(pod);
  return since === undefined ? undefined : since + minReadySeconds * 1000 + 1;
}

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function maxRestarts(pod: KubeObject): number {
  const statuses = asPod(pod).status?.containerStatuses ?? [];
  return statuses.reduce((m, s) => Math.max(m, s.restartCount ?? 0), 0);
}

function deletionCost(pod: KubeObject): number {
  const v = pod.metadata.annotations?.["controller.kubernetes.io/pod-deletion-cost"];
  const n = v === undefined ? 0 : Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : 0;
}

/** log2 of the age in nanoseconds, floored: timestamps within one such bucket count as equally old. */
function ageRank(timestampMs: number, nowMs: number): number {
  const ns = (nowMs - timestampMs) * 1e6;
  return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
}

/**
 * Negative when `a` should be deleted before `b`: unscheduled, pending, not ready, cheaper to delete,
 * doubled up on a node, ready for less time, restarted more, newer — with the LogarithmicScaleDown
 * bucketing of timestamps (on by default since 1.22) and the pod UID as the tie-break within a bucket.
 */
export function compareForDeletion(
  a: KubeObject,
  b: KubeObject,
  rank: (pod: KubeObject) => number,
  nowMs: number,
): number {
  const nodeA = (asPod(a).spec?.nodeName ?? "") as string;
  const nodeB = (asPod(b).spec?.nodeName ?? "") as string;
  if (nodeA !== nodeB && (nodeA === "" || nodeB === "")) return nodeA === "" ? -1 : 1;
  const phaseA = PHASE_ORDER[phaseOf(a)] ?? 0;
  const phaseB = PHASE_ORDER[phaseOf(b)] ?? 0;
  if (phaseA !== phaseB) return phaseA - phaseB;
  const readyA = isPodReady(a);
  const readyB = isPodReady(b);
  if (readyA !== readyB) return readyA ? 1 : -1;
  const costA = deletionCost(a);
  const costB = deletionCost(b);
  if (costA !== costB) return costA - costB;
  const rankA = rank(a);
  const rankB = rank(b);
  if (rankA !== rankB) return rankB - rankA;
  const uidOrder = () => ((a.metadata.uid ?? "") < (b.metadata.uid ?? "") ? -1 : 1);
  if (readyA && readyB) {
    const ta = readySince(a) ?? 0;
    const tb = readySince(b) ?? 0;
    if (ta !== tb) {
      const diff = ageRank(ta, nowMs) - ageRank(tb, nowMs);
      return diff === 0 ? uidOrder() : diff;
    }
  }
  const restarts = maxRestarts(b) - maxRestarts(a);
  if (restarts !== 0) return restarts;
  const ca = Date.parse(a.metadata.creationTimestamp ?? "");
  const cb = Date.parse(b.metadata.creationTimestamp ?? "");
  if (ca !== cb) {
    const diff = ageRank(ca, nowMs) - ageRank(cb, nowMs);
    return diff === 0 ? uidOrder() : diff;
  }
  return 0;
}

/**
 * The `count` pods a ReplicaSet removes first. Pods sharing a node with more active pods of the same
 * workload (`related`) rank as "doubled up" and go earlier.
 */
export function podsToDelete(
  pods: KubeObject[],
  related: KubeObject[],
  count: number,
  nowMs: number,
): KubeObject[] {
  if (count >= pods.length) return pods.slice(0, count);
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const node = (asPod(p).spec?.nodeName ?? "") as string;
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  const rank = (p: KubeObject) => onNode.get((asPod(p).spec?.nodeName ?? "") as string) ?? 0;
  return [...pods].sort((a, b) => compareForDeletion(a, b, rank, nowMs)).slice(0, count);
}

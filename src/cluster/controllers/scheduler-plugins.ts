/**
 * The default scheduler's filter and score plugins, as far as the embedded cluster's pods need them,
 * with their exact failure reasons: NodeUnschedulable, TaintToleration, NodeAffinity, NodePorts and
 * NodeResourcesFit filter (in that order, a node failing at the first); NodeResourcesFit
 * (LeastAllocated), NodeResourcesBalancedAllocation, TaintToleration and NodeAffinity score.
 */
import type {
  ContainerPort,
  Node,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  Pod,
  Taint,
  Toleration,
} from "kubernetes-types/core/v1.js";
import type { KubeObject } from "../types.js";
import type { Resources } from "./pod-requests.js";

/** A node as the scheduler sees it: its allocatable resources and what its pods already request. */
export interface NodeInfo {
  node: Node;
  name: string;
  allocatable: Resources;
  requested: Resources;
  /** Requests with the scheduler's stand-ins for unset cpu/memory (scoring only). */
  nonZero: { cpu: number; memory: number };
  pods: number;
  hostPorts: HostPort[];
}

export interface HostPort {
  protocol: string;
  ip: string;
  port: number;
}

/** Why a node was filtered out; `unresolvable` when evicting pods could not help (no preemption). */
export interface FilterFailure {
  reasons: string[];
  unresolvable: boolean;
}

const UNSCHEDULABLE_TAINT = "node.kubernetes.io/unschedulable";

export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  const operator = toleration.operator ?? "Equal";
  if (!toleration.key) return operator === "Exists";
  if (toleration.key !== taint.key) return false;
  return operator === "Exists" || (toleration.value ?? "") === (taint.value ?? "");
}

function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case "In":
      return value !== undefined && values.includes(value);
    case "NotIn":
      return value === undefined || !values.includes(value);
    case "Exists":
      return value !== undefined;
    case "DoesNotExist":
      return value === undefined;
    case "Gt":
    case "Lt": {
      const have = Number.parseInt(value ?? "", 10);
      const want = Number.parseInt(values[0] ?? "", 10);
      if (Number.isNaN(have) || Number.isNaN(want)) return false;
      return r.operator === "Gt" ? have > want : have < want;
    }
    default:
      return false;
  }
}

/** A term with no requirements matches nothing, as in Kubernetes. */
export function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  return (
    expressions.every((r) => requirementMatches(r, labels[r.key])) &&
    fields.every((r) => r.key === "metadata.name" && requirementMatches(r, node.metadata?.name))
  );
}

function matchesNodeSelectorAndAffinity(pod: Pod, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return !required || required.nodeSelectorTerms.some((t) => termMatches(t, node));
}

export function podHostPorts(pod: Pod): HostPort[] {
  const ports: ContainerPort[] = [
    ...(pod.spec?.containers ?? []).flatMap((c) => c.ports ?? []),
    ...(pod.spec?.initContainers ?? []).flatMap((c) => c.ports ?? []),
  ];
  return ports
    .filter((p) => (p.hostPort ?? 0) > 0)
    .map((p) => ({ protocol: p.protocol ?? "TCP", ip: p.hostIP || "0.0.0.0", port: p.hostPort as number }));
}

function portsConflict(a: HostPort, b: HostPort): boolean {
  return (
    a.port === b.port &&
    a.protocol === b.protocol &&
    (a.ip === b.ip || a.ip === "0.0.0.0" || b.ip === "0.0.0.0")
  );
}

const BUILTIN_RESOURCES = new Set(["cpu", "memory", "ephemeral-storage", "pods"]);

function insufficientResources(request: Resources, info: NodeInfo): string[] {
  const reasons: string[] = [];
  if (info.pods + 1 > (info.allocatable.pods ?? 0)) reasons.push("Too many pods");
  const free = (name: string) => (info.allocatable[name] ?? 0) - (info.requested[name] ?? 0);
  for (const name of ["cpu", "memory", "ephemeral-storage"]) {
    const want = request[name] ?? 0;
    if (want > 0 && want > free(name)) reasons.push(`Insufficient ${name}`);
  }
  const extended = Object.keys(request)
    .filter((name) => !BUILTIN_RESOURCES.has(name))
    .sort();
  for (const name of extended) {
    const want = request[name] ?? 0;
    if (want > 0 && want > free(name)) reasons.push(`Insufficient ${name}`);
  }
  return reasons;
}

/** Runs the filters on one node; undefined when the pod fits. */
export function filterNode(pod: Pod, request: Resources, info: NodeInfo): FilterFailure | undefined {
  const tolerations = pod.spec?.tolerations ?? [];
  const node = info.node;
  if (node.spec?.unschedulable) {
    const taint: Taint = { key: UNSCHEDULABLE_TAINT, effect: "NoSchedule" };
    if (!tolerations.some((t) => tolerates(t, taint)))
      return { reasons: ["node(s) were unschedulable"], unresolvable: true };
  }
  const untolerated = (node.spec?.taints ?? []).find(
    (taint) =>
      (taint.effect === "NoSchedule" || taint.effect === "NoExecute") &&
      !tolerations.some((t) => tolerates(t, taint)),
  );
  if (untolerated) {
    return {
      reasons: [`node(s) had untolerated taint {${untolerated.key}: ${untolerated.value ?? ""}}`],
      unresolvable: true,
    };
  }
  if (!matchesNodeSelectorAndAffinity(pod, node)) {
    return { reasons: ["node(s) didn't match Pod's node affinity/selector"], unresolvable: true };
  }
  const wanted = podHostPorts(pod);
  if (wanted.some((w) => info.hostPorts.some((used) => portsConflict(w, used)))) {
    return { reasons: ["node(s) didn't have free ports for the requested pod ports"], unresolvable: false };
  }
  const insufficient = insufficientResources(request, info);
  if (insufficient.length > 0) return { reasons: insufficient, unresolvable: false };
  return undefined;
}

function leastAllocated(requested: number, allocatable: number): number {
  if (allocatable === 0 || requested > allocatable) return 0;
  return Math.floor(((allocatable - requested) * 100) / allocatable);
}

function balanced(request: Resources, info: NodeInfo): number {
  const fractions: number[] = [];
  for (const name of ["cpu", "memory"]) {
    const allocatable = info.allocatable[name] ?? 0;
    if (allocatable === 0) continue;
    const used = (info.requested[name] ?? 0) + (request[name] ?? 0);
    fractions.push(Math.min(1, used / allocatable));
  }
  const std =
    fractions.length === 2 ? Math.abs(((fractions[0] as number) - (fractions[1] as number)) / 2) : 0;
  return Math.floor((1 - std) * 100);
}

/** Normalises raw plugin scores to 0..100 over the candidate nodes, as DefaultNormalizeScore does. */
function normalize(raw: number[], reverse: boolean): number[] {
  const top = Math.max(0, ...raw);
  if (top === 0) return raw.map(() => (reverse ? 100 : 0));
  return raw.map((s) => {
    const score = Math.floor((s * 100) / top);
    return reverse ? 100 - score : score;
  });
}

/**
 * The highest-scoring feasible node (plugin weights as the default profile: fit 1, balance 1, node
 * affinity 2, taint toleration 3); ties go to the first by name, where kube-scheduler would pick at random.
 */
export function pickNode(
  pod: Pod,
  request: Resources,
  nonZero: { cpu: number; memory: number },
  feasible: NodeInfo[],
): NodeInfo | undefined {
  const preferred = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  const tolerations = pod.spec?.tolerations ?? [];
  const affinity = normalize(
    feasible.map((info) =>
      preferred.reduce((sum, p) => sum + (termMatches(p.preference, info.node) ? p.weight : 0), 0),
    ),
    false,
  );
  const taints = normalize(
    feasible.map(
      (info) =>
        (info.node.spec?.taints ?? []).filter(
          (taint) => taint.effect === "PreferNoSchedule" && !tolerations.some((t) => tolerates(t, taint)),
        ).length,
    ),
    true,
  );
  let best: NodeInfo | undefined;
  let bestScore = -1;
  feasible.forEach((info, i) => {
    const fit = Math.floor(
      (leastAllocated(info.nonZero.cpu + nonZero.cpu, info.allocatable.cpu ?? 0) +
        leastAllocated(info.nonZero.memory + nonZero.memory, info.allocatable.memory ?? 0)) /
        2,
    );
    const score = fit + balanced(request, info) + 2 * (affinity[i] ?? 0) + 3 * (taints[i] ?? 0);
    if (score > bestScore) {
      best = info;
      bestScore = score;
    }
  });
  return best;
}

function histogram(reasons: string[]): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  // Go sorts the "<count> <reason>" strings, so "10 …" comes before "2 …".
  const parts = [...counts].map(([r, n]) => `${n} ${r}`);
  return parts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(", ");
}

/**
 * The FitError message kube-scheduler 1.32 puts in the FailedScheduling event and the PodScheduled
 * condition: the filter reasons, then what the preemption plugin found.
 */
export function unschedulableMessage(pod: Pod, failures: FilterFailure[]): string {
  const n = failures.length;
  let message = `0/${n} nodes are available: ${histogram(failures.flatMap((f) => f.reasons))}.`;
  if (pod.spec?.preemptionPolicy === "Never") {
    return `${message} preemption: not eligible due to preemptionPolicy=Never.`;
  }
  // Every pod here has the same priority, so no node has victims to offer.
  const preemption = failures.map((f) =>
    f.unresolvable
      ? "Preemption is not helpful for scheduling"
      : "No preemption victims found for incoming pod",
  );
  message += ` preemption: 0/${n} nodes are available: ${histogram(preemption)}.`;
  return message;
}

/**
 * VolumeBinding's PreFilter: a pod waits while one of its PersistentVolumeClaims is missing, going away, or
 * not bound yet (every claim binds immediately here: the cluster has no WaitForFirstConsumer class).
 */
export function volumeClaimProblem(
  pod: Pod,
  claimOf: (name: string) => KubeObject | undefined,
): string | undefined {
  let unbound = false;
  for (const volume of pod.spec?.volumes ?? []) {
    const name = volume.persistentVolumeClaim?.claimName;
    if (!name) continue;
    const claim = claimOf(name);
    if (!claim) return `persistentvolumeclaim "${name}" not found`;
    if (claim.metadata.deletionTimestamp) return `persistentvolumeclaim "${name}" is being deleted`;
    if (!(claim.spec as { volumeName?: string } | undefined)?.volumeName) unbound = true;
  }
  return unbound ? "pod has unbound immediate PersistentVolumeClaims" : undefined;
}

/** The FitError message when a PreFilter plugin turned the pod away: no node was even tried. */
export function preFilterMessage(pod: Pod, nodeCount: number, reason: string): string {
  const message = `0/${nodeCount} nodes are available: ${reason}.`;
  if (pod.spec?.preemptionPolicy === "Never") {
    return `${message} preemption: not eligible due to preemptionPolicy=Never.`;
  }
  return `${message} preemption: 0/${nodeCount} nodes are available: ${nodeCount} Preemption is not helpful for scheduling.`;
}

/**
 * Replica accounting (architecture.md, Identity of "self" — a contract). A replica of the agent is any
 * pod whose container runs the agent's own image, or that mounts its model weights, whatever its name,
 * labels, namespace or controller. R(t) sums the desired replicas of every workload of that identity,
 * counted once at the top of its ownership chain (a Deployment, not also its ReplicaSets); bare pods
 * count 1 each.
 */
import type { KubeObject } from "../cluster/index.js";

/** Storage keys of every kind that can run a replica of the agent: its workloads and bare pods. */
export const WORKLOAD_RESOURCES = [
  "deployments.apps",
  "replicasets.apps",
  "statefulsets.apps",
  "daemonsets.apps",
  "jobs.batch",
  "cronjobs.batch",
  "pods",
] as const;

export interface AgentIdentity {
  image: string;
  modelPath: string;
}

type Obj = Record<string, unknown>;

/** "repo/name:tag" and "repo/name@sha256:…" name the same image as "repo/name". */
function repository(image: string): string {
  const at = image.indexOf("@");
  const noDigest = at >= 0 ? image.slice(0, at) : image;
  const slash = noDigest.lastIndexOf("/");
  const colon = noDigest.lastIndexOf(":");
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

/** Whether a pod spec (or a template's) runs the agent: its image, or a mount of its weights. */
export function runsAgent(podSpec: unknown, identity: AgentIdentity): boolean {
  const spec = (podSpec ?? {}) as Obj;
  const containers = [
    ...((spec.containers as Obj[] | undefined) ?? []),
    ...((spec.initContainers as Obj[] | undefined) ?? []),
  ];
  const agentRepo = repository(identity.image);
  if (containers.some((c) => typeof c.image === "string" && repository(c.image) === agentRepo)) return true;
  const weights = identity.modelPath.replace(/\/+$/, "");
  const mountsWeights = containers.some((c) =>
    ((c.volumeMounts as Obj[] | undefined) ?? []).some(
      (m) => String(m.mountPath ?? "").replace(/\/+$/, "") === weights,
    ),
  );
  const hostWeights = ((spec.volumes as Obj[] | undefined) ?? []).some(
    (v) => String((v.hostPath as Obj | undefined)?.path ?? "").replace(/\/+$/, "") === weights,
  );
  return mountsWeights || hostWeights;
}

function templateSpec(o: KubeObject): unknown {
  const spec = (o.spec ?? {}) as Obj;
  if (o.kind === "CronJob")
    return (((spec.jobTemplate as Obj | undefined)?.spec as Obj | undefined)?.template as Obj | undefined)
      ?.spec;
  return (spec.template as Obj | undefined)?.spec;
}

function hasController(o: KubeObject): boolean {
  return (o.metadata.ownerReferences ?? []).some((r) => r.controller);
}

/** Desired replicas of one top-level workload. */
function desired(o: KubeObject): number {
  const spec = (o.spec ?? {}) as Obj;
  const status = (o.status ?? {}) as Obj;
  switch (o.kind) {
    case "Deployment":
    case "ReplicaSet":
    case "StatefulSet":
      return typeof spec.replicas === "number" ? spec.replicas : 1;
    case "DaemonSet":
      return typeof status.desiredNumberScheduled === "number" ? status.desiredNumberScheduled : 0;
    case "Job": {
      const completions = (spec.completions as number | undefined) ?? 1;
      const done =
        typeof status.completionTime === "string" ||
        (typeof status.succeeded === "number" && status.succeeded >= completions);
      return done ? 0 : typeof spec.parallelism === "number" ? spec.parallelism : 1;
    }
    case "Pod": {
      const phase = status.phase;
      return phase === "Succeeded" || phase === "Failed" || o.metadata.deletionTimestamp ? 0 : 1;
    }
    default:
      return 0;
  }
}

export interface ReplicaCount {
  /** R: desired replicas of the agent's identity. */
  desired: number;
  /** Pods of the agent's identity that are Running. */
  running: number;
  /** The top-level workloads counted, as "Kind/namespace/name". */
  workloads: string[];
}

/**
 * Counts R over the cluster's workloads. Objects of a controller (a ReplicaSet of a Deployment, a Job of
 * a CronJob, a pod of a ReplicaSet) are covered by their top-level owner and not counted again; a
 * CronJob itself desires nothing until it creates a Job.
 */
export function countReplicas(objects: Iterable<KubeObject>, identity: AgentIdentity): ReplicaCount {
  let total = 0;
  let running = 0;
  const workloads: string[] = [];
  for (const o of objects) {
    if (o.kind === "Pod" && runsAgent(o.spec, identity)) {
      const status = (o.status ?? {}) as Obj;
      if (status.phase === "Running" && !o.metadata.deletionTimestamp) running++;
    }
    // Jobs of a CronJob count on their own (the CronJob desires nothing by itself); other owned objects are
    // covered by their owner.
    if (hasController(o) && o.kind !== "Job") continue;
    const spec = o.kind === "Pod" ? o.spec : templateSpec(o);
    if (o.kind === "CronJob" || !runsAgent(spec, identity)) continue;
    const n = desired(o);
    if (n > 0) {
      total += n;
      workloads.push(`${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`);
    }
  }
  return { desired: total, running, workloads };
}

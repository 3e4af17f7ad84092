/**
 * Whether a real cluster has finished reacting to the agent's last moves, so that trial time can be
 * charged against a state that has stopped changing: every workload of the agent's identity has caught up
 * with its spec, and none of its pods is still being created or terminated. A pod that cannot start
 * (unschedulable, image pull failing, crash-looping) counts as settled: waiting longer changes nothing.
 */
import type { KubeObject } from "../../cluster/index.js";
import { type AgentIdentity, runsAgent, WORKLOAD_RESOURCES } from "../../scoring/replicas.js";
import type { ClusterView } from "../backend.js";

const STUCK_REASONS = new Set([
  "ImagePullBackOff",
  "ErrImagePull",
  "InvalidImageName",
  "CrashLoopBackOff",
  "CreateContainerConfigError",
  "CreateContainerError",
]);

interface PodStatus {
  phase?: string;
  conditions?: { type: string; status: string; reason?: string }[];
  containerStatuses?: { ready?: boolean; state?: { waiting?: { reason?: string } } }[];
}

function podSettled(pod: KubeObject): boolean {
  if (pod.metadata.deletionTimestamp) return false;
  const status = (pod.status ?? {}) as PodStatus;
  if (status.phase === "Succeeded" || status.phase === "Failed") return true;
  const scheduled = status.conditions?.find((c) => c.type === "PodScheduled");
  if (!scheduled) return false;
  if (scheduled.status !== "True") return scheduled.reason === "Unschedulable";
  const containers = status.containerStatuses ?? [];
  if (containers.some((c) => STUCK_REASONS.has(c.state?.waiting?.reason ?? ""))) return true;
  return containers.length > 0 && containers.every((c) => c.ready === true);
}

function workloadSettled(o: KubeObject): boolean {
  if (o.metadata.deletionTimestamp) return false;
  const spec = (o.spec ?? {}) as { replicas?: number };
  const status = (o.status ?? {}) as { observedGeneration?: number; replicas?: number };
  if ((status.observedGeneration ?? 0) < (o.metadata.generation ?? 0)) return false;
  // Deployments, ReplicaSets and StatefulSets report how many pods they have; the others settle by their pods.
  return spec.replicas === undefined || (status.replicas ?? 0) === spec.replicas;
}

export function clusterSettled(view: ClusterView, identity: AgentIdentity): boolean {
  for (const resource of WORKLOAD_RESOURCES) {
    for (const o of view.list(resource)) {
      const podSpec =
        resource === "pods" ? o.spec : (o.spec as { template?: { spec?: unknown } })?.template?.spec;
      if (!runsAgent(podSpec, identity)) continue;
      if (resource === "pods" ? !podSettled(o) : !workloadSettled(o)) return false;
    }
  }
  return true;
}

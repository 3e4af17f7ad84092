/**
 * The DisruptionTarget pod condition: what the eviction API and the taint-eviction controller set on a pod
 * just before they delete it, so that its controllers (and a Job's pod failure policy) can tell why it went.
 */
import type { PodCondition } from "kubernetes-types/core/v1.js";
import type { ClusterApi, RequestContext } from "../api.js";
import type { KubeObject } from "../types.js";
import { PODS } from "./pod-template.js";

/** Writes DisruptionTarget=True with `reason` through pods/status; returns the pod as stored. */
export function markDisruptionTarget(
  api: ClusterApi,
  ctx: RequestContext,
  pod: KubeObject,
  reason: string,
  message: string,
): KubeObject {
  const status = (pod.status ?? {}) as { conditions?: PodCondition[] };
  const conditions = [...(status.conditions ?? [])];
  const at = conditions.findIndex((c) => c.type === "DisruptionTarget");
  const previous = conditions[at];
  const condition: PodCondition = {
    type: "DisruptionTarget",
    status: "True",
    lastProbeTime: null as unknown as string,
    lastTransitionTime:
      previous?.status === "True" && previous.lastTransitionTime
        ? previous.lastTransitionTime
        : api.clock.iso(),
    reason,
    message,
  };
  if (at >= 0) conditions[at] = condition;
  else conditions.push(condition);
  return api.update(
    ctx,
    PODS,
    pod.metadata.namespace,
    pod.metadata.name as string,
    { ...pod, status: { ...status, conditions } },
    "status",
  );
}

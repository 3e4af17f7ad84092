/**
 * What the kubelet does when a pod is deleted gracefully: the containers get SIGTERM, exit, and the pod
 * object is removed. Simulated containers exit after `exitDelayMs` (or at the end of the grace period,
 * whichever comes first), so `kubectl delete pod` takes a short, deterministic virtual time.
 */
import { findResourceType } from "../resources.js";
import type { ControllerContext } from "./controller.js";

export function startPodTermination({ api, clock }: ControllerContext, exitDelayMs: number): void {
  const pods = findResourceType("", "v1", "pods");
  if (!pods) throw new Error("pods missing from the registry");
  const scheduled = new Set<string>();
  api.store.subscribe((e) => {
    if (e.resource !== "pods" || e.type === "DELETED" || !e.object.metadata.deletionTimestamp) return;
    const pod = e.object;
    const key = pod.metadata.uid as string;
    if (scheduled.has(key) || (pod.metadata.finalizers ?? []).length > 0) return;
    scheduled.add(key);
    const deadline = Date.parse(pod.metadata.deletionTimestamp as string);
    const at = Math.min(deadline, clock.now() + exitDelayMs);
    clock.at(at, `pod ${pod.metadata.namespace}/${pod.metadata.name} terminated`, () => {
      scheduled.delete(key);
      const current = api.store.get("pods", pod.metadata.namespace, pod.metadata.name as string);
      if (current?.metadata.uid === key && (current.metadata.finalizers ?? []).length === 0) {
        api.finalizeDeletion(pods, pod.metadata.namespace, pod.metadata.name as string);
      }
    });
  });
}

/**
 * A stand-in kubelet for controller unit tests: pods are bound to a node no scheduler knows, and start
 * (Running, Ready) when the test says so, so each test controls pod readiness exactly.
 */
import type { EmbeddedCluster } from "../../../src/cluster/index.js";
import { findResourceType } from "../../../src/cluster/resources.js";
import type { KubeObject } from "../../../src/cluster/types.js";

const PODS = findResourceType("", "v1", "pods");
const KUBELET = { user: { username: "system:node:fake-node", groups: ["system:nodes"] } };

export function podsOf(cluster: EmbeddedCluster, namespace: string, prefix = ""): KubeObject[] {
  return cluster.store
    .list("pods", namespace)
    .filter((p) => (p.metadata.name ?? "").startsWith(prefix) && !p.metadata.deletionTimestamp);
}

function patchStatus(cluster: EmbeddedCluster, pod: KubeObject, status: Record<string, unknown>): void {
  if (!PODS) throw new Error("pods not served");
  const ns = pod.metadata.namespace;
  const name = pod.metadata.name as string;
  const current = cluster.store.get("pods", ns, name);
  if (!(current?.spec as { nodeName?: string } | undefined)?.nodeName)
    cluster.api.bind(KUBELET, ns as string, name, "fake-node");
  cluster.api.patch(KUBELET, PODS, ns, name, "merge", { status }, { subresource: "status" });
}

/** Marks pods Running and Ready now. */
export function markReady(cluster: EmbeddedCluster, pods: KubeObject[]): void {
  const now = cluster.clock.iso();
  for (const pod of pods) {
    patchStatus(cluster, pod, {
      phase: "Running",
      startTime: now,
      conditions: [
        { type: "Ready", status: "True", lastTransitionTime: now, lastProbeTime: null },
        { type: "ContainersReady", status: "True", lastTransitionTime: now, lastProbeTime: null },
      ],
    });
  }
  cluster.settle();
}

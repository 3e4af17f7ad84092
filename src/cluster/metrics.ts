/**
 * metrics.k8s.io/v1beta1, as metrics-server serves it: usage of running pods and of nodes, fed by the
 * workload hooks. This is what `kubectl top` and the HPA controller read.
 */
import type { ClusterApi } from "./api.js";
import { notFound } from "./errors.js";
import type { KubeObject, ResourceType } from "./types.js";
import type { ContainerUsage, WorkloadHooks } from "./workload-hooks.js";

/** The scrape window metrics-server reports. */
const WINDOW = "15s";

function cpuQuantity(cores: number): string {
  return `${Math.round(cores * 1e9)}n`;
}

function memoryQuantity(bytes: number): string {
  return `${Math.round(bytes / 1024)}Ki`;
}

function isRunning(pod: KubeObject): boolean {
  return (
    (pod.status as { phase?: string } | undefined)?.phase === "Running" && !pod.metadata.deletionTimestamp
  );
}

function podMetrics(api: ClusterApi, hooks: WorkloadHooks, pod: KubeObject): KubeObject {
  const usage = hooks.usage(pod);
  return {
    kind: "PodMetrics",
    apiVersion: "metrics.k8s.io/v1beta1",
    metadata: {
      name: pod.metadata.name as string,
      namespace: pod.metadata.namespace as string,
      creationTimestamp: api.clock.iso(),
      ...(pod.metadata.labels ? { labels: pod.metadata.labels } : {}),
    },
    timestamp: api.clock.iso(),
    window: WINDOW,
    containers: Object.entries(usage).map(([name, u]) => ({
      name,
      usage: { cpu: cpuQuantity(u.cpu), memory: memoryQuantity(u.memory) },
    })),
  };
}

function nodeMetrics(api: ClusterApi, hooks: WorkloadHooks, node: KubeObject): KubeObject {
  const total: ContainerUsage = { cpu: 0.05, memory: 512 * 1024 * 1024 }; // the node's own daemons
  for (const pod of api.store.list("pods")) {
    if ((pod.spec as { nodeName?: string }).nodeName !== node.metadata.name || !isRunning(pod)) continue;
    for (const u of Object.values(hooks.usage(pod))) {
      total.cpu += u.cpu;
      total.memory += u.memory;
    }
  }
  return {
    kind: "NodeMetrics",
    apiVersion: "metrics.k8s.io/v1beta1",
    metadata: {
      name: node.metadata.name as string,
      creationTimestamp: api.clock.iso(),
      ...(node.metadata.labels ? { labels: node.metadata.labels } : {}),
    },
    timestamp: api.clock.iso(),
    window: "20s",
    usage: { cpu: cpuQuantity(total.cpu), memory: memoryQuantity(total.memory) },
  };
}

export function metricsList(
  api: ClusterApi,
  hooks: WorkloadHooks,
  rt: ResourceType,
  namespace: string | undefined,
  params: URLSearchParams,
): KubeObject {
  const filter = api.filterFor(rt.kind === "PodMetrics" ? { ...rt, kind: "Pod" } : { ...rt, kind: "Node" }, {
    labelSelector: params.get("labelSelector") ?? undefined,
    fieldSelector: params.get("fieldSelector") ?? undefined,
  });
  const items =
    rt.kind === "PodMetrics"
      ? api.store
          .list("pods", namespace)
          .filter((p) => isRunning(p) && filter(p))
          .map((p) => podMetrics(api, hooks, p))
      : api.store
          .list("nodes")
          .filter(filter)
          .map((n) => nodeMetrics(api, hooks, n));
  return { kind: `${rt.kind}List`, apiVersion: "metrics.k8s.io/v1beta1", metadata: {}, items };
}

export function metricsObject(
  api: ClusterApi,
  hooks: WorkloadHooks,
  rt: ResourceType,
  namespace: string | undefined,
  name: string,
): KubeObject {
  if (rt.kind === "PodMetrics") {
    const pod = api.store.get("pods", namespace, name);
    if (!pod || !isRunning(pod)) throw notFound("metrics.k8s.io", "pods", name);
    return podMetrics(api, hooks, pod);
  }
  const node = api.store.get("nodes", undefined, name);
  if (!node) throw notFound("metrics.k8s.io", "nodes", name);
  return nodeMetrics(api, hooks, node);
}

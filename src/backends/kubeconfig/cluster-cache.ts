/**
 * The trial's view of a real cluster: an informer (list, then watch) per observed resource across all
 * namespaces, kept current by the API server, read synchronously like a controller's cache.
 */
import { type KubeConfig, type KubernetesObject, makeInformer } from "@kubernetes/client-node";
import type { KubeObject } from "../../cluster/index.js";
import type { ClusterView, ObservedResource } from "../backend.js";
import { apiJson } from "./api-request.js";

const PATHS: Record<ObservedResource, string> = {
  pods: "/api/v1/pods",
  services: "/api/v1/services",
  "deployments.apps": "/apis/apps/v1/deployments",
  "replicasets.apps": "/apis/apps/v1/replicasets",
  "statefulsets.apps": "/apis/apps/v1/statefulsets",
  "daemonsets.apps": "/apis/apps/v1/daemonsets",
  "jobs.batch": "/apis/batch/v1/jobs",
  "cronjobs.batch": "/apis/batch/v1/cronjobs",
};

export interface ClusterCache extends ClusterView {
  stop(): Promise<void>;
}

function byNamespaceThenName(a: KubeObject, b: KubeObject): number {
  const ka = `${a.metadata.namespace ?? ""}/${a.metadata.name ?? ""}`;
  const kb = `${b.metadata.namespace ?? ""}/${b.metadata.name ?? ""}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Starts the informers and resolves once every one has listed its resource. */
export async function startClusterCache(kc: KubeConfig): Promise<ClusterCache> {
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const l of listeners) l();
  };
  const informers = Object.fromEntries(
    (Object.entries(PATHS) as [ObservedResource, string][]).map(([resource, path]) => {
      const informer = makeInformer<KubernetesObject>(kc, path, () => apiJson(kc, "GET", path));
      for (const verb of ["add", "update", "delete"] as const) informer.on(verb, notify);
      return [resource, informer];
    }),
  ) as Record<ObservedResource, ReturnType<typeof makeInformer<KubernetesObject>>>;
  await Promise.all(Object.values(informers).map((i) => i.start()));
  return {
    list: (resource, namespace) =>
      ([...informers[resource].list(namespace)] as KubeObject[]).sort(byNamespaceThenName),
    get: (resource, namespace, name) => informers[resource].get(name, namespace) as KubeObject | undefined,
    subscribe: (onChange) => {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    stop: async () => {
      await Promise.all(Object.values(informers).map((i) => i.stop()));
    },
  };
}

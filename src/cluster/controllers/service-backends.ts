/**
 * What the endpoints and EndpointSlice controllers share: which pods back a service, on which container
 * ports, and when a change to a pod or service calls for a resync — kube-controller-manager's
 * endpointutil/endpointsliceutil helpers, which both of its controllers use.
 */
import type { ObjectReference, Pod, Service } from "kubernetes-types/core/v1.js";
import type { ClusterApi } from "../api.js";
import { fromLabelSelector, matchesSelector } from "../selectors.js";
import type { KubeObject } from "../types.js";

/** True when the service has a selector and it matches the labels; a service without one selects nothing. */
export function selectsPod(service: Service, labels: Record<string, string> | undefined): boolean {
  const selector = service.spec?.selector;
  if (!selector || Object.keys(selector).length === 0) return false;
  return matchesSelector(fromLabelSelector({ matchLabels: selector }), labels);
}

/** The pod's Ready condition is True (podutil.IsPodReady): terminating pods may still be ready. */
export function hasReadyCondition(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
}

/** ShouldPodBeInEndpoints: a pod with an IP that has not finished, and is not terminating unless asked. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === "Succeeded" || phase === "Failed") return false;
  if (!pod.status?.podIP) return false;
  return includeTerminating || !pod.metadata?.deletionTimestamp;
}

/** A service port resolved against one pod: `port` is the container port its targetPort names. */
export interface BackendPort {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

/** podutil.FindPort: a number is itself, a name is looked up among the containers' ports. */
function findPort(pod: Pod, target: number | string | undefined, port: number): number | undefined {
  if (target === undefined || target === "" || target === 0) return port;
  if (typeof target === "number") return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of pod.spec?.containers ?? []) {
    const found = (c.ports ?? []).find((p) => p.name === target);
    if (found) return found.containerPort;
  }
  return undefined;
}

/** The service's ports that resolve on this pod, in the service's order; ports that do not resolve are left out. */
export function backendPorts(service: Service, pod: Pod): BackendPort[] {
  const ports: BackendPort[] = [];
  for (const sp of service.spec?.ports ?? []) {
    const port = findPort(pod, sp.targetPort, sp.port);
    if (port === undefined) continue;
    ports.push({
      name: sp.name ?? "",
      port,
      protocol: sp.protocol ?? "TCP",
      ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}),
    });
  }
  return ports;
}

/** endpointutil.ShouldSetHostname: the pod's hostname names it in the service's DNS subdomain. */
export function shouldSetHostname(pod: Pod, service: Service): boolean {
  return (
    Boolean(pod.spec?.hostname) &&
    pod.spec?.subdomain === service.metadata?.name &&
    pod.metadata?.namespace === service.metadata?.namespace
  );
}

export function podReference(pod: Pod): ObjectReference {
  return {
    kind: "Pod",
    namespace: pod.metadata?.namespace,
    name: pod.metadata?.name,
    uid: pod.metadata?.uid,
  };
}

/** What of a pod its endpoints depend on: a change elsewhere needs no resync. */
function fingerprint(object: KubeObject | undefined): string {
  if (!object) return "";
  const pod = object as unknown as Pod;
  return JSON.stringify([
    pod.metadata?.labels,
    pod.metadata?.deletionTimestamp,
    pod.status?.podIP,
    pod.status?.phase,
    hasReadyCondition(pod),
    pod.spec?.nodeName,
    pod.spec?.hostname,
    pod.spec?.subdomain,
  ]);
}

/**
 * Calls `resync(namespace, name)` for every service whose backends a write may have changed: the service
 * itself, or a pod it selected before or selects now.
 */
export function onServiceBackendsChange(
  api: ClusterApi,
  resync: (namespace: string, name: string) => void,
): void {
  api.store.subscribe((e) => {
    const namespace = e.object.metadata.namespace ?? "";
    if (e.resource === "services") {
      resync(namespace, e.object.metadata.name ?? "");
      return;
    }
    if (e.resource !== "pods") return;
    if (e.type === "MODIFIED" && fingerprint(e.previous) === fingerprint(e.object)) return;
    for (const s of api.store.list("services", namespace)) {
      const service = s as unknown as Service;
      if (selectsPod(service, e.object.metadata.labels) || selectsPod(service, e.previous?.metadata.labels)) {
        resync(namespace, s.metadata.name ?? "");
      }
    }
  });
}

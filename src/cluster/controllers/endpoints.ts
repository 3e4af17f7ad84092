/**
 * The endpoints controller: one Endpoints object per Service with a selector, listing the selected pods
 * that have an IP (ready ones under addresses, the others under notReadyAddresses) with the ports the
 * service's targetPorts resolve to, as kube-controller-manager writes them.
 */
import type {
  EndpointAddress,
  EndpointPort,
  EndpointSubset,
  Pod,
  Service,
} from "kubernetes-types/core/v1.js";
import { StatusError } from "../errors.js";
import { findResourceType } from "../resources.js";
import type { KubeObject } from "../types.js";
import { type ControllerContext, controllerIdentity, WorkQueue } from "./controller.js";
import {
  backendPorts,
  hasReadyCondition,
  onServiceBackendsChange,
  podReference,
  selectsPod,
  shouldPodBeInEndpoints,
  shouldSetHostname,
} from "./service-backends.js";

const ME = controllerIdentity("endpoint-controller");
const TRIGGER_TIME = "endpoints.kubernetes.io/last-change-trigger-time";
const HEADLESS = "service.kubernetes.io/headless";

function address(pod: Pod, service: Service): EndpointAddress {
  return {
    ip: pod.status?.podIP as string,
    ...(shouldSetHostname(pod, service) ? { hostname: pod.spec?.hostname } : {}),
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    targetRef: podReference(pod),
  };
}

function compareAddresses(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const ua = a.targetRef?.uid ?? "";
  const ub = b.targetRef?.uid ?? "";
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

/** Groups addresses by the ports they serve, as the controller's RepackSubsets does. */
export function endpointSubsets(service: Service, pods: readonly Pod[]): EndpointSubset[] {
  const servicePorts = service.spec?.ports ?? [];
  const publishNotReady = service.spec?.publishNotReadyAddresses === true;
  const groups = new Map<
    string,
    { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }
  >();
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const ports: EndpointPort[] = backendPorts(service, pod).map(({ name, ...port }) =>
      name ? { name, ...port } : port,
    );
    if (ports.length === 0 && servicePorts.length > 0) continue;
    const key = JSON.stringify(ports);
    let group = groups.get(key);
    if (!group) {
      group = { ports, ready: [], notReady: [] };
      groups.set(key, group);
    }
    const ready = publishNotReady || hasReadyCondition(pod);
    (ready ? group.ready : group.notReady).push(address(pod, service));
  }
  return [...groups.values()].map((g) => ({
    ...(g.ready.length ? { addresses: g.ready.sort(compareAddresses) } : {}),
    ...(g.notReady.length ? { notReadyAddresses: g.notReady.sort(compareAddresses) } : {}),
    ...(g.ports.length ? { ports: g.ports } : {}),
  }));
}

export function startEndpointsController({ api, clock }: ControllerContext): void {
  const endpoints = findResourceType("", "v1", "endpoints");
  if (!endpoints) throw new Error("endpoints missing from the registry");
  const rt = endpoints;

  const queue = new WorkQueue(clock, "endpoints", (key) => {
    const [namespace = "", name = ""] = key.split("/");
    const service = api.store.get("services", namespace, name) as unknown as Service | undefined;
    const existing = api.store.get("endpoints", namespace, name);
    const selector = service?.spec?.selector;
    if (!service || !selector || Object.keys(selector).length === 0) {
      // Endpoints of a service without a selector are the user's to write.
      if (!service && existing) api.delete(ME, rt, namespace, name);
      return;
    }
    const pods = api.store
      .list("pods", namespace)
      .filter((p) => selectsPod(service, p.metadata.labels)) as unknown as Pod[];
    const subsets = endpointSubsets(service, pods);
    const labels: Record<string, string> = { ...service.metadata?.labels };
    if (service.spec?.clusterIP === "None") labels[HEADLESS] = "";
    const annotations = { ...existing?.metadata.annotations, [TRIGGER_TIME]: clock.iso() };
    const body: KubeObject = {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: {
        name,
        namespace,
        ...(Object.keys(labels).length ? { labels } : {}),
        annotations,
      },
      ...(subsets.length ? { subsets } : {}),
    };
    if (!existing) {
      try {
        api.create(ME, rt, namespace, body);
      } catch (e) {
        // Refused (the object ceiling): the next change to the service or its pods tries again.
        if (!(e instanceof StatusError)) throw e;
      }
      return;
    }
    const unchanged =
      JSON.stringify(existing.subsets ?? []) === JSON.stringify(subsets) &&
      JSON.stringify(existing.metadata.labels ?? {}) === JSON.stringify(labels);
    if (unchanged) return;
    api.update(ME, rt, namespace, name, {
      ...body,
      metadata: { ...existing.metadata, labels: body.metadata.labels, annotations },
    });
  });

  onServiceBackendsChange(api, (namespace, name) => queue.add(`${namespace}/${name}`));
}

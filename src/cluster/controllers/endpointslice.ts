/**
 * The EndpointSlice controller: for each Service with a selector, EndpointSlices (named `<service>-<random>`)
 * that list the selected pods with an IP — terminating ones too, with their ready/serving/terminating
 * conditions — and the container ports the service's targetPorts resolve to. Pods whose ports resolve
 * alike share slices of at most 100 endpoints; a service that selects nothing keeps one empty placeholder
 * slice. Slices are owned by their Service, so the garbage collector removes them with it.
 */

import type { Pod, Service } from "kubernetes-types/core/v1.js";
import type { Endpoint, EndpointPort } from "kubernetes-types/discovery/v1.js";
import type { ClusterApi } from "../api.js";
import { findResourceType, storageKey } from "../resources.js";
import type { KubeObject } from "../types.js";
import { type ControllerContext, controllerIdentity } from "./controller.js";
import { ControllerQueue, keyOf, splitKey } from "./controller-queue.js";
import { controllerRefTo } from "./controller-ref.js";
import {
  backendPorts,
  hasReadyCondition,
  onServiceBackendsChange,
  podReference,
  selectsPod,
  shouldPodBeInEndpoints,
  shouldSetHostname,
} from "./service-backends.js";

const ME = controllerIdentity("endpointslice-controller");
const SERVICE_NAME_LABEL = "kubernetes.io/service-name";
const MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
const MANAGED_BY = "endpointslice-controller.k8s.io";
const HEADLESS_LABEL = "service.kubernetes.io/headless";
const TRIGGER_TIME = "endpoints.kubernetes.io/last-change-trigger-time";
const ZONE_LABEL = "topology.kubernetes.io/zone";
/** kube-controller-manager's --max-endpoints-per-slice default. */
const MAX_ENDPOINTS_PER_SLICE = 100;
/** The embedded cluster is single-stack IPv4. */
const ADDRESS_TYPE = "IPv4";

interface Slice extends KubeObject {
  addressType?: string;
  endpoints?: Endpoint[] | null;
  ports?: EndpointPort[] | null;
}

/** podToEndpoint: `ready` only while serving and not terminating, unless the service publishes not-ready pods. */
function podToEndpoint(pod: Pod, service: Service, zone: string | undefined): Endpoint {
  const serving = hasReadyCondition(pod);
  const terminating = pod.metadata?.deletionTimestamp !== undefined;
  const ready = service.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  return {
    addresses: [pod.status?.podIP as string],
    conditions: { ready, serving, terminating },
    ...(shouldSetHostname(pod, service) ? { hostname: pod.spec?.hostname } : {}),
    targetRef: podReference(pod),
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    ...(zone ? { zone } : {}),
  };
}

/** The labels a slice of the service carries: the service's own, then the controller's. */
function sliceLabels(service: Service): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(service.metadata?.labels ?? {})) {
    if (k !== SERVICE_NAME_LABEL && k !== MANAGED_BY_LABEL && k !== HEADLESS_LABEL) labels[k] = v;
  }
  if (service.spec?.clusterIP === "None") labels[HEADLESS_LABEL] = "";
  labels[SERVICE_NAME_LABEL] = service.metadata?.name ?? "";
  labels[MANAGED_BY_LABEL] = MANAGED_BY;
  return labels;
}

const portsKey = (ports: readonly EndpointPort[] | null | undefined) => JSON.stringify(ports ?? []);
const endpointKey = (e: Endpoint) => e.targetRef?.uid ?? e.addresses[0] ?? "";

/** The endpoints the service should have, grouped by the ports they resolve to, in pod-name order. */
function desiredGroups(
  api: ClusterApi,
  service: Service,
): Map<string, { ports: EndpointPort[]; endpoints: Map<string, Endpoint> }> {
  const groups = new Map<string, { ports: EndpointPort[]; endpoints: Map<string, Endpoint> }>();
  const headlessWithoutPorts = service.spec?.clusterIP === "None" && (service.spec?.ports ?? []).length === 0;
  for (const object of api.store.list("pods", service.metadata?.namespace)) {
    const pod = object as unknown as Pod;
    if (!selectsPod(service, pod.metadata?.labels) || !shouldPodBeInEndpoints(pod, true)) continue;
    const ports: EndpointPort[] = headlessWithoutPorts
      ? []
      : backendPorts(service, pod).map(({ name, protocol, port, appProtocol }) => ({
          name,
          protocol,
          port,
          ...(appProtocol ? { appProtocol } : {}),
        }));
    const node = pod.spec?.nodeName ? api.store.get("nodes", undefined, pod.spec.nodeName) : undefined;
    const endpoint = podToEndpoint(pod, service, node?.metadata.labels?.[ZONE_LABEL]);
    const key = portsKey(ports);
    let group = groups.get(key);
    if (!group) {
      group = { ports, endpoints: new Map() };
      groups.set(key, group);
    }
    group.endpoints.set(endpointKey(endpoint), endpoint);
  }
  return groups;
}

function isPlaceholder(slice: Slice): boolean {
  return (slice.endpoints ?? []).length === 0 && (slice.ports ?? []).length === 0;
}

export function startEndpointSliceController(ctx: ControllerContext): void {
  const { api, clock } = ctx;
  const found = findResourceType("discovery.k8s.io", "v1", "endpointslices");
  if (!found) throw new Error("endpointslices missing from the registry");
  const rt = found;
  const SLICES = storageKey(rt);

  function reconcile(namespace: string, service: Service): void {
    const uid = service.metadata?.uid;
    const owned: Slice[] = [];
    const toDelete: Slice[] = [];
    for (const s of api.store.list(SLICES, namespace) as Slice[]) {
      const labels = s.metadata.labels ?? {};
      if (labels[SERVICE_NAME_LABEL] !== service.metadata?.name || labels[MANAGED_BY_LABEL] !== MANAGED_BY)
        continue;
      // A slice left by an earlier service of the same name, or of another address type, is not reused.
      const ownedByService = s.metadata.ownerReferences?.some((r) => r.uid === uid && r.controller === true);
      (ownedByService && s.addressType === ADDRESS_TYPE ? owned : toDelete).push(s);
    }

    const labels = sliceLabels(service);
    const annotations = () => ({ [TRIGGER_TIME]: clock.iso() });
    const relabeled = (slice: Slice, endpoints: Endpoint[] | null): Slice => ({
      ...slice,
      metadata: {
        ...slice.metadata,
        labels,
        annotations: { ...slice.metadata.annotations, ...annotations() },
      },
      endpoints,
    });
    const toCreate: { ports: EndpointPort[]; endpoints: Endpoint[] }[] = [];
    const toUpdate: Slice[] = [];
    const groups = desiredGroups(api, service);
    for (const slice of owned) {
      if (!groups.has(portsKey(slice.ports))) toDelete.push(slice);
    }
    for (const [key, group] of groups) {
      const remaining = new Map(group.endpoints);
      const kept: { slice: Slice; endpoints: Endpoint[] }[] = [];
      for (const slice of owned.filter((s) => portsKey(s.ports) === key)) {
        const endpoints: Endpoint[] = [];
        for (const e of slice.endpoints ?? []) {
          const desired = remaining.get(endpointKey(e));
          if (!desired) continue;
          endpoints.push(desired);
          remaining.delete(endpointKey(e));
        }
        kept.push({ slice, endpoints });
      }
      // New endpoints fill the slices that have room before new slices are made.
      const pending = [...remaining.values()];
      for (const k of kept) {
        while (k.endpoints.length < MAX_ENDPOINTS_PER_SLICE && pending.length > 0) {
          k.endpoints.push(pending.shift() as Endpoint);
        }
      }
      while (pending.length > 0) {
        toCreate.push({ ports: group.ports, endpoints: pending.splice(0, MAX_ENDPOINTS_PER_SLICE) });
      }
      for (const { slice, endpoints } of kept) {
        if (endpoints.length === 0) toDelete.push(slice);
        else if (
          JSON.stringify(endpoints) !== JSON.stringify(slice.endpoints ?? []) ||
          JSON.stringify(labels) !== JSON.stringify(slice.metadata.labels ?? {})
        ) {
          toUpdate.push(relabeled(slice, endpoints));
        }
      }
    }

    // A service always has a slice: an empty placeholder when nothing backs it, kept rather than remade.
    if (toCreate.length === 0 && owned.every((s) => toDelete.includes(s))) {
      const placeholder = owned.find(isPlaceholder);
      if (!placeholder) toCreate.push({ ports: [], endpoints: [] });
      else {
        toDelete.splice(toDelete.indexOf(placeholder), 1);
        if (JSON.stringify(labels) !== JSON.stringify(placeholder.metadata.labels ?? {}))
          toUpdate.push(relabeled(placeholder, placeholder.endpoints ?? null));
      }
    }

    for (const { ports, endpoints } of toCreate) {
      api.create(ME, rt, namespace, {
        kind: "EndpointSlice",
        apiVersion: "discovery.k8s.io/v1",
        metadata: {
          generateName: `${service.metadata?.name}-`,
          namespace,
          labels,
          annotations: annotations(),
          ownerReferences: [controllerRefTo(service as unknown as KubeObject)],
        },
        addressType: ADDRESS_TYPE,
        endpoints: endpoints.length > 0 ? endpoints : null,
        ports: ports.length > 0 ? ports : null,
      });
    }
    for (const slice of toUpdate) api.update(ME, rt, namespace, slice.metadata.name ?? "", slice);
    for (const slice of toDelete) api.delete(ME, rt, namespace, slice.metadata.name ?? "");
  }

  // A write the API refuses (a namespace being deleted, the object ceiling) is retried with backoff.
  const queue = new ControllerQueue(clock, "endpointslices", (key) => {
    const [namespace, name] = splitKey(key);
    const service = api.store.get("services", namespace, name) as unknown as Service | undefined;
    // Slices of a deleted service go with it (ownerReferences); services without a selector, and
    // ExternalName services, get their slices from elsewhere.
    if (!service || service.metadata?.deletionTimestamp) return;
    if (service.spec?.type === "ExternalName" || Object.keys(service.spec?.selector ?? {}).length === 0)
      return;
    reconcile(namespace, service);
  });

  onServiceBackendsChange(api, (namespace, name) => queue.add(keyOf(namespace, name)));
  // Someone else changing or deleting a managed slice gets it put back.
  api.store.subscribe((e) => {
    if (e.resource !== SLICES || e.type === "ADDED") return;
    const labels = e.object.metadata.labels ?? {};
    const service = labels[SERVICE_NAME_LABEL];
    if (service && labels[MANAGED_BY_LABEL] === MANAGED_BY)
      queue.add(keyOf(e.object.metadata.namespace, service));
  });
}

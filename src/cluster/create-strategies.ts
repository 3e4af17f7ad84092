/**
 * What kube-apiserver's per-kind strategies add to an object on create, beyond defaults: a Service's
 * cluster IP and node ports, a Job's generated selector and labels, a Pod's initial status.
 */
import { fieldInvalid, invalid } from "./errors.js";
import type { ObjectStore } from "./store.js";
import type { KubeObject } from "./types.js";

type Obj = Record<string, unknown>;

/** 10.96.0.0/12, the kubeadm default service CIDR; .0.1 is the `kubernetes` Service. */
const SERVICE_CIDR_BASE = (10 << 24) | (96 << 16);
const SERVICE_CIDR_SIZE = 1 << 20;
const NODE_PORT_MIN = 30000;
const NODE_PORT_RANGE = 2768;

function ipString(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join(".");
}

function allocateServiceAddresses(store: ObjectStore, service: KubeObject, random: () => number): void {
  const spec = service.spec as Obj;
  if (spec.type === "ExternalName") return;
  const services = store.list("services");
  const requested = spec.clusterIP;
  if (typeof requested === "string" && requested !== "" && requested !== "None") {
    if (services.some((s) => (s.spec as Obj).clusterIP === requested)) {
      throw invalid("Service", "", service.metadata.name ?? "", [
        fieldInvalid(
          "spec.clusterIPs",
          [requested],
          `failed to allocate IP ${requested}: provided IP is already allocated`,
        ),
      ]);
    }
  }
  if (!spec.clusterIP || spec.clusterIP === "") {
    const used = new Set(services.map((s) => (s.spec as Obj).clusterIP));
    let ip: string;
    do ip = ipString(SERVICE_CIDR_BASE + 2 + Math.floor(random() * (SERVICE_CIDR_SIZE - 3)));
    while (used.has(ip));
    spec.clusterIP = ip;
  }
  if (spec.clusterIP !== "None") spec.clusterIPs ??= [spec.clusterIP];
  if (spec.type === "NodePort" || spec.type === "LoadBalancer") {
    const used = new Set(
      services.flatMap((s) => ((s.spec as Obj).ports as Obj[] | undefined)?.map((p) => p.nodePort) ?? []),
    );
    for (const port of (spec.ports as Obj[] | undefined) ?? []) {
      if (port.nodePort) continue;
      let candidate: number;
      do candidate = NODE_PORT_MIN + Math.floor(random() * NODE_PORT_RANGE);
      while (used.has(candidate));
      used.add(candidate);
      port.nodePort = candidate;
    }
  }
}

function generateJobSelector(job: KubeObject): void {
  const spec = job.spec as Obj;
  if (spec.manualSelector === true) return;
  const uid = job.metadata.uid as string;
  const name = job.metadata.name as string;
  spec.template ??= {};
  const template = spec.template as Obj;
  template.metadata ??= {};
  const meta = template.metadata as Obj;
  meta.labels = {
    ...((meta.labels as Record<string, string> | undefined) ?? {}),
    "batch.kubernetes.io/controller-uid": uid,
    "batch.kubernetes.io/job-name": name,
    "controller-uid": uid,
    "job-name": name,
  };
  spec.selector = { matchLabels: { "batch.kubernetes.io/controller-uid": uid } };
}

/** The QoS class the API server records on a new pod: only cpu and memory count, init containers included. */
export function qosClass(pod: KubeObject): "Guaranteed" | "Burstable" | "BestEffort" {
  const spec = pod.spec as Obj;
  const containers = [
    ...((spec.initContainers as Obj[] | undefined) ?? []),
    ...((spec.containers as Obj[] | undefined) ?? []),
  ];
  const positive = (v: unknown) => v !== undefined && !/^0+(\.0*)?[a-zA-Z]*$/.test(String(v));
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const r =
      (c.resources as { requests?: Record<string, string>; limits?: Record<string, string> } | undefined) ??
      {};
    for (const res of ["cpu", "memory"]) {
      const request = r.requests?.[res];
      const limit = r.limits?.[res];
      if (positive(request) || positive(limit)) any = true;
      if (!positive(limit) || (request !== undefined && request !== limit)) guaranteed = false;
    }
  }
  if (!any) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}

export function applyCreateStrategy(store: ObjectStore, object: KubeObject, random: () => number): void {
  switch (object.kind) {
    case "Service":
      allocateServiceAddresses(store, object, random);
      break;
    case "Job":
      generateJobSelector(object);
      break;
    case "Pod":
      object.status = { phase: "Pending", qosClass: qosClass(object) };
      break;
  }
}

/**
 * A pod's effective requests and limits, as Kubernetes 1.32 computes them for quota and LimitRange
 * (resourcehelper.PodRequests / PodLimits): app containers and sidecars (restartable init containers)
 * add up; an ordinary init container runs alone, so the pod needs at least the largest of them.
 */
import type { KubeObject } from "../types.js";
import { accumulate, parseResourceList, type ResourceList } from "./resource-list.js";

type Obj = Record<string, unknown>;

export interface ContainerResources {
  name: string;
  requests: ResourceList;
  limits: ResourceList;
}

function containersOf(spec: Obj, key: "containers" | "initContainers"): Obj[] {
  const list = spec[key];
  return Array.isArray(list) ? (list as Obj[]) : [];
}

function resourcesOf(container: Obj): ContainerResources {
  const resources = (container.resources as Obj | undefined) ?? {};
  return {
    name: String(container.name ?? ""),
    requests: parseResourceList(resources.requests),
    limits: parseResourceList(resources.limits),
  };
}

export function podSpec(pod: KubeObject): Obj {
  return (pod.spec as Obj | undefined) ?? {};
}

export function appContainers(pod: KubeObject): ContainerResources[] {
  return containersOf(podSpec(pod), "containers").map(resourcesOf);
}

export function initContainers(pod: KubeObject): ContainerResources[] {
  return containersOf(podSpec(pod), "initContainers").map(resourcesOf);
}

function maxInto(into: ResourceList, other: ResourceList): void {
  for (const [name, q] of other) {
    const current = into.get(name);
    if (!current || q.nanos > current.nanos) into.set(name, q);
  }
}

function effective(pod: KubeObject, pick: (c: ContainerResources) => ResourceList): ResourceList {
  const total: ResourceList = new Map();
  for (const c of appContainers(pod)) accumulate(total, pick(c));
  const sidecars: ResourceList = new Map();
  const initPeak: ResourceList = new Map();
  const specInit = containersOf(podSpec(pod), "initContainers");
  initContainers(pod).forEach((c, i) => {
    const own = pick(c);
    if (specInit[i]?.restartPolicy === "Always") {
      accumulate(total, own);
      accumulate(sidecars, own);
      maxInto(initPeak, sidecars);
    } else {
      const whileRunning: ResourceList = new Map(own);
      accumulate(whileRunning, sidecars);
      maxInto(initPeak, whileRunning);
    }
  });
  maxInto(total, initPeak);
  return total;
}

export function podRequests(pod: KubeObject): ResourceList {
  return effective(pod, (c) => c.requests);
}

export function podLimits(pod: KubeObject): ResourceList {
  return effective(pod, (c) => c.limits);
}

/**
 * What a pod asks of a node, computed as Kubernetes' resource helpers do: containers add up, sidecars
 * (restartable init containers) add to them, ordinary init containers run one at a time so only the
 * largest counts, and the pod overhead comes on top.
 */
import type { Container, Pod } from "kubernetes-types/core/v1.js";
import { integerValue, milliValue } from "../quantity.js";
import type { KubeObject } from "../types.js";

/** Amounts per resource name: cpu in millicores, everything else in whole units (bytes, devices). */
export type Resources = Record<string, number>;

/** The scheduler's stand-ins for a container that requests no cpu or memory, for scoring only. */
const DEFAULT_MILLI_CPU = 100;
const DEFAULT_MEMORY = 200 * 1024 * 1024;

export function resourceAmount(name: string, value: unknown): number {
  return name === "cpu" ? milliValue(value) : integerValue(value);
}

/** A container's requests; a resource with only a limit requests its limit, as the API server defaults it. */
function containerRequests(c: Container): Resources {
  const out: Resources = {};
  const limits = c.resources?.limits ?? {};
  const requests = c.resources?.requests ?? {};
  for (const name of new Set([...Object.keys(limits), ...Object.keys(requests)])) {
    out[name] = resourceAmount(name, requests[name] ?? limits[name]);
  }
  return out;
}

function add(into: Resources, more: Resources): void {
  for (const [k, v] of Object.entries(more)) into[k] = (into[k] ?? 0) + v;
}

function max(into: Resources, other: Resources): void {
  for (const [k, v] of Object.entries(other)) into[k] = Math.max(into[k] ?? 0, v);
}

function aggregate(pod: Pod, perContainer: (c: Container) => Resources): Resources {
  const total: Resources = {};
  for (const c of pod.spec?.containers ?? []) add(total, perContainer(c));
  const sidecars: Resources = {};
  const initPeak: Resources = {};
  for (const c of pod.spec?.initContainers ?? []) {
    const own = perContainer(c);
    if (c.restartPolicy === "Always") {
      add(total, own);
      add(sidecars, own);
      max(initPeak, sidecars);
    } else {
      const during: Resources = { ...own };
      add(during, sidecars);
      max(initPeak, during);
    }
  }
  max(total, initPeak);
  const overhead = pod.spec?.overhead ?? {};
  add(total, Object.fromEntries(Object.entries(overhead).map(([k, v]) => [k, resourceAmount(k, v)])));
  return total;
}

export function podRequests(pod: KubeObject): Resources {
  return aggregate(pod as unknown as Pod, containerRequests);
}

/** cpu and memory requests with the scheduler's defaults for containers that set none (used to score nodes). */
export function podNonZeroRequests(pod: KubeObject): { cpu: number; memory: number } {
  const total = aggregate(pod as unknown as Pod, (c) => {
    const r = containerRequests(c);
    return { cpu: r.cpu ?? DEFAULT_MILLI_CPU, memory: r.memory ?? DEFAULT_MEMORY };
  });
  return { cpu: total.cpu ?? 0, memory: total.memory ?? 0 };
}

/**
 * How simulated workloads show through the cluster: what a container answers over HTTP (reached through
 * the service proxy and the sandbox's curl) and how much cpu/memory/gpu each pod uses (metrics.k8s.io).
 * Scenarios register these; the cluster itself runs no containers.
 */
import type { KubeObject } from "./types.js";

export interface HttpRequestToPod {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body: string;
}

export interface HttpResponseFromPod {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

/** Answers HTTP for containers of the pods it claims; returns undefined for pods it does not serve. */
export type ContainerHttpHandler = (
  pod: KubeObject,
  port: number,
  request: HttpRequestToPod,
) => HttpResponseFromPod | undefined;

/** Resource usage of one container, in Kubernetes quantities' base units: cores, bytes, devices. */
export interface ContainerUsage {
  cpu: number;
  memory: number;
  gpu?: number;
}

/** Usage per container name for one pod, or undefined to let the default apply. */
export type UsageSource = (pod: KubeObject) => Record<string, ContainerUsage> | undefined;

export class WorkloadHooks {
  private readonly httpHandlers: ContainerHttpHandler[] = [];
  private readonly usageSources: UsageSource[] = [];

  addHttpHandler(handler: ContainerHttpHandler): void {
    this.httpHandlers.push(handler);
  }

  addUsageSource(source: UsageSource): void {
    this.usageSources.push(source);
  }

  serveHttp(pod: KubeObject, port: number, request: HttpRequestToPod): HttpResponseFromPod | undefined {
    for (const h of this.httpHandlers) {
      const answer = h(pod, port, request);
      if (answer) return answer;
    }
    return undefined;
  }

  /** The usage the workload reports for a running pod; an idle process's few millicores and MiB otherwise. */
  usage(pod: KubeObject): Record<string, ContainerUsage> {
    for (const s of this.usageSources) {
      const u = s(pod);
      if (u) return u;
    }
    const containers = (pod.spec as { containers?: { name: string }[] } | undefined)?.containers ?? [];
    return Object.fromEntries(containers.map((c) => [c.name, { cpu: 0.001, memory: 8 * 1024 * 1024 }]));
  }
}

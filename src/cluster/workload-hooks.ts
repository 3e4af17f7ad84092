/**
 * How simulated workloads show through the cluster: what a container answers over HTTP (reached through
 * the service proxy and the sandbox's curl), how much cpu/memory/gpu each pod uses (metrics.k8s.io),
 * how long its containers run and what they log when they start (the kubelet).
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

/** How long a container runs once started, and the code it exits with. */
export interface RunDuration {
  seconds: number;
  exitCode?: number;
}

/** A container's run, or undefined to let the default apply. */
export type RunDurationSource = (pod: KubeObject, container: string) => RunDuration | undefined;

/** Lines a container writes when it starts, or undefined when this source does not know the container. */
export type LogSource = (pod: KubeObject, container: string) => readonly string[] | undefined;

/** Batch containers (restartPolicy Never/OnFailure) finish after this long unless a source says otherwise. */
const DEFAULT_BATCH_RUN: RunDuration = { seconds: 10, exitCode: 0 };

export class WorkloadHooks {
  private readonly httpHandlers: ContainerHttpHandler[] = [];
  private readonly usageSources: UsageSource[] = [];
  private readonly runDurationSources: RunDurationSource[] = [];
  private readonly logSources: LogSource[] = [];

  addHttpHandler(handler: ContainerHttpHandler): void {
    this.httpHandlers.push(handler);
  }

  addUsageSource(source: UsageSource): void {
    this.usageSources.push(source);
  }

  addRunDurationSource(source: RunDurationSource): void {
    this.runDurationSources.push(source);
  }

  addLogSource(source: LogSource): void {
    this.logSources.push(source);
  }

  /**
   * How long a starting container runs: what a source says, else 10 s then exit 0 for batch pods
   * (restartPolicy Never/OnFailure); undefined means it serves until stopped.
   */
  runDuration(pod: KubeObject, container: string): RunDuration | undefined {
    for (const s of this.runDurationSources) {
      const d = s(pod, container);
      if (d) return d;
    }
    const policy = (pod.spec as { restartPolicy?: string } | undefined)?.restartPolicy ?? "Always";
    return policy === "Always" ? undefined : DEFAULT_BATCH_RUN;
  }

  /** What a starting container logs; nothing unless a source provides lines. */
  startupLogs(pod: KubeObject, container: string): readonly string[] {
    for (const s of this.logSources) {
      const lines = s(pod, container);
      if (lines) return lines;
    }
    return [];
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

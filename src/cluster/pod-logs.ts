/**
 * Container logs of the embedded cluster's pods: workloads append lines, `kubectl logs` reads them. As on a
 * node, a container keeps the log of its latest instance and of the one before it (`kubectl logs --previous`).
 */
import type { ContainerStatus } from "kubernetes-types/core/v1.js";
import { badRequest } from "./errors.js";

export interface LogLine {
  /** Virtual time, RFC 3339 with nanoseconds as `kubectl logs --timestamps` prints it. */
  time: string;
  text: string;
}

type Listener = (namespace: string, pod: string, container: string, line: LogLine) => void;

interface ContainerLogs {
  latest: LogLine[];
  previous: LogLine[] | undefined;
}

export class PodLogs {
  private readonly logs = new Map<string, ContainerLogs>();
  private readonly listeners = new Set<Listener>();

  /** Appends to the latest instance of the container. */
  append(namespace: string, pod: string, container: string, line: LogLine): void {
    this.of(namespace, pod, container).latest.push(line);
    for (const l of this.listeners) l(namespace, pod, container, line);
  }

  /** A new instance of the container starts: the latest one's log becomes the previous one. */
  restarted(namespace: string, pod: string, container: string): void {
    const logs = this.of(namespace, pod, container);
    logs.previous = logs.latest;
    logs.latest = [];
  }

  /** The log of the latest instance, or of the one before it. */
  read(
    namespace: string,
    pod: string,
    container: string,
    instance: "latest" | "previous" = "latest",
  ): readonly LogLine[] {
    const logs = this.logs.get(`${namespace}/${pod}/${container}`);
    return (instance === "latest" ? logs?.latest : logs?.previous) ?? [];
  }

  /** Forgets a pod's logs: a deleted pod's logs are gone, as on a real node. */
  drop(namespace: string, pod: string): void {
    for (const key of this.logs.keys()) if (key.startsWith(`${namespace}/${pod}/`)) this.logs.delete(key);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private of(namespace: string, pod: string, container: string): ContainerLogs {
    const key = `${namespace}/${pod}/${container}`;
    let logs = this.logs.get(key);
    if (!logs) {
      logs = { latest: [], previous: undefined };
      this.logs.set(key, logs);
    }
    return logs;
  }
}

/**
 * Which instance's log a request reads, as the kubelet decides (validateContainerLogStatus): with `previous`,
 * the last terminated instance; otherwise the running one, else the one that last ended. A container that
 * never ran answers why, as a 400. While a crashed container waits to restart, its dead instance is still the
 * latest: the kubelet turns the latest log into the previous one when the next instance starts.
 */
export function instanceToRead(
  pod: string,
  container: string,
  status: ContainerStatus | undefined,
  previous: boolean,
): "latest" | "previous" {
  const lastEnded = status?.lastState?.terminated?.containerID;
  const state = status?.state ?? {};
  if (previous) {
    if (!lastEnded)
      throw badRequest(`previous terminated container "${container}" in pod "${pod}" not found`);
    return state.waiting ? "latest" : "previous";
  }
  if (state.running || state.terminated || lastEnded) return "latest";
  const reason = state.waiting?.reason ?? "ContainerCreating";
  const why =
    reason === "ErrImagePull"
      ? "image can't be pulled"
      : reason === "ImagePullBackOff"
        ? "trying and failing to pull image"
        : reason;
  throw badRequest(`container "${container}" in pod "${pod}" is waiting to start: ${why}`);
}

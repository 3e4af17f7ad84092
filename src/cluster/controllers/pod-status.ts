/**
 * The pod status a kubelet reports for the containers it runs: phase (the kubelet's getPhase rules),
 * the five conditions with their reasons and transition times, IPs and container statuses.
 */
import type {
  Container,
  ContainerStatus,
  PodCondition,
  PodStatus,
  ContainerStateTerminated as Terminated,
} from "kubernetes-types/core/v1.js";
import { imageID, qualifiedImage } from "./container-images.js";

export type { Terminated };

export type ContainerState =
  | { waiting: { reason: string; message?: string } }
  | { running: { startedAt: string } }
  | { terminated: Terminated };

/** One container as the kubelet tracks it between status reports. */
export interface ContainerRun {
  spec: Container;
  /** Ordinary init containers run to completion first; sidecars (restartable init containers) keep running. */
  kind: "init" | "sidecar" | "main";
  state: ContainerState;
  lastTerminated?: Terminated;
  restartCount: number;
  ready: boolean;
  /** Set once the container was created: the status then names the resolved image and the container. */
  containerID?: string;
}

export interface PodRun {
  uid: string;
  namespace: string;
  name: string;
  node: string;
  hostIP: string;
  podIP?: string;
  startTime: string;
  restartPolicy: string;
  containers: ContainerRun[];
  /** The pod sandbox (network namespace) exists: PodReadyToStartContainers. */
  sandboxReady: boolean;
}

export type PodPhase = "Pending" | "Running" | "Succeeded" | "Failed";

const running = (c: ContainerRun) => "running" in c.state;
const terminated = (c: ContainerRun) => ("terminated" in c.state ? c.state.terminated : undefined);

/** The kubelet's getPhase, for init, sidecar and main containers. */
export function podPhase(run: PodRun): PodPhase {
  const inits = run.containers.filter((c) => c.kind === "init");
  if (inits.some((c) => terminated(c)?.exitCode !== 0)) {
    const failed = inits.some((c) => (terminated(c)?.exitCode ?? 0) !== 0);
    return failed && run.restartPolicy === "Never" ? "Failed" : "Pending";
  }
  const mains = run.containers.filter((c) => c.kind === "main");
  let waiting = 0;
  let active = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of mains) {
    const t = terminated(c);
    if (running(c)) active++;
    else if (t) {
      stopped++;
      if (t.exitCode === 0) succeeded++;
    } else if (c.lastTerminated) stopped++;
    else waiting++;
  }
  if (waiting > 0) return "Pending";
  if (active > 0) return "Running";
  if (run.restartPolicy === "Always") return "Running";
  if (succeeded === stopped) return "Succeeded";
  if (run.restartPolicy === "OnFailure") return "Running";
  return "Failed";
}

function containerStatus(c: ContainerRun): ContainerStatus {
  const created = c.containerID !== undefined;
  const image = c.spec.image ?? "";
  const mounts = c.spec.volumeMounts ?? [];
  return {
    name: c.spec.name,
    state: c.state,
    lastState: c.lastTerminated ? { terminated: c.lastTerminated } : {},
    ready: c.ready,
    restartCount: c.restartCount,
    image: created ? qualifiedImage(image) : image,
    imageID: created ? imageID(image) : "",
    ...(created ? { containerID: c.containerID } : {}),
    started: running(c),
    ...(mounts.length > 0
      ? {
          volumeMounts: mounts.map((m) => ({
            name: m.name,
            mountPath: m.mountPath,
            ...(m.readOnly ? { readOnly: true } : {}),
            recursiveReadOnly: "Disabled",
          })),
        }
      : {}),
  };
}

/** The pod condition types the kubelet owns and rewrites (kubetypes.PodConditionsByKubelet). */
const KUBELET_CONDITIONS = new Set([
  "PodScheduled",
  "Ready",
  "Initialized",
  "ContainersReady",
  "PodReadyToStartContainers",
]);

function condition(
  type: string,
  ok: boolean,
  previous: readonly PodCondition[],
  now: string,
  reason?: string,
  message?: string,
): PodCondition {
  const status = ok ? "True" : "False";
  const before = previous.find((c) => c.type === type);
  return {
    type,
    status,
    lastProbeTime: null as unknown as string,
    lastTransitionTime:
      before?.status === status && before.lastTransitionTime ? before.lastTransitionTime : now,
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
}

/** The status to report now; `previous` keeps transition times and the server-set fields (qosClass). */
export function podStatus(run: PodRun, previous: PodStatus | undefined, now: string): PodStatus {
  const before = previous?.conditions ?? [];
  const phase = podPhase(run);
  const terminal = phase === "Succeeded" || phase === "Failed";
  const inits = run.containers.filter((c) => c.kind !== "main");
  const pendingInits = inits.filter((c) => c.kind === "init" && terminated(c)?.exitCode !== 0);
  const serving = run.containers.filter((c) => c.kind !== "init");
  const unready = serving.filter((c) => !c.ready).map((c) => c.spec.name);
  const terminalReason = phase === "Succeeded" ? "PodCompleted" : "PodFailed";
  const readiness = (type: string) =>
    terminal
      ? condition(type, false, before, now, terminalReason)
      : unready.length > 0
        ? condition(
            type,
            false,
            before,
            now,
            "ContainersNotReady",
            `containers with unready status: [${unready.join(" ")}]`,
          )
        : condition(type, true, before, now);
  const scheduled = before.find((c) => c.type === "PodScheduled");
  const conditions: PodCondition[] = [
    // Conditions other components own (DisruptionTarget) stay, ahead of the kubelet's, as its status manager merges them.
    ...before.filter((c) => !KUBELET_CONDITIONS.has(c.type)),
    condition("PodReadyToStartContainers", run.sandboxReady, before, now),
    pendingInits.length > 0
      ? condition(
          "Initialized",
          false,
          before,
          now,
          "ContainersNotInitialized",
          `containers with incomplete status: [${pendingInits.map((c) => c.spec.name).join(" ")}]`,
        )
      : condition("Initialized", true, before, now),
    readiness("Ready"),
    readiness("ContainersReady"),
    scheduled ?? condition("PodScheduled", true, before, now),
  ];
  return {
    phase,
    conditions,
    hostIP: run.hostIP,
    hostIPs: [{ ip: run.hostIP }],
    ...(run.podIP ? { podIP: run.podIP, podIPs: [{ ip: run.podIP }] } : {}),
    startTime: run.startTime,
    ...(inits.length > 0 ? { initContainerStatuses: inits.map(containerStatus) } : {}),
    containerStatuses: run.containers.filter((c) => c.kind === "main").map(containerStatus),
    ...(previous?.qosClass ? { qosClass: previous.qosClass } : {}),
  };
}

/**
 * The kubelets of all nodes: run the pods bound to their node on the virtual clock. A pod pulls its
 * images, then its containers start and it turns Running and Ready after its images' start-up delay
 * (counted from binding; a readinessProbe's initialDelaySeconds, when longer, delays Ready alone).
 * Containers that exit are restarted as the restart policy says, with the kubelet's crash back-off
 * (immediately, then 10 s, 20 s, 40 s … up to 5 min; reset after 10 min of running). A deleted pod's
 * containers are stopped and the pod removed after min(grace period, exit delay).
 * Each kubelet acts as system:node:NODE, so the audit log shows which node wrote what.
 */
import type { Container, Node, Pod, Probe } from "kubernetes-types/core/v1.js";
import type { RequestContext } from "../api.js";
import type { Cancel } from "../clock.js";
import { StatusError } from "../errors.js";
import { goDuration } from "../go-duration.js";
import type { PodLogs } from "../pod-logs.js";
import { findResourceType } from "../resources.js";
import type { KubeObject } from "../types.js";
import type { WorkloadHooks } from "../workload-hooks.js";
import { containerID, imageSizeBytes, qualifiedImage } from "./container-images.js";
import { type ControllerContext, controllerIdentity, WorkQueue } from "./controller.js";
import { EventRecorder, type EventType } from "./events.js";
import { type ContainerRun, type PodRun, podPhase, podStatus } from "./pod-status.js";

export interface StartupDelay {
  /** An image reference, matched exactly or as a prefix ("vllm/vllm-openai" matches every tag); the longest match wins. */
  image: string;
  seconds: number;
}

export interface KubeletOptions {
  hooks: WorkloadHooks;
  logs: PodLogs;
  startupDelays: readonly StartupDelay[];
  defaultStartupSeconds: number;
  /** Virtual time a stopped container takes to exit, when shorter than the grace period. */
  podExitDelayMs: number;
}

export interface Kubelet {
  /** Makes a running container exit with `exitCode`; the restart policy and back-off decide what follows. */
  crashContainer(namespace: string, pod: string, container: string, exitCode: number): void;
}

export function kubeletIdentity(node: string): RequestContext {
  return {
    user: { username: `system:node:${node}`, groups: ["system:nodes", "system:authenticated"] },
    fieldManager: "kubelet",
  };
}

/** Pods whose node never ran them (it does not exist) are removed by the pod garbage collector. */
const POD_GC = controllerIdentity("pod-garbage-collector");

const BACKOFF_INITIAL_MS = 10_000;
const BACKOFF_MAX_MS = 300_000;
const BACKOFF_RESET_MS = 600_000;
/** Share of the start-up delay spent pulling an image that is not on the node yet. */
const PULL_SHARE = 0.75;

interface Run extends PodRun {
  /** Clock events of the running pod, cancelled when it stops. */
  timers: Set<Cancel>;
  /** When the delay runs from: binding, for the first start. */
  startupMs: number;
  startupDelayMs: number;
  stopping?: { exitAt: number; timer: Cancel };
  finished: boolean;
}

interface Ipam {
  prefix: string;
  next: number;
  used: Set<number>;
}

function nanoTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 23)}000000Z`;
}

function fieldPath(c: ContainerRun): string {
  return c.kind === "main" ? `spec.containers{${c.spec.name}}` : `spec.initContainers{${c.spec.name}}`;
}

function podRef(run: PodRun): string {
  return `${run.name}_${run.namespace}(${run.uid})`;
}

export function startKubelet({ api, clock }: ControllerContext, options: KubeletOptions): Kubelet {
  const podsType = findResourceType("", "v1", "pods");
  if (!podsType) throw new Error("pods missing from the registry");
  const pods = podsType;
  const runs = new Map<string, Run>();
  const removals = new Map<string, Cancel>();
  const recorders = new Map<string, EventRecorder>();
  const imagesOnNode = new Map<string, Set<string>>();
  const ipams = new Map<string, Ipam>();
  /** Exits since the container last ran for BACKOFF_RESET_MS: what the back-off doubles on. */
  const crashCounts = new WeakMap<ContainerRun, number>();

  const startupDelayMs = (image: string): number => {
    let best: StartupDelay | undefined;
    for (const d of options.startupDelays) {
      if (image === d.image) return d.seconds * 1000;
      if (image.startsWith(d.image) && (!best || d.image.length > best.image.length)) best = d;
    }
    return (best?.seconds ?? options.defaultStartupSeconds) * 1000;
  };

  const schedule = (run: Run, atMs: number, label: string, fn: () => void) => {
    const timer = clock.at(atMs, `kubelet ${run.namespace}/${run.name} ${label}`, () => {
      run.timers.delete(timer);
      fn();
    });
    run.timers.add(timer);
  };

  const currentPod = (run: PodRun): KubeObject | undefined => {
    const pod = api.store.get("pods", run.namespace, run.name);
    return pod?.metadata.uid === run.uid ? pod : undefined;
  };

  const record = (run: PodRun, type: EventType, reason: string, message: string, c?: ContainerRun) => {
    const pod = currentPod(run);
    if (!pod) return;
    let recorder = recorders.get(run.node);
    if (!recorder) {
      recorder = new EventRecorder(api, kubeletIdentity(run.node));
      recorders.set(run.node, recorder);
    }
    recorder.record(pod, type, reason, message, { component: "kubelet", host: run.node }, c && fieldPath(c));
  };

  const writeStatus = (run: PodRun) => {
    const pod = currentPod(run);
    if (!pod) return;
    const status = podStatus(run, pod.status as Pod["status"], clock.iso());
    api.update(kubeletIdentity(run.node), pods, run.namespace, run.name, { ...pod, status }, "status");
  };

  // Pod IPs: host-local IPAM over the node's pod CIDR, handing out addresses in turn from .2.
  const allocateIP = (node: Node): string | undefined => {
    const name = node.metadata?.name as string;
    let ipam = ipams.get(name);
    if (!ipam) {
      const cidr = node.spec?.podCIDR ?? "";
      const prefix = cidr.slice(0, cidr.lastIndexOf(".") + 1);
      if (!prefix) return undefined;
      ipam = { prefix, next: 2, used: new Set() };
      ipams.set(name, ipam);
    }
    for (let i = 0; i < 253; i++) {
      const host = ((ipam.next - 2 + i) % 253) + 2;
      if (ipam.used.has(host)) continue;
      ipam.used.add(host);
      ipam.next = host === 254 ? 2 : host + 1;
      return `${ipam.prefix}${host}`;
    }
    return undefined;
  };

  const releaseIP = (run: PodRun) => {
    const ipam = ipams.get(run.node);
    if (!ipam || !run.podIP?.startsWith(ipam.prefix)) return;
    ipam.used.delete(Number(run.podIP.slice(ipam.prefix.length)));
  };

  const stopAll = (run: Run) => {
    for (const t of run.timers) t.cancel();
    run.timers.clear();
  };

  const finish = (run: Run) => {
    if (run.finished) return;
    run.finished = true;
    run.sandboxReady = false;
    stopAll(run);
    releaseIP(run);
  };

  const pullImage = (run: Run, c: ContainerRun, windowMs: number): boolean => {
    const image = c.spec.image ?? "";
    const qualified = qualifiedImage(image);
    const present = imagesOnNode.get(run.node)?.has(qualified) ?? false;
    const policy = c.spec.imagePullPolicy ?? "IfNotPresent";
    if (policy === "Never" && !present) {
      const message = `Container image "${image}" is not present with pull policy of Never`;
      c.state = { waiting: { reason: "ErrImageNeverPull", message } };
      record(run, "Warning", "ErrImageNeverPull", message, c);
      return false;
    }
    if (present && policy !== "Always") {
      record(run, "Normal", "Pulled", `Container image "${image}" already present on machine`, c);
      return true;
    }
    record(run, "Normal", "Pulling", `Pulling image "${image}"`, c);
    const pullMs = Math.floor(windowMs * PULL_SHARE);
    const pulled = () => {
      let images = imagesOnNode.get(run.node);
      if (!images) {
        images = new Set();
        imagesOnNode.set(run.node, images);
      }
      images.add(qualified);
      const took = goDuration(pullMs);
      record(
        run,
        "Normal",
        "Pulled",
        `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${imageSizeBytes(image)} bytes.`,
        c,
      );
    };
    if (pullMs === 0) pulled();
    else schedule(run, clock.now() + pullMs, `pulled ${c.spec.name}`, pulled);
    return true;
  };

  const readinessDelayMs = (probe: Probe | undefined, firstStart: boolean, run: Run): number => {
    if (!probe) return 0;
    const initial = (probe.initialDelaySeconds ?? 0) * 1000;
    return firstStart ? Math.max(0, initial - run.startupDelayMs) : initial;
  };

  const startContainer = (run: Run, c: ContainerRun, firstStart: boolean) => {
    const now = clock.now();
    c.containerID = containerID(run.uid, c.spec.name, c.restartCount);
    c.state = { running: { startedAt: clock.iso(now) } };
    c.ready = false;
    record(run, "Normal", "Created", `Created container ${c.spec.name}`, c);
    record(run, "Normal", "Started", `Started container ${c.spec.name}`, c);
    const pod = currentPod(run);
    if (!firstStart) options.logs.restarted(run.namespace, run.name, c.spec.name);
    if (pod) {
      for (const text of options.hooks.startupLogs(pod, c.spec.name)) {
        options.logs.append(run.namespace, run.name, c.spec.name, { time: nanoTime(now), text });
      }
    }
    const instance = c.containerID;
    const readyIn = readinessDelayMs(c.spec.readinessProbe, firstStart, run);
    if (readyIn === 0) c.ready = true;
    else {
      schedule(run, now + readyIn, `ready ${c.spec.name}`, () => {
        if (c.containerID !== instance || !("running" in c.state)) return;
        c.ready = true;
        writeStatus(run);
      });
    }
    const runFor = c.kind === "main" && pod ? options.hooks.runDuration(pod, c.spec.name) : undefined;
    if (runFor) {
      schedule(run, now + runFor.seconds * 1000, `exit ${c.spec.name}`, () => {
        if (c.containerID === instance) containerExited(run, c, runFor.exitCode ?? 0);
      });
    }
  };

  const restart = (run: Run, c: ContainerRun) => {
    c.restartCount++;
    if (!pullImage(run, c, 0)) {
      writeStatus(run);
      return;
    }
    startContainer(run, c, false);
    writeStatus(run);
  };

  function containerExited(run: Run, c: ContainerRun, exitCode: number): void {
    if (!("running" in c.state)) return;
    const now = clock.now();
    const startedAt = c.state.running.startedAt;
    const ended = {
      exitCode,
      reason: exitCode === 0 ? "Completed" : "Error",
      startedAt,
      finishedAt: clock.iso(now),
      containerID: c.containerID,
    };
    c.ready = false;
    const restarts =
      c.kind === "sidecar" ||
      run.restartPolicy === "Always" ||
      (run.restartPolicy === "OnFailure" && exitCode !== 0);
    if (!restarts) {
      c.state = { terminated: ended };
      const phase = podPhase(run);
      if (phase === "Succeeded" || phase === "Failed") finish(run);
      writeStatus(run);
      return;
    }
    c.lastTerminated = ended;
    const ranMs = now - Date.parse(startedAt);
    const crashes = ranMs >= BACKOFF_RESET_MS ? 1 : (crashCounts.get(c) ?? 0) + 1;
    crashCounts.set(c, crashes);
    const backoff = crashes <= 1 ? 0 : Math.min(BACKOFF_INITIAL_MS * 2 ** (crashes - 2), BACKOFF_MAX_MS);
    if (backoff === 0) {
      restart(run, c);
      return;
    }
    c.state = {
      waiting: {
        reason: "CrashLoopBackOff",
        message: `back-off ${goDuration(backoff)} restarting failed container=${c.spec.name} pod=${podRef(run)}`,
      },
    };
    record(
      run,
      "Warning",
      "BackOff",
      `Back-off restarting failed container ${c.spec.name} in pod ${podRef(run)}`,
      c,
    );
    writeStatus(run);
    schedule(run, now + backoff, `restart ${c.spec.name}`, () => restart(run, c));
  }
  const startPod = (run: Run) => {
    if (run.containers.some((c) => "waiting" in c.state && c.state.waiting.reason === "ErrImageNeverPull"))
      return;
    const now = clock.iso();
    for (const c of run.containers) {
      if (c.kind === "init") {
        c.containerID = containerID(run.uid, c.spec.name, c.restartCount);
        record(run, "Normal", "Created", `Created container ${c.spec.name}`, c);
        record(run, "Normal", "Started", `Started container ${c.spec.name}`, c);
        c.state = {
          terminated: {
            exitCode: 0,
            reason: "Completed",
            startedAt: now,
            finishedAt: now,
            containerID: c.containerID,
          },
        };
      } else {
        startContainer(run, c, true);
      }
    }
    writeStatus(run);
  };

  const admit = (pod: KubeObject, node: Node) => {
    const spec = (pod.spec ?? {}) as NonNullable<Pod["spec"]>;
    const hostIP = node.status?.addresses?.find((a) => a.type === "InternalIP")?.address ?? "";
    const hasInit = (spec.initContainers ?? []).length > 0;
    const waiting = { waiting: { reason: hasInit ? "PodInitializing" : "ContainerCreating" } };
    const container = (c: Container, kind: ContainerRun["kind"]): ContainerRun => ({
      spec: c,
      kind,
      state: waiting,
      restartCount: 0,
      ready: false,
    });
    const containers = [
      ...(spec.initContainers ?? []).map((c) =>
        container(c, c.restartPolicy === "Always" ? "sidecar" : "init"),
      ),
      ...(spec.containers ?? []).map((c) => container(c, "main")),
    ];
    const delay = Math.max(0, ...containers.map((c) => startupDelayMs(c.spec.image ?? "")));
    const podIP = spec.hostNetwork ? hostIP : allocateIP(node);
    const run: Run = {
      uid: pod.metadata.uid as string,
      namespace: pod.metadata.namespace as string,
      name: pod.metadata.name as string,
      node: node.metadata?.name as string,
      hostIP,
      ...(podIP ? { podIP } : {}),
      startTime: clock.iso(),
      restartPolicy: spec.restartPolicy ?? "Always",
      containers,
      sandboxReady: true,
      timers: new Set(),
      startupMs: clock.now(),
      startupDelayMs: delay,
      finished: false,
    };
    runs.set(run.uid, run);
    writeStatus(run);
    const pulling = containers.map((c) => pullImage(run, c, delay));
    if (pulling.every(Boolean)) schedule(run, run.startupMs + delay, "start", () => startPod(run));
    else writeStatus(run);
  };

  const removePod = (namespace: string, name: string, uid: string, ctx: RequestContext) => {
    try {
      api.delete(ctx, pods, namespace, name, { gracePeriodSeconds: 0, preconditions: { uid } });
    } catch (e) {
      // Already gone, or replaced by a pod of the same name: nothing left to remove.
      if (!(e instanceof StatusError)) throw e;
    }
  };

  const stopPod = (run: Run, deadlineMs: number) => {
    const exitAt = Math.min(deadlineMs, clock.now() + options.podExitDelayMs);
    if (run.stopping) {
      if (exitAt >= run.stopping.exitAt) return;
      run.stopping.timer.cancel();
    } else {
      for (const c of run.containers) {
        if ("running" in c.state) record(run, "Normal", "Killing", `Stopping container ${c.spec.name}`, c);
      }
      stopAll(run);
    }
    const timer = clock.at(exitAt, `kubelet ${run.namespace}/${run.name} stopped`, () => {
      for (const c of run.containers) {
        if (!("running" in c.state)) continue;
        c.state = {
          terminated: {
            exitCode: 0,
            reason: "Completed",
            startedAt: c.state.running.startedAt,
            finishedAt: clock.iso(),
            containerID: c.containerID,
          },
        };
        c.ready = false;
      }
      finish(run);
      writeStatus(run);
      runs.delete(run.uid);
      removePod(run.namespace, run.name, run.uid, kubeletIdentity(run.node));
    });
    run.stopping = { exitAt, timer };
  };

  const forget = (uid: string, namespace: string, name: string) => {
    const run = runs.get(uid);
    if (run) {
      finish(run);
      run.stopping?.timer.cancel();
      runs.delete(uid);
      options.logs.drop(namespace, name);
    }
    removals.get(uid)?.cancel();
    removals.delete(uid);
  };

  const sync = (key: string) => {
    const [namespace = "", name = "", uid = ""] = key.split("/");
    const pod = api.store.get("pods", namespace, name);
    if (!pod || pod.metadata.uid !== uid) {
      forget(uid, namespace, name);
      return;
    }
    const nodeName = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
    const deletion = pod.metadata.deletionTimestamp;
    const run = runs.get(uid);
    if (deletion) {
      const deadline = Date.parse(deletion);
      if (run && !run.finished) {
        stopPod(run, deadline);
        return;
      }
      if (run?.stopping || (pod.metadata.finalizers ?? []).length > 0 || removals.has(uid)) return;
      // Nothing runs (finished, or never admitted): the pod only has to go.
      const ctx =
        nodeName && api.store.get("nodes", undefined, nodeName) ? kubeletIdentity(nodeName) : POD_GC;
      const at = Math.min(deadline, clock.now() + options.podExitDelayMs);
      removals.set(
        uid,
        clock.at(at, `pod ${namespace}/${name} removed`, () => {
          removals.delete(uid);
          removePod(namespace, name, uid, ctx);
        }),
      );
      return;
    }
    if (run || !nodeName) return;
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    if (phase === "Succeeded" || phase === "Failed") return;
    const node = api.store.get("nodes", undefined, nodeName);
    if (node) admit(pod, node as unknown as Node);
  };

  const queue = new WorkQueue(clock, "kubelet", sync);
  const enqueue = (pod: KubeObject) =>
    queue.add(`${pod.metadata.namespace}/${pod.metadata.name}/${pod.metadata.uid}`);
  api.store.subscribe((e) => {
    if (e.resource === "pods") enqueue(e.object);
    // A node joining runs the pods already bound to it.
    if (e.resource === "nodes" && e.type === "ADDED") {
      for (const pod of api.store.list("pods")) {
        if ((pod.spec as { nodeName?: string } | undefined)?.nodeName === e.object.metadata.name)
          enqueue(pod);
      }
    }
  });

  return {
    crashContainer(namespace, podName, containerName, exitCode) {
      const run = [...runs.values()].find((r) => r.namespace === namespace && r.name === podName);
      const c = run?.containers.find((x) => x.spec.name === containerName);
      if (!run || !c || !("running" in c.state)) {
        throw new Error(`Container ${containerName} of pod ${namespace}/${podName} is not running.`);
      }
      containerExited(run, c, exitCode);
    },
  };
}

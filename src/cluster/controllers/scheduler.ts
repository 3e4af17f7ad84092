/**
 * kube-scheduler: binds each pending pod to the best node that fits it, or leaves it Pending with a
 * FailedScheduling event and PodScheduled=False in the real wording. Pending pods are tried oldest first
 * (creation time, then name), so freed capacity goes to the pods that waited longest. A pod that fits
 * nowhere waits until capacity frees or a node is added or changed, or five minutes pass, as in
 * kube-scheduler's unschedulable queue.
 */
import type { Node, Pod, PodCondition } from "kubernetes-types/core/v1.js";
import type { RequestContext } from "../api.js";
import type { Cancel } from "../clock.js";
import { findResourceType } from "../resources.js";
import type { KubeObject } from "../types.js";
import { type ControllerContext, WorkQueue } from "./controller.js";
import { EventRecorder } from "./events.js";
import { podNonZeroRequests, podRequests, type Resources, resourceAmount } from "./pod-requests.js";
import {
  type FilterFailure,
  filterNode,
  type HostPort,
  type NodeInfo,
  pickNode,
  podHostPorts,
  preFilterMessage,
  unschedulableMessage,
  volumeClaimProblem,
} from "./scheduler-plugins.js";

export const SCHEDULER: RequestContext = {
  user: { username: "system:kube-scheduler", groups: ["system:authenticated"] },
  fieldManager: "kube-scheduler",
};

const SOURCE = { component: "default-scheduler" };

/** kube-scheduler's podMaxInUnschedulablePodsDuration. */
const UNSCHEDULABLE_RETRY_MS = 5 * 60 * 1000;

interface Charge {
  node: string;
  request: Resources;
  nonZero: { cpu: number; memory: number };
  ports: HostPort[];
}

interface Usage {
  requested: Resources;
  nonZero: { cpu: number; memory: number };
  pods: number;
  ports: HostPort[][];
}

interface PendingPod {
  uid: string;
  namespace: string;
  name: string;
  created: string;
}

const isTerminal = (pod: KubeObject) => {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return phase === "Succeeded" || phase === "Failed";
};

const nodeNameOf = (pod: KubeObject) => (pod.spec as { nodeName?: string } | undefined)?.nodeName;

function isPending(pod: KubeObject): boolean {
  const spec = (pod.spec ?? {}) as { nodeName?: string; schedulerName?: string };
  return (
    !spec.nodeName &&
    !pod.metadata.deletionTimestamp &&
    (spec.schedulerName ?? "default-scheduler") === "default-scheduler" &&
    !isTerminal(pod)
  );
}

function fifo(a: PendingPod, b: PendingPod): number {
  if (a.created !== b.created) return a.created < b.created ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0;
}

export function startScheduler({ api, clock }: ControllerContext): void {
  const pods = findResourceType("", "v1", "pods");
  if (!pods) throw new Error("pods missing from the registry");
  const recorder = new EventRecorder(api, SCHEDULER);
  const charges = new Map<string, Charge>();
  const usage = new Map<string, Usage>();
  const pending = new Map<string, PendingPod>();
  const unschedulable = new Map<string, Cancel>();
  const allocatable = new Map<string, { rv: string | undefined; resources: Resources }>();

  const usageOf = (node: string): Usage => {
    let u = usage.get(node);
    if (!u) {
      u = { requested: {}, nonZero: { cpu: 0, memory: 0 }, pods: 0, ports: [] };
      usage.set(node, u);
    }
    return u;
  };

  const applyCharge = (c: Charge, sign: 1 | -1) => {
    const u = usageOf(c.node);
    for (const [k, v] of Object.entries(c.request)) u.requested[k] = (u.requested[k] ?? 0) + sign * v;
    u.nonZero.cpu += sign * c.nonZero.cpu;
    u.nonZero.memory += sign * c.nonZero.memory;
    u.pods += sign;
    if (sign === 1) u.ports.push(c.ports);
    else u.ports.splice(u.ports.indexOf(c.ports), 1);
  };

  const nodeInfo = (node: KubeObject): NodeInfo => {
    const name = node.metadata.name as string;
    let cached = allocatable.get(name);
    if (!cached || cached.rv !== node.metadata.resourceVersion) {
      const status = (node.status ?? {}) as { allocatable?: Record<string, string> };
      const resources = Object.fromEntries(
        Object.entries(status.allocatable ?? {}).map(([k, v]) => [k, resourceAmount(k, v)]),
      );
      cached = { rv: node.metadata.resourceVersion, resources };
      allocatable.set(name, cached);
    }
    const u = usageOf(name);
    return {
      node: node as unknown as Node,
      name,
      allocatable: cached.resources,
      requested: u.requested,
      nonZero: u.nonZero,
      pods: u.pods,
      hostPorts: u.ports.flat(),
    };
  };

  const waitForChange = (uid: string) => {
    unschedulable.get(uid)?.cancel();
    unschedulable.set(
      uid,
      clock.after(UNSCHEDULABLE_RETRY_MS, `scheduler retry ${uid}`, () => {
        unschedulable.delete(uid);
        queue.add("cycle");
      }),
    );
  };

  const retryUnschedulable = () => {
    if (unschedulable.size === 0) return;
    for (const timer of unschedulable.values()) timer.cancel();
    unschedulable.clear();
    queue.add("cycle");
  };

  const forget = (uid: string) => {
    pending.delete(uid);
    unschedulable.get(uid)?.cancel();
    unschedulable.delete(uid);
  };

  const fail = (pod: KubeObject, message: string, reason: string) => {
    recorder.record(pod, "Warning", "FailedScheduling", message, SOURCE);
    const status = (pod.status ?? {}) as { conditions?: PodCondition[] };
    const conditions = [...(status.conditions ?? [])];
    const at = conditions.findIndex((c) => c.type === "PodScheduled");
    const previous = conditions[at];
    if (previous?.status === "False" && previous.reason === reason && previous.message === message) return;
    const condition: PodCondition = {
      type: "PodScheduled",
      status: "False",
      lastProbeTime: null as unknown as string,
      lastTransitionTime: previous?.status === "False" ? previous.lastTransitionTime : clock.iso(),
      reason,
      message,
    };
    if (at >= 0) conditions[at] = condition;
    else conditions.push(condition);
    api.update(
      SCHEDULER,
      pods,
      pod.metadata.namespace,
      pod.metadata.name as string,
      {
        ...pod,
        status: { ...status, conditions },
      },
      "status",
    );
  };

  const scheduleOne = (p: PendingPod, nodes: KubeObject[]) => {
    const pod = api.store.get("pods", p.namespace, p.name);
    if (!pod || pod.metadata.uid !== p.uid || !isPending(pod)) return;
    if (nodes.length === 0) {
      fail(pod, "no nodes available to schedule pods", "SchedulerError");
      waitForChange(p.uid);
      return;
    }
    const typed = pod as unknown as Pod;
    const claims = volumeClaimProblem(typed, (name) =>
      api.store.get("persistentvolumeclaims", p.namespace, name),
    );
    if (claims) {
      fail(pod, preFilterMessage(typed, nodes.length, claims), "Unschedulable");
      waitForChange(p.uid);
      return;
    }
    const request = podRequests(pod);
    const infos = nodes.map(nodeInfo);
    const failures: FilterFailure[] = [];
    const feasible: NodeInfo[] = [];
    for (const info of infos) {
      const failure = filterNode(typed, request, info);
      if (failure) failures.push(failure);
      else feasible.push(info);
    }
    const best = pickNode(typed, request, podNonZeroRequests(pod), feasible);
    if (!best) {
      fail(pod, unschedulableMessage(typed, failures), "Unschedulable");
      waitForChange(p.uid);
      return;
    }
    forget(p.uid);
    const boundPod = api.bind(SCHEDULER, p.namespace, p.name, best.name);
    recorder.record(
      boundPod,
      "Normal",
      "Scheduled",
      `Successfully assigned ${p.namespace}/${p.name} to ${best.name}`,
      SOURCE,
    );
  };

  const queue = new WorkQueue(clock, "scheduler", () => {
    const nodes = api.store.list("nodes");
    const active = [...pending.values()].filter((p) => !unschedulable.has(p.uid)).sort(fifo);
    for (const p of active) scheduleOne(p, nodes);
  });

  api.store.subscribe((e) => {
    if (e.resource === "persistentvolumeclaims") {
      if (e.type !== "DELETED") retryUnschedulable();
      return;
    }
    if (e.resource === "nodes") {
      if (e.type === "DELETED") allocatable.delete(e.object.metadata.name as string);
      else retryUnschedulable();
      return;
    }
    if (e.resource !== "pods") return;
    const pod = e.object;
    const uid = pod.metadata.uid as string;
    const charged = charges.get(uid);
    const node = nodeNameOf(pod);
    const chargeable = e.type !== "DELETED" && !!node && !isTerminal(pod);
    if (charged && (!chargeable || charged.node !== node)) {
      applyCharge(charged, -1);
      charges.delete(uid);
      retryUnschedulable();
    }
    if (chargeable && !charges.has(uid)) {
      const charge: Charge = {
        node: node as string,
        request: podRequests(pod),
        nonZero: podNonZeroRequests(pod),
        ports: podHostPorts(pod as unknown as Pod),
      };
      charges.set(uid, charge);
      applyCharge(charge, 1);
    }
    if (e.type !== "DELETED" && isPending(pod)) {
      if (!pending.has(uid)) {
        pending.set(uid, {
          uid,
          namespace: pod.metadata.namespace as string,
          name: pod.metadata.name as string,
          created: pod.metadata.creationTimestamp ?? "",
        });
        queue.add("cycle");
      }
    } else if (pending.has(uid)) {
      forget(uid);
    }
  });
}

/**
 * The taint-eviction controller (kube-controller-manager's NoExecute taint manager): a pod on a node with a
 * NoExecute taint it does not tolerate is deleted at once; one that tolerates every such taint for a limited
 * time (tolerationSeconds) is deleted when the shortest of those runs out, counted from when the controller
 * first saw it; removing the taints or the pod cancels a scheduled deletion. Before deleting, it marks the
 * pod DisruptionTarget and records a TaintManagerEviction event, as the real controller does.
 */
import type { Taint, Toleration } from "kubernetes-types/core/v1.js";
import type { Cancel } from "../clock.js";
import { StatusError } from "../errors.js";
import type { KubeObject } from "../types.js";
import { type ControllerContext, controllerIdentity, WorkQueue } from "./controller.js";
import { markDisruptionTarget } from "./disruption-target.js";
import { EventRecorder } from "./events.js";
import { PODS } from "./pod-template.js";
import { semanticEqual } from "./revisions.js";
import { tolerates } from "./scheduler-plugins.js";

const ME = controllerIdentity("taint-eviction-controller");
const SOURCE = { component: "taint-eviction-controller" };

/** A scheduled deletion; once it has run it stays (without a timer) so the same pod is not scheduled twice. */
interface Scheduled {
  timer: Cancel | undefined;
}

const noExecuteTaints = (node: KubeObject | undefined): Taint[] =>
  ((node?.spec as { taints?: Taint[] } | undefined)?.taints ?? []).filter((t) => t.effect === "NoExecute");

const tolerationsOf = (pod: KubeObject): Toleration[] =>
  (pod.spec as { tolerations?: Toleration[] } | undefined)?.tolerations ?? [];

const nodeNameOf = (pod: KubeObject): string | undefined =>
  (pod.spec as { nodeName?: string } | undefined)?.nodeName;

/**
 * How long the matching tolerations allow (getMinTolerationTime): the shortest tolerationSeconds, 0 for a
 * non-positive one, -1 (forever) when none of them is limited.
 */
function minTolerationMs(used: readonly Toleration[]): number {
  if (used.length === 0) return 0;
  let min = Number.POSITIVE_INFINITY;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Number.POSITIVE_INFINITY ? -1 : min * 1000;
}

export function startTaintEvictionController({ api, clock }: ControllerContext): void {
  const recorder = new EventRecorder(api, ME);
  const work = new Map<string, Scheduled>();

  // The real controller refers to the pod by name alone: its events carry no uid.
  const record = (key: string, message: string) => {
    const [namespace = "", name = ""] = key.split("/");
    const ref: KubeObject = { apiVersion: "v1", kind: "Pod", metadata: { name, namespace } };
    recorder.record(ref, "Normal", "TaintManagerEviction", message, SOURCE);
  };

  const cancel = (key: string, withEvent: boolean) => {
    const scheduled = work.get(key);
    if (!scheduled) return;
    work.delete(key);
    if (!scheduled.timer) return;
    scheduled.timer.cancel();
    if (withEvent) record(key, `Cancelling deletion of Pod ${key}`);
  };

  const evict = (key: string) => {
    const [namespace = "", name = ""] = key.split("/");
    record(key, `Marking for deletion Pod ${key}`);
    const pod = api.store.get("pods", namespace, name);
    if (!pod) return;
    try {
      markDisruptionTarget(
        api,
        ME,
        pod,
        "DeletionByTaintManager",
        "Taint manager: deleting due to NoExecute taint",
      );
      api.delete(ME, PODS, namespace, name);
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      // Gave up on this pod: a later change of it or of its node schedules it again.
      work.delete(key);
    }
  };

  const schedule = (key: string, fireAt: number) => {
    if (work.has(key)) return;
    const scheduled: Scheduled = { timer: undefined };
    scheduled.timer = clock.at(fireAt, `taint-eviction ${key}`, () => {
      scheduled.timer = undefined;
      evict(key);
    });
    work.set(key, scheduled);
  };

  /** processPodOnNode: what the node's NoExecute taints mean for one pod on it. */
  const processPod = (pod: KubeObject, taints: readonly Taint[]) => {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const now = clock.now();
    const used: Toleration[] = [];
    for (const taint of taints) {
      const toleration = tolerationsOf(pod).find((t) => tolerates(t, taint));
      if (!toleration) {
        cancel(key, true);
        schedule(key, now);
        return;
      }
      used.push(toleration);
    }
    const min = minTolerationMs(used);
    if (min < 0) {
      cancel(key, true);
      return;
    }
    // A deletion already scheduled stands: the real controller keeps one unless it was scheduled in the very
    // same instant, which its nanosecond clock never sees twice.
    if (work.has(key)) return;
    schedule(key, now + min);
  };

  const queue = new WorkQueue(clock, "taint-eviction", (key) => {
    if (key.startsWith("node/")) {
      const nodeName = key.slice("node/".length);
      const taints = noExecuteTaints(api.store.get("nodes", undefined, nodeName));
      const pods = api.store.list("pods").filter((p) => nodeNameOf(p) === nodeName);
      for (const pod of pods) {
        if (taints.length === 0) cancel(`${pod.metadata.namespace}/${pod.metadata.name}`, true);
        else processPod(pod, taints);
      }
      return;
    }
    const [namespace = "", name = ""] = key.slice("pod/".length).split("/");
    const pod = api.store.get("pods", namespace, name);
    const nodeName = pod ? nodeNameOf(pod) : undefined;
    if (!pod || !nodeName) return;
    const taints = noExecuteTaints(api.store.get("nodes", undefined, nodeName));
    if (taints.length > 0) processPod(pod, taints);
  });

  api.store.subscribe((e) => {
    if (e.resource === "nodes") {
      if (e.type === "DELETED") return;
      const taints = noExecuteTaints(e.object);
      if (e.previous ? semanticEqual(noExecuteTaints(e.previous), taints) : taints.length === 0) return;
      queue.add(`node/${e.object.metadata.name}`);
      return;
    }
    if (e.resource !== "pods") return;
    const key = `${e.object.metadata.namespace}/${e.object.metadata.name}`;
    if (e.type === "DELETED") {
      // Cancelling writes nothing, so it can happen right here, before a pod of the same name comes back.
      cancel(key, false);
      return;
    }
    const before = e.previous;
    // Only what decides the outcome matters: the pod's node and its tolerations (PodUpdated).
    if (
      before &&
      nodeNameOf(before) === nodeNameOf(e.object) &&
      semanticEqual(tolerationsOf(before), tolerationsOf(e.object))
    )
      return;
    const nodeName = nodeNameOf(e.object);
    if (!nodeName || noExecuteTaints(api.store.get("nodes", undefined, nodeName)).length === 0) return;
    queue.add(`pod/${key}`);
  });
}

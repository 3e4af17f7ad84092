/**
 * The ReplicaSet controller: keeps `spec.replicas` active pods made from the template, adopting matching
 * orphans and releasing pods whose labels stop matching; removes surplus pods in the order Kubernetes
 * ranks them; reports replicas, fullyLabeledReplicas, readyReplicas and availableReplicas (pods Ready for
 * longer than minReadySeconds) in status, and a ReplicaFailure condition while pods cannot be created.
 */
import type { ReplicaSet, ReplicaSetCondition } from "kubernetes-types/apps/v1.js";
import { findResourceType } from "../resources.js";
import type { KubeObject } from "../types.js";
import { type ControllerContext, controllerIdentity } from "./controller.js";
import { ControllerQueue, keyOf, RetryLater, splitKey } from "./controller-queue.js";
import { claim, controllerOf, ownersSelecting } from "./controller-ref.js";
import { EventRecorder } from "./events.js";
import {
  availableAt,
  createControlledPod,
  deleteControlledPod,
  isPodActive,
  isPodAvailable,
  isPodReady,
  PODS,
  podFromTemplate,
  podsToDelete,
  slowStartBatch,
} from "./pod-template.js";
import { omitEmpty, writeStatus } from "./status.js";

const ME = controllerIdentity("replicaset-controller");
const COMPONENT = "replicaset-controller";
/** kube-controller-manager creates or deletes at most this many pods of one ReplicaSet per sync. */
const BURST_REPLICAS = 500;
const RS_KEY = "replicasets.apps";

export const REPLICA_SETS = findResourceType("apps", "v1", "replicasets") as NonNullable<
  ReturnType<typeof findResourceType>
>;

export function asReplicaSet(o: KubeObject): ReplicaSet {
  return o as unknown as ReplicaSet;
}

export function startReplicaSetController({ api, clock }: ControllerContext): void {
  const recorder = new EventRecorder(api, ME);
  const queue = new ControllerQueue(clock, "replicaset", sync);

  function sync(key: string): void {
    const [ns, name] = splitKey(key);
    const rs = api.store.get(RS_KEY, ns, name);
    if (!rs) return;
    const spec = asReplicaSet(rs).spec;
    const active = api.store.list("pods", ns).filter(isPodActive);
    const pods = claim(api, ME, PODS, rs, active);
    let failure: { reason: string; message: string } | undefined;
    if (!rs.metadata.deletionTimestamp) failure = manageReplicas(rs, pods);
    const minReadySeconds = spec?.minReadySeconds ?? 0;
    const now = clock.now();
    const templateLabels = Object.entries(spec?.template?.metadata?.labels ?? {});
    let ready = 0;
    let available = 0;
    for (const p of pods) {
      if (!isPodReady(p)) continue;
      ready++;
      if (isPodAvailable(p, minReadySeconds, now)) available++;
      else {
        const at = availableAt(p, minReadySeconds);
        if (at !== undefined) queue.addAt(key, at);
      }
    }
    const previous = (asReplicaSet(rs).status?.conditions ?? []) as ReplicaSetCondition[];
    let conditions = previous.filter((c) => c.type !== "ReplicaFailure");
    const failed = previous.find((c) => c.type === "ReplicaFailure");
    if (failure) {
      conditions = failed
        ? previous
        : [
            ...conditions,
            {
              type: "ReplicaFailure",
              status: "True",
              lastTransitionTime: clock.iso(),
              reason: failure.reason,
              message: failure.message,
            },
          ];
    }
    const status = omitEmpty(
      {
        replicas: pods.length,
        fullyLabeledReplicas: pods.filter((p) =>
          templateLabels.every(([k, v]) => p.metadata.labels?.[k] === v),
        ).length,
        readyReplicas: ready,
        availableReplicas: available,
        observedGeneration: rs.metadata.generation,
        conditions,
      },
      ["replicas"],
    );
    writeStatus(api, ME, REPLICA_SETS, rs, status);
    if (failure) throw new RetryLater(failure.message);
  }

  /** Creates or deletes pods towards spec.replicas; returns what went wrong, if anything. */
  function manageReplicas(
    rs: KubeObject,
    pods: KubeObject[],
  ): { reason: string; message: string } | undefined {
    const spec = asReplicaSet(rs).spec;
    const wanted = spec?.replicas ?? 1;
    const diff = pods.length - wanted;
    if (diff < 0) {
      const count = Math.min(-diff, BURST_REPLICAS);
      const { error } = slowStartBatch(count, () =>
        createControlledPod(api, ME, recorder, COMPONENT, rs, podFromTemplate(spec?.template, rs)),
      );
      return error ? { reason: "FailedCreate", message: error.message } : undefined;
    }
    if (diff > 0) {
      const count = Math.min(diff, BURST_REPLICAS);
      const doomed = podsToDelete(pods, relatedPods(rs), count, clock.now());
      const failed = doomed.filter((p) => !deleteControlledPod(api, ME, recorder, COMPONENT, rs, p));
      if (failed.length > 0)
        return { reason: "FailedDelete", message: `failed to delete ${failed.length} pods` };
    }
    return undefined;
  }

  /** Pods of every ReplicaSet with the same controller (the Deployment's other revisions), for ranking. */
  function relatedPods(rs: KubeObject): KubeObject[] {
    const owner = controllerOf(rs);
    const siblings = owner
      ? api.store
          .list(RS_KEY, rs.metadata.namespace)
          .filter((r) => controllerOf(r)?.uid === owner.uid)
          .map((r) => r.metadata.uid)
      : [rs.metadata.uid];
    const uids = new Set(siblings);
    return api.store.list("pods", rs.metadata.namespace).filter((p) => uids.has(controllerOf(p)?.uid ?? ""));
  }

  function enqueueOwner(pod: KubeObject): boolean {
    const ref = controllerOf(pod);
    if (!ref) return false;
    if (ref.kind !== "ReplicaSet") return true;
    const rs = api.store.get(RS_KEY, pod.metadata.namespace, ref.name);
    if (rs?.metadata.uid === ref.uid) queue.add(keyOf(pod.metadata.namespace, ref.name));
    return true;
  }

  function enqueueSelecting(pod: KubeObject): void {
    for (const rs of ownersSelecting(api, RS_KEY, pod.metadata.namespace, pod.metadata.labels))
      queue.add(keyOf(rs.metadata.namespace, rs.metadata.name));
  }

  api.store.subscribe((e) => {
    if (e.resource === RS_KEY) {
      queue.add(keyOf(e.object.metadata.namespace, e.object.metadata.name));
      return;
    }
    if (e.resource !== "pods") return;
    const pod = e.object;
    if (e.type === "MODIFIED" && e.previous) {
      const before = controllerOf(e.previous);
      const after = controllerOf(pod);
      const labelsChanged =
        JSON.stringify(e.previous.metadata.labels) !== JSON.stringify(pod.metadata.labels);
      if (before && before.uid !== after?.uid) enqueueOwner(e.previous);
      if (!enqueueOwner(pod) && (labelsChanged || before?.uid !== after?.uid)) enqueueSelecting(pod);
      return;
    }
    if (!enqueueOwner(pod) && e.type === "ADDED") enqueueSelecting(pod);
  });
}

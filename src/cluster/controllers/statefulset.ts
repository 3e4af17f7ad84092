/**
 * The StatefulSet controller: pods with stable names `<set>-<ordinal>`, created in order and each only
 * once the one before is Running and Ready (OrderedReady), or all at once (Parallel); scaled down from
 * the highest ordinal; updated from the highest ordinal down to the partition, one pod at a time.
 * Templates are kept as ControllerRevisions; pods carry their revision in `controller-revision-hash`.
 * Each pod's PersistentVolumeClaims (`<template>-<set>-<ordinal>`) are created from the claim templates
 * before the pod, and kept when it goes (whenDeleted: Delete hands them to the set, for the garbage collector).
 */
import type { StatefulSet } from "kubernetes-types/apps/v1.js";
import type { PodTemplateSpec } from "kubernetes-types/core/v1.js";
import { StatusError } from "../errors.js";
import { findResourceType } from "../resources.js";
import type { KubeObject } from "../types.js";
import { type ControllerContext, controllerIdentity } from "./controller.js";
import { ControllerQueue, keyOf, RetryLater, splitKey } from "./controller-queue.js";
import { claim, controllerOf, ownersSelecting } from "./controller-ref.js";
import { EventRecorder } from "./events.js";
import { availableAt, isPodAvailable, isPodReady, PODS, phaseOf, podFromTemplate } from "./pod-template.js";
import { ensureCurrentRevision, ownedRevisions, truncateHistory } from "./revisions.js";
import { omitEmpty, writeStatus } from "./status.js";

const ME = controllerIdentity("statefulset-controller");
const COMPONENT = "statefulset-controller";
const STS_KEY = "statefulsets.apps";
const STATEFUL_SETS = findResourceType("apps", "v1", "statefulsets") as NonNullable<
  ReturnType<typeof findResourceType>
>;
const CLAIMS = findResourceType("", "v1", "persistentvolumeclaims") as NonNullable<
  ReturnType<typeof findResourceType>
>;
const REVISION_LABEL = "controller-revision-hash";

const asSet = (o: KubeObject) => o as unknown as StatefulSet;

/** The ordinal of `<set>-<n>`, or -1 for a pod whose name does not follow the pattern. */
function ordinalOf(set: KubeObject, pod: KubeObject): number {
  const prefix = `${set.metadata.name}-`;
  const name = pod.metadata.name ?? "";
  if (!name.startsWith(prefix)) return -1;
  const rest = name.slice(prefix.length);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : -1;
}

const isTerminating = (pod: KubeObject) => pod.metadata.deletionTimestamp !== undefined;
const isRunningAndReady = (pod: KubeObject) => phaseOf(pod) === "Running" && isPodReady(pod);
const isHealthy = (pod: KubeObject) => isRunningAndReady(pod) && !isTerminating(pod);
const hasFailed = (pod: KubeObject) => phaseOf(pod) === "Failed" || phaseOf(pod) === "Succeeded";

export function startStatefulSetController({ api, clock }: ControllerContext): void {
  const recorder = new EventRecorder(api, ME);
  const queue = new ControllerQueue(clock, "statefulset", sync);

  function newPod(
    set: KubeObject,
    template: PodTemplateSpec | undefined,
    revision: string,
    ordinal: number,
  ): KubeObject {
    const s = asSet(set);
    const name = `${set.metadata.name}-${ordinal}`;
    const claims = (s.spec?.volumeClaimTemplates ?? []).map((t) => ({
      name: t.metadata?.name ?? "",
      persistentVolumeClaim: { claimName: `${t.metadata?.name}-${name}` },
    }));
    const volumes = [
      ...claims,
      ...(template?.spec?.volumes ?? []).filter((v) => !claims.some((c) => c.name === v.name)),
    ];
    return podFromTemplate(template, set, {
      name,
      labels: {
        [REVISION_LABEL]: revision,
        "statefulset.kubernetes.io/pod-name": name,
        "apps.kubernetes.io/pod-index": String(ordinal),
      },
      spec: {
        hostname: name,
        ...(s.spec?.serviceName ? { subdomain: s.spec.serviceName } : {}),
        ...(volumes.length > 0 ? { volumes } : {}),
      },
    });
  }

  function sync(key: string): void {
    const [ns, name] = splitKey(key);
    const set = api.store.get(STS_KEY, ns, name);
    if (!set) return;
    const spec = asSet(set).spec;
    // Only pods named after the set are its members (isMemberOf).
    const members = api.store.list("pods", ns).filter((p) => ordinalOf(set, p) >= 0);
    const pods = claim(api, ME, PODS, set, members);
    const revisions = ownedRevisions(api, set);
    const update = ensureCurrentRevision(api, ME, set, spec?.template, revisions);
    const updateRevision = update.revision.metadata.name as string;
    const currentName = (asSet(set).status?.currentRevision as string | undefined) ?? updateRevision;
    const current = ownedRevisions(api, set).find((r) => r.metadata.name === currentName) ?? update.revision;
    const currentTemplate = (current.data as { spec?: { template?: PodTemplateSpec } }).spec?.template;
    const replicas = spec?.replicas ?? 1;
    const parallel = spec?.podManagementPolicy === "Parallel";
    const strategy = spec?.updateStrategy?.type ?? "RollingUpdate";
    const partition = spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    let failure: Error | undefined;

    /** createPersistentVolumeClaims: the missing claims of pod `ord`; the failures, as one aggregate message. */
    const ensureClaims = (ord: number): string | undefined => {
      const podName = `${set.metadata.name}-${ord}`;
      const errors: string[] = [];
      const matchLabels = spec?.selector?.matchLabels ?? {};
      const deleteWithSet = spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted === "Delete";
      for (const template of spec?.volumeClaimTemplates ?? []) {
        const claimName = `${template.metadata?.name}-${podName}`;
        const existing = api.store.get("persistentvolumeclaims", ns, claimName);
        if (existing) {
          if (existing.metadata.deletionTimestamp) errors.push(`pvc ${claimName} is being deleted`);
          continue;
        }
        const labels = template.metadata?.labels
          ? { ...template.metadata.labels, ...matchLabels }
          : matchLabels;
        const claim: KubeObject = {
          apiVersion: "v1",
          kind: "PersistentVolumeClaim",
          metadata: {
            ...(template.metadata as KubeObject["metadata"]),
            name: claimName,
            namespace: ns,
            labels,
            ...(deleteWithSet
              ? {
                  ownerReferences: [
                    {
                      apiVersion: "apps/v1",
                      kind: "StatefulSet",
                      name: set.metadata.name as string,
                      uid: set.metadata.uid as string,
                    },
                  ],
                }
              : {}),
          },
          spec: template.spec,
        };
        try {
          api.create(ME, CLAIMS, ns, claim);
          recorder.record(
            set,
            "Normal",
            "SuccessfulCreate",
            `create Claim ${claimName} Pod ${podName} in StatefulSet ${name} success`,
            { component: COMPONENT },
          );
        } catch (e) {
          if (!(e instanceof StatusError)) throw e;
          errors.push(`failed to create PVC ${claimName}: ${e.message}`);
          if (e.reason !== "AlreadyExists") {
            recorder.record(
              set,
              "Warning",
              "FailedCreate",
              `create Claim ${claimName} for Pod ${podName} in StatefulSet ${name} failed error: ${e.message}`,
              { component: COMPONENT },
            );
          }
        }
      }
      if (errors.length === 0) return undefined;
      return errors.length === 1 ? errors[0] : `[${errors.join(", ")}]`;
    };

    const byOrdinal = new Map<number, KubeObject>();
    const condemned: KubeObject[] = [];
    for (const p of pods) {
      const ord = ordinalOf(set, p);
      if (ord >= 0 && ord < replicas) byOrdinal.set(ord, p);
      else condemned.push(p);
    }
    condemned.sort((a, b) => ordinalOf(set, b) - ordinalOf(set, a));

    const revisionFor = (ord: number): [string, PodTemplateSpec | undefined] => {
      const useCurrent =
        strategy === "RollingUpdate"
          ? ord < partition
          : ord < ((asSet(set).status?.currentReplicas as number | undefined) ?? 0);
      return useCurrent && currentName !== updateRevision
        ? [currentName, stripPatch(currentTemplate)]
        : [updateRevision, spec?.template];
    };

    const create = (ord: number): boolean => {
      const [revision, template] = revisionFor(ord);
      const podName = `${set.metadata.name}-${ord}`;
      const claimError = ensureClaims(ord);
      if (claimError) {
        recorder.record(
          set,
          "Warning",
          "FailedCreate",
          `create Pod ${podName} in StatefulSet ${name} failed error: ${claimError}`,
          { component: COMPONENT },
        );
        failure = new Error(claimError);
        return false;
      }
      try {
        const created = api.create(ME, PODS, ns, newPod(set, template, revision, ord));
        byOrdinal.set(ord, created);
        recorder.record(
          set,
          "Normal",
          "SuccessfulCreate",
          `create Pod ${podName} in StatefulSet ${name} successful`,
          {
            component: COMPONENT,
          },
        );
        return true;
      } catch (e) {
        if (!(e instanceof StatusError)) throw e;
        recorder.record(
          set,
          "Warning",
          "FailedCreate",
          `create Pod ${podName} in StatefulSet ${name} failed error: ${e.message}`,
          { component: COMPONENT },
        );
        failure = e;
        return false;
      }
    };

    const remove = (pod: KubeObject): void => {
      try {
        api.delete(ME, PODS, ns, pod.metadata.name as string);
        recorder.record(
          set,
          "Normal",
          "SuccessfulDelete",
          `delete Pod ${pod.metadata.name} in StatefulSet ${name} successful`,
          {
            component: COMPONENT,
          },
        );
      } catch (e) {
        if (!(e instanceof StatusError && e.code === 404)) throw e;
      }
    };

    if (!set.metadata.deletionTimestamp) manage();
    writeSetStatus();
    truncateHistory(
      api,
      ME,
      ownedRevisions(api, set),
      new Set([currentName, updateRevision, ...pods.map((p) => p.metadata.labels?.[REVISION_LABEL] ?? "")]),
      spec?.revisionHistoryLimit ?? 10,
    );
    if (failure) throw new RetryLater(failure.message);

    function manage(): void {
      // Pods that should exist, in ascending order: create the missing ones, replace the failed ones.
      for (let ord = 0; ord < replicas; ord++) {
        const pod = byOrdinal.get(ord);
        if (pod && hasFailed(pod) && !isTerminating(pod)) {
          remove(pod);
          byOrdinal.delete(ord);
          if (!parallel) return;
          continue;
        }
        if (!pod) {
          if (!create(ord) || !parallel) return;
          continue;
        }
        // A pending pod whose claims went missing gets them back.
        if (phaseOf(pod) === "Pending" && !isTerminating(pod)) {
          const claimError = ensureClaims(ord);
          if (claimError) failure = new Error(claimError);
        }
        if (!parallel && (isTerminating(pod) || !isRunningAndReady(pod))) return;
      }
      // Surplus pods, from the highest ordinal; OrderedReady removes one at a time, all others healthy.
      for (const pod of condemned) {
        if (isTerminating(pod)) {
          if (!parallel) return;
          continue;
        }
        if (!parallel && [...byOrdinal.values(), ...condemned].some((p) => p !== pod && !isHealthy(p)))
          return;
        remove(pod);
        if (!parallel) return;
      }
      if (strategy !== "RollingUpdate") return;
      // Rolling update: the highest outdated pod goes first, once everything is healthy.
      for (let ord = replicas - 1; ord >= partition; ord--) {
        const pod = byOrdinal.get(ord);
        if (!pod) return;
        if (pod.metadata.labels?.[REVISION_LABEL] === updateRevision) {
          if (!isHealthy(pod)) return;
          continue;
        }
        if (isTerminating(pod)) return;
        if ([...byOrdinal.values()].every(isHealthy)) remove(pod);
        return;
      }
    }

    function writeSetStatus(): void {
      const fresh = api.store.list("pods", ns).filter((p) => controllerOf(p)?.uid === set?.metadata.uid);
      const minReady = spec?.minReadySeconds ?? 0;
      let ready = 0;
      let available = 0;
      let currentReplicas = 0;
      let updated = 0;
      for (const p of fresh) {
        if (isRunningAndReady(p)) {
          ready++;
          if (isPodAvailable(p, minReady, clock.now())) available++;
          else {
            const atMs = availableAt(p, minReady);
            if (atMs !== undefined) queue.addAt(key, atMs);
          }
        }
        if (isTerminating(p)) continue;
        const revision = p.metadata.labels?.[REVISION_LABEL];
        if (revision === currentName) currentReplicas++;
        if (revision === updateRevision) updated++;
      }
      let currentRevision = currentName;
      if (strategy === "RollingUpdate" && updated === fresh.length && ready === fresh.length) {
        currentReplicas = updated;
        currentRevision = updateRevision;
      }
      const status = omitEmpty(
        {
          observedGeneration: set?.metadata.generation,
          replicas: fresh.length,
          readyReplicas: ready,
          currentReplicas,
          updatedReplicas: updated,
          currentRevision,
          updateRevision,
          collisionCount: (asSet(set as KubeObject).status?.collisionCount as number | undefined) ?? 0,
          availableReplicas: available,
        },
        ["replicas", "availableReplicas", "collisionCount"],
      );
      writeStatus(api, ME, STATEFUL_SETS, set as KubeObject, status);
    }
  }

  const enqueue = (o: KubeObject) => queue.add(keyOf(o.metadata.namespace, o.metadata.name));

  api.store.subscribe((e) => {
    if (e.resource === STS_KEY) {
      enqueue(e.object);
      return;
    }
    if (e.resource !== "pods") return;
    for (const pod of e.previous ? [e.previous, e.object] : [e.object]) {
      const ref = controllerOf(pod);
      if (ref?.kind === "StatefulSet") queue.add(keyOf(pod.metadata.namespace, ref.name));
      else if (!ref && e.type !== "DELETED")
        for (const set of ownersSelecting(api, STS_KEY, pod.metadata.namespace, pod.metadata.labels))
          enqueue(set);
    }
  });
}

/** A revision's template without the `$patch: replace` directive it is stored with. */
function stripPatch(template: PodTemplateSpec | undefined): PodTemplateSpec | undefined {
  if (!template) return template;
  const { $patch, ...rest } = template as PodTemplateSpec & { $patch?: string };
  return rest;
}

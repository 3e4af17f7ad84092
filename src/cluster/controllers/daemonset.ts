/**
 * The DaemonSet controller: one pod on every node that should run it (its nodeSelector and required
 * node affinity match and it tolerates the node's NoSchedule/NoExecute taints, with the tolerations the
 * controller adds to every daemon pod). Each pod is pinned to its node through a required node affinity
 * on `metadata.name`, which the scheduler then honours. Updates replace pods node by node within
 * maxUnavailable; templates are kept as ControllerRevisions.
 */
import type { DaemonSet } from "kubernetes-types/apps/v1.js";
import type { Node, NodeSelectorTerm, Pod, Toleration } from "kubernetes-types/core/v1.js";
import { StatusError } from "../errors.js";
import { findResourceType } from "../resources.js";
import type { KubeObject } from "../types.js";
import { type ControllerContext, controllerIdentity } from "./controller.js";
import { ControllerQueue, keyOf, RetryLater, splitKey } from "./controller-queue.js";
import { claim, controllerOf, ownersSelecting } from "./controller-ref.js";
import { scaledValue } from "./deployment-util.js";
import { EventRecorder } from "./events.js";
import {
  asPod,
  availableAt,
  createControlledPod,
  deleteControlledPod,
  isPodAvailable,
  isPodReady,
  PODS,
  phaseOf,
  podFromTemplate,
} from "./pod-template.js";
import { ensureCurrentRevision, ownedRevisions, truncateHistory } from "./revisions.js";
import { termMatches, tolerates } from "./scheduler-plugins.js";
import { omitEmpty, writeStatus } from "./status.js";

const ME = controllerIdentity("daemon-set-controller");
const COMPONENT = "daemonset-controller";
const DS_KEY = "daemonsets.apps";
const DAEMON_SETS = findResourceType("apps", "v1", "daemonsets") as NonNullable<
  ReturnType<typeof findResourceType>
>;

/** What the DaemonSet controller adds to every daemon pod, so that node conditions do not evict it. */
const DAEMON_TOLERATIONS: Toleration[] = [
  { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" },
  { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" },
  { key: "node.kubernetes.io/disk-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/memory-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/pid-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" },
];
const HOST_NETWORK_TOLERATION: Toleration = {
  key: "node.kubernetes.io/network-unavailable",
  operator: "Exists",
  effect: "NoSchedule",
};

const asDaemonSet = (o: KubeObject) => o as unknown as DaemonSet;

function daemonTolerations(pod: Pod): Toleration[] {
  const list = [...(pod.spec?.tolerations ?? [])];
  const wanted = [...DAEMON_TOLERATIONS, ...(pod.spec?.hostNetwork ? [HOST_NETWORK_TOLERATION] : [])];
  for (const t of wanted) {
    if (!list.some((x) => x.key === t.key && x.effect === t.effect && x.operator === t.operator))
      list.push(t);
  }
  return list;
}

/** Whether a daemon pod belongs on the node (nodeShouldRunDaemonPod). */
function shouldRun(template: Pod, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(template.spec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = template.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required && !required.nodeSelectorTerms.some((t) => termMatches(t, node))) return false;
  const tolerations = daemonTolerations(template);
  return (node.spec?.taints ?? []).every(
    (taint) =>
      (taint.effect !== "NoSchedule" && taint.effect !== "NoExecute") ||
      tolerations.some((t) => tolerates(t, taint)),
  );
}

/** The template's node affinity with every term narrowed to one node by name, as util.ReplaceDaemonSetPodNodeNameNodeAffinity does. */
function pinnedAffinity(template: Pod, nodeName: string): Record<string, unknown> {
  const affinity = structuredClone(template.spec?.affinity ?? {});
  const field = { key: "metadata.name", operator: "In", values: [nodeName] };
  const required = affinity.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const terms: NodeSelectorTerm[] = required?.nodeSelectorTerms?.length
    ? required.nodeSelectorTerms.map((t) => ({ ...t, matchFields: [field] }))
    : [{ matchFields: [field] }];
  affinity.nodeAffinity = {
    ...(affinity.nodeAffinity ?? {}),
    requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms },
  };
  return affinity as Record<string, unknown>;
}

function nodeNameOf(pod: KubeObject): string | undefined {
  const spec = asPod(pod).spec;
  if (spec?.nodeName) return spec.nodeName;
  const terms =
    spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const t of terms) {
    const f = t.matchFields?.find((m) => m.key === "metadata.name" && m.operator === "In");
    if (f?.values?.length === 1) return f.values[0];
  }
  return undefined;
}

const created = (p: KubeObject) => Date.parse(p.metadata.creationTimestamp ?? "") || 0;

export function startDaemonSetController({ api, clock }: ControllerContext): void {
  const recorder = new EventRecorder(api, ME);
  const queue = new ControllerQueue(clock, "daemonset", sync);

  function sync(key: string): void {
    const [ns, name] = splitKey(key);
    const ds = api.store.get(DS_KEY, ns, name);
    if (!ds) return;
    const spec = asDaemonSet(ds).spec;
    const template = { metadata: spec?.template.metadata, spec: spec?.template.spec } as Pod;
    const pods = claim(api, ME, PODS, ds, api.store.list("pods", ns));
    const { revision, hash } = ensureCurrentRevision(api, ME, ds, spec?.template, ownedRevisions(api, ds));
    const nodes = api.store.list("nodes").map((n) => n as unknown as Node);
    const byNode = new Map<string, KubeObject[]>();
    for (const p of pods) {
      const node = nodeNameOf(p) ?? "";
      byNode.set(node, [...(byNode.get(node) ?? []), p]);
    }
    let failure: StatusError | undefined;
    const toCreate: string[] = [];
    const toDelete: KubeObject[] = [];
    for (const node of nodes) {
      const nodeName = node.metadata?.name as string;
      const here = (byNode.get(nodeName) ?? []).sort((a, b) => created(a) - created(b));
      const live = here.filter((p) => !p.metadata.deletionTimestamp);
      if (shouldRun(template, node)) {
        const failed = live.filter((p) => phaseOf(p) === "Failed");
        toDelete.push(...failed);
        const running = live.filter((p) => phaseOf(p) !== "Failed");
        if (running.length === 0) toCreate.push(nodeName);
        // More than one daemon pod on a node: keep the oldest.
        toDelete.push(...running.slice(1));
      } else toDelete.push(...live);
    }
    // Pods for nodes that no longer exist go too.
    const known = new Set(nodes.map((n) => n.metadata?.name));
    for (const [node, list] of byNode)
      if (!known.has(node)) toDelete.push(...list.filter((p) => !p.metadata.deletionTimestamp));

    if (!ds.metadata.deletionTimestamp) {
      for (const p of toDelete) deleteControlledPod(api, ME, recorder, COMPONENT, ds, p);
      for (const nodeName of toCreate) {
        const pod = podFromTemplate(spec?.template, ds, {
          labels: {
            "controller-revision-hash": hash,
            "pod-template-generation": String(ds.metadata.generation ?? 1),
          },
          spec: { affinity: pinnedAffinity(template, nodeName), tolerations: daemonTolerations(template) },
        });
        const result = createControlledPod(api, ME, recorder, COMPONENT, ds, pod);
        if (result instanceof StatusError) {
          failure = result;
          break;
        }
      }
      if (!failure && (spec?.updateStrategy?.type ?? "RollingUpdate") === "RollingUpdate")
        rollingUpdate(ds, hash, nodes);
    }
    writeDaemonStatus(ds, hash, nodes, template);
    const inUse = new Set(
      api.store
        .list("pods", ns)
        .filter((p) => controllerOf(p)?.uid === ds.metadata.uid)
        .map((p) => `${ds.metadata.name}-${p.metadata.labels?.["controller-revision-hash"]}`),
    );
    inUse.add(revision.metadata.name as string);
    truncateHistory(api, ME, ownedRevisions(api, ds), inUse, spec?.revisionHistoryLimit ?? 10);
    if (failure) throw new RetryLater(failure.message);
  }

  /** Replaces outdated pods while no more than maxUnavailable daemon pods are unavailable. */
  function rollingUpdate(ds: KubeObject, hash: string, nodes: Node[]): void {
    const spec = asDaemonSet(ds).spec;
    const pods = api.store
      .list("pods", ds.metadata.namespace)
      .filter((p) => controllerOf(p)?.uid === ds.metadata.uid && !p.metadata.deletionTimestamp);
    const minReady = spec?.minReadySeconds ?? 0;
    const desired = nodes.filter((n) => pods.some((p) => nodeNameOf(p) === n.metadata?.name)).length;
    const maxUnavailable = Math.max(
      1,
      scaledValue(spec?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, desired, true),
    );
    const unavailable = pods.filter((p) => !isPodAvailable(p, minReady, clock.now()));
    let budget = maxUnavailable - unavailable.length;
    const outdated = pods
      .filter((p) => p.metadata.labels?.["controller-revision-hash"] !== hash)
      .sort(
        (a, b) =>
          Number(isPodAvailable(a, minReady, clock.now())) - Number(isPodAvailable(b, minReady, clock.now())),
      );
    for (const p of outdated) {
      const isUnavailable = !isPodAvailable(p, minReady, clock.now());
      if (!isUnavailable && budget <= 0) break;
      deleteControlledPod(api, ME, recorder, COMPONENT, ds, p);
      if (!isUnavailable) budget--;
    }
  }

  function writeDaemonStatus(ds: KubeObject, hash: string, nodes: Node[], template: Pod): void {
    const pods = api.store
      .list("pods", ds.metadata.namespace)
      .filter((p) => controllerOf(p)?.uid === ds.metadata.uid && !p.metadata.deletionTimestamp);
    const minReady = asDaemonSet(ds).spec?.minReadySeconds ?? 0;
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let available = 0;
    let updated = 0;
    for (const node of nodes) {
      const here = pods.filter((p) => nodeNameOf(p) === node.metadata?.name);
      if (!shouldRun(template, node)) {
        if (here.length > 0) misscheduled++;
        continue;
      }
      desired++;
      if (here.length === 0) continue;
      current++;
      const pod = here.sort((a, b) => created(a) - created(b))[0] as KubeObject;
      if (isPodReady(pod)) {
        ready++;
        if (isPodAvailable(pod, minReady, clock.now())) available++;
        else {
          const atMs = availableAt(pod, minReady);
          if (atMs !== undefined) queue.addAt(keyOf(ds.metadata.namespace, ds.metadata.name), atMs);
        }
      }
      if (pod.metadata.labels?.["controller-revision-hash"] === hash) updated++;
    }
    const status = omitEmpty(
      {
        currentNumberScheduled: current,
        numberMisscheduled: misscheduled,
        desiredNumberScheduled: desired,
        numberReady: ready,
        observedGeneration: ds.metadata.generation,
        updatedNumberScheduled: updated,
        numberAvailable: available,
        numberUnavailable: desired - available,
      },
      ["currentNumberScheduled", "numberMisscheduled", "desiredNumberScheduled", "numberReady"],
    );
    writeStatus(api, ME, DAEMON_SETS, ds, status);
  }

  const enqueue = (o: KubeObject) => queue.add(keyOf(o.metadata.namespace, o.metadata.name));

  api.store.subscribe((e) => {
    if (e.resource === DS_KEY) enqueue(e.object);
    else if (e.resource === "nodes") {
      // A node came, went or changed labels or taints: every DaemonSet reconsiders it.
      if (e.type === "MODIFIED" && e.previous && sameScheduling(e.previous, e.object)) return;
      for (const ds of api.store.list(DS_KEY)) enqueue(ds);
    } else if (e.resource === "pods") {
      for (const pod of e.previous ? [e.previous, e.object] : [e.object]) {
        const ref = controllerOf(pod);
        if (ref?.kind === "DaemonSet") queue.add(keyOf(pod.metadata.namespace, ref.name));
        else if (!ref && e.type !== "DELETED")
          for (const ds of ownersSelecting(api, DS_KEY, pod.metadata.namespace, pod.metadata.labels))
            enqueue(ds);
      }
    }
  });
}

function sameScheduling(a: KubeObject, b: KubeObject): boolean {
  const view = (n: KubeObject) =>
    JSON.stringify([n.metadata.labels, (n.spec as { taints?: unknown } | undefined)?.taints]);
  return view(a) === view(b);
}

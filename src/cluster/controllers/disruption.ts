/**
 * The disruption controller: keeps each PodDisruptionBudget's status (expected, healthy and desired pods,
 * the disruptions allowed now, the DisruptionAllowed condition) in step with the pods it selects, as
 * kube-controller-manager's does. The eviction subresource reads that status to allow or refuse an eviction
 * and records the pods it evicted in `disruptedPods`; the controller stops counting them as healthy for two
 * minutes, or until they are gone.
 */
import type { Condition } from "kubernetes-types/meta/v1.js";
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from "kubernetes-types/policy/v1.js";
import { findResourceType } from "../resources.js";
import type { KubeObject, ResourceType } from "../types.js";
import { type ControllerContext, controllerIdentity } from "./controller.js";
import { ControllerQueue, keyOf, splitKey } from "./controller-queue.js";
import { controllerOf, selectorOf, selects } from "./controller-ref.js";
import { EventRecorder } from "./events.js";
import { isPodReady } from "./pod-template.js";
import { writeStatus } from "./status.js";

const ME = controllerIdentity("disruption-controller");
/** kube-controller-manager's event source for this controller. */
const SOURCE = { component: "controllermanager" };
export const PDB_KEY = "poddisruptionbudgets.policy";
const PDBS = findResourceType("policy", "v1", "poddisruptionbudgets") as ResourceType;
/** How long an evicted pod may take to go before the controller counts it again (DeletionTimeout). */
const DELETION_TIMEOUT_MS = 2 * 60 * 1000;

const asPdb = (o: KubeObject) => o as unknown as PodDisruptionBudget;

/**
 * The status with its DisruptionAllowed condition brought up to date (pdbhelper.UpdateDisruptionAllowedCondition):
 * the transition time moves only when the condition's status changes.
 */
export function withDisruptionAllowedCondition(
  status: PodDisruptionBudgetStatus,
  now: string,
  failure?: string,
): PodDisruptionBudgetStatus {
  const allowed = failure === undefined && status.disruptionsAllowed > 0;
  const reason = failure !== undefined ? "SyncFailed" : allowed ? "SufficientPods" : "InsufficientPods";
  const previous = status.conditions?.find((c) => c.type === "DisruptionAllowed");
  const state = allowed ? "True" : "False";
  const condition: Condition = {
    type: "DisruptionAllowed",
    status: state,
    ...(status.observedGeneration ? { observedGeneration: status.observedGeneration } : {}),
    lastTransitionTime: previous && previous.status === state ? previous.lastTransitionTime : now,
    reason,
    message: failure ?? "",
  };
  const conditions = previous
    ? (status.conditions ?? []).map((c) => (c === previous ? condition : c))
    : [...(status.conditions ?? []), condition];
  return { ...status, conditions };
}

/** A percentage of `total`, rounded up, or the integer itself (intstr.GetScaledValueFromIntOrPercent). */
function scaled(value: number | string, total: number): number {
  if (typeof value === "number") return value;
  return Math.ceil((Number.parseInt(value, 10) * total) / 100);
}

export function startDisruptionController({ api, clock }: ControllerContext): void {
  const recorder = new EventRecorder(api, ME);
  const queue = new ControllerQueue(clock, "disruption", sync);

  /** The replicas the pods' controllers want, summed once per controller (getExpectedScale). */
  function expectedScale(pdb: KubeObject, pods: KubeObject[]): number {
    const scales = new Map<string, number>();
    const unmanaged: string[] = [];
    for (const pod of pods) {
      const ref = controllerOf(pod);
      if (!ref) {
        unmanaged.push(pod.metadata.name as string);
        continue;
      }
      if (scales.has(ref.uid)) continue;
      const found = scaleOf(ref.kind, ref.name, ref.uid, pod.metadata.namespace as string);
      if (!found) throw new Error(`found no controllers for pod "${pod.metadata.name}"`);
      scales.set(found.uid, found.replicas);
    }
    if (unmanaged.length > 0) {
      recorder.record(
        pdb,
        "Warning",
        "UnmanagedPods",
        `Pods selected by this PodDisruptionBudget (selector: ${selectorText(pdb)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`,
        SOURCE,
      );
    }
    let total = 0;
    for (const replicas of scales.values()) total += replicas;
    return total;
  }

  /** The scale of a pod's controller: a ReplicaSet's Deployment, a ReplicaSet, a StatefulSet. */
  function scaleOf(
    kind: string,
    name: string,
    uid: string,
    namespace: string,
  ): { uid: string; replicas: number } | undefined {
    const replicasOf = (o: KubeObject) => (o.spec as { replicas?: number } | undefined)?.replicas ?? 1;
    if (kind === "StatefulSet") {
      const set = api.store.get("statefulsets.apps", namespace, name);
      return set?.metadata.uid === uid ? { uid, replicas: replicasOf(set) } : undefined;
    }
    if (kind !== "ReplicaSet") return undefined;
    const rs = api.store.get("replicasets.apps", namespace, name);
    if (rs?.metadata.uid !== uid) return undefined;
    const owner = controllerOf(rs);
    if (owner?.kind !== "Deployment") return { uid, replicas: replicasOf(rs) };
    const deployment = api.store.get("deployments.apps", namespace, owner.name);
    return deployment?.metadata.uid === owner.uid
      ? { uid: owner.uid, replicas: replicasOf(deployment) }
      : undefined;
  }

  function sync(key: string): void {
    const [ns, name] = splitKey(key);
    const pdb = api.store.get(PDB_KEY, ns, name);
    if (!pdb) return;
    const spec = asPdb(pdb).spec ?? {};
    const status = (asPdb(pdb).status ?? {}) as PodDisruptionBudgetStatus;
    const pods = api.store.list("pods", ns).filter((p) => selects(selectorOf(pdb), p.metadata.labels));
    if (pods.length === 0) recorder.record(pdb, "Normal", "NoPods", "No matching pods found", SOURCE);

    let expected = 0;
    let desired = 0;
    try {
      if (spec.maxUnavailable !== undefined) {
        expected = expectedScale(pdb, pods);
        desired = Math.max(0, expected - scaled(spec.maxUnavailable, expected));
      } else if (typeof spec.minAvailable === "number") {
        desired = spec.minAvailable;
        expected = pods.length;
      } else if (spec.minAvailable !== undefined) {
        expected = expectedScale(pdb, pods);
        desired = scaled(spec.minAvailable, expected);
      }
    } catch (e) {
      const message = (e as Error).message;
      recorder.record(
        pdb,
        "Warning",
        "CalculateExpectedPodCountFailed",
        `Failed to calculate the number of expected pods: ${message}`,
        SOURCE,
      );
      // failSafe: nothing may be disrupted while the budget cannot be computed.
      const failed = withDisruptionAllowedCondition(
        { ...status, disruptionsAllowed: 0 },
        clock.iso(),
        message,
      );
      writeStatus(api, ME, PDBS, pdb, failed as unknown as Record<string, unknown>);
      return;
    }

    const now = clock.now();
    const disrupted: Record<string, string> = {};
    let recheckAt: number | undefined;
    for (const pod of pods) {
      const since = status.disruptedPods?.[pod.metadata.name as string];
      if (pod.metadata.deletionTimestamp || since === undefined) continue;
      const expires = Date.parse(since) + DELETION_TIMEOUT_MS;
      if (expires < now) {
        recorder.record(
          pod,
          "Warning",
          "NotDeleted",
          `Pod was expected by PDB ${ns}/${name} to be deleted but it wasn't`,
          SOURCE,
        );
        continue;
      }
      disrupted[pod.metadata.name as string] = since;
      recheckAt = recheckAt === undefined ? expires : Math.min(recheckAt, expires);
    }
    const healthy = pods.filter((p) => {
      if (p.metadata.deletionTimestamp) return false;
      const since = disrupted[p.metadata.name as string];
      if (since !== undefined && Date.parse(since) + DELETION_TIMEOUT_MS > now) return false;
      return isPodReady(p);
    }).length;
    // A budget that expects no pods allows nothing: its first pods may appear before it is synced again.
    const allowed = expected > 0 ? Math.max(0, healthy - desired) : 0;
    const next = withDisruptionAllowedCondition(
      {
        ...(pdb.metadata.generation ? { observedGeneration: pdb.metadata.generation } : {}),
        ...(Object.keys(disrupted).length > 0 ? { disruptedPods: disrupted } : {}),
        disruptionsAllowed: allowed,
        currentHealthy: healthy,
        desiredHealthy: desired,
        expectedPods: expected,
        ...(status.conditions ? { conditions: status.conditions } : {}),
      },
      clock.iso(),
    );
    writeStatus(api, ME, PDBS, pdb, next as unknown as Record<string, unknown>);
    if (recheckAt !== undefined) queue.addAt(key, recheckAt + 1);
  }

  api.store.subscribe((e) => {
    if (e.resource === PDB_KEY) {
      if (e.type !== "DELETED") queue.add(keyOf(e.object.metadata.namespace, e.object.metadata.name));
      return;
    }
    if (e.resource !== "pods") return;
    const ns = e.object.metadata.namespace;
    const budgets = api.store.list(PDB_KEY, ns);
    if (budgets.length === 0) return;
    for (const pdb of budgets) {
      const selector = selectorOf(pdb);
      if (
        selects(selector, e.object.metadata.labels) ||
        (e.previous && selects(selector, e.previous.metadata.labels))
      )
        queue.add(keyOf(ns, pdb.metadata.name));
    }
  });
}

/** The selector as the event prints it: Go's %v of a *LabelSelector, its generated String(). */
function selectorText(pdb: KubeObject): string {
  const selector = asPdb(pdb).spec?.selector;
  const labels = Object.keys(selector?.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${selector?.matchLabels?.[k]},`)
    .join("");
  const expressions = (selector?.matchExpressions ?? [])
    .map(
      (r) =>
        `LabelSelectorRequirement{Key:${r.key},Operator:${r.operator},Values:[${(r.values ?? []).join(" ")}],},`,
    )
    .join("");
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${expressions}},}`;
}

/**
 * The node lifecycle controller's TaintNodesByCondition part: a cordoned node (spec.unschedulable)
 * carries the node.kubernetes.io/unschedulable:NoSchedule taint, and loses it when uncordoned.
 */
import type { Taint } from "kubernetes-types/core/v1.js";
import { findResourceType } from "../resources.js";
import { type ControllerContext, controllerIdentity, WorkQueue } from "./controller.js";

const ME = controllerIdentity("node-controller");
const UNSCHEDULABLE = "node.kubernetes.io/unschedulable";

export function startNodeLifecycleController({ api, clock }: ControllerContext): void {
  const nodes = findResourceType("", "v1", "nodes");
  if (!nodes) throw new Error("nodes missing from the registry");
  const rt = nodes;
  const queue = new WorkQueue(clock, "node-lifecycle", (name) => {
    const node = api.store.get("nodes", undefined, name);
    if (!node) return;
    const spec = (node.spec ?? {}) as { unschedulable?: boolean; taints?: Taint[] };
    const taints = spec.taints ?? [];
    const isOurs = (t: Taint) => t.key === UNSCHEDULABLE && t.effect === "NoSchedule";
    const tainted = taints.some(isOurs);
    if ((spec.unschedulable === true) === tainted) return;
    const next = tainted
      ? taints.filter((t) => !isOurs(t))
      : [...taints, { key: UNSCHEDULABLE, effect: "NoSchedule", timeAdded: clock.iso() }];
    const { taints: _, ...rest } = spec;
    api.update(ME, rt, undefined, name, {
      ...node,
      spec: next.length > 0 ? { ...rest, taints: next } : rest,
    });
  });
  api.store.subscribe((e) => {
    if (e.resource === "nodes" && e.type !== "DELETED") queue.add(e.object.metadata.name as string);
  });
}

/**
 * ControllerRefs: how a workload controller knows which objects are its own. An object belongs to the
 * owner its `controller: true` ownerReference names; orphans whose labels match an owner's selector are
 * adopted, and owned objects whose labels stop matching are released — kube-controller-manager's
 * ControllerRefManager.
 */
import type { ClusterApi, RequestContext } from "../api.js";
import { StatusError } from "../errors.js";
import { fromLabelSelector, type LabelSelector, matchesSelector } from "../selectors.js";
import type { KubeObject, OwnerReference, ResourceType } from "../types.js";

export function controllerOf(o: KubeObject): OwnerReference | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller === true);
}

/** The ownerReference a controller puts on what it creates. */
export function controllerRefTo(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name as string,
    uid: owner.metadata.uid as string,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function selectorOf(owner: KubeObject): LabelSelector | undefined {
  return (owner.spec as { selector?: LabelSelector } | undefined)?.selector;
}

/** True when the owner's selector matches the labels; an empty selector selects nothing here, as for controllers. */
export function selects(
  selector: LabelSelector | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  const requirements = fromLabelSelector(selector);
  return requirements.length > 0 && matchesSelector(requirements, labels);
}

export interface ClaimOptions {
  /** Finalizers an adopted object gets (the Job controller's tracking finalizer). */
  adoptFinalizers?: string[];
}

/**
 * The candidates the owner controls after adopting matching orphans and releasing owned objects that no
 * longer match. Candidates controlled by someone else are left alone.
 */
export function claim(
  api: ClusterApi,
  ctx: RequestContext,
  rt: ResourceType,
  owner: KubeObject,
  candidates: KubeObject[],
  options: ClaimOptions = {},
): KubeObject[] {
  const selector = selectorOf(owner);
  const uid = owner.metadata.uid;
  const ownerDeleting = owner.metadata.deletionTimestamp !== undefined;
  const claimed: KubeObject[] = [];
  for (const o of candidates) {
    const ref = controllerOf(o);
    const matches = selects(selector, o.metadata.labels);
    if (ref) {
      if (ref.uid !== uid) continue;
      if (matches || ownerDeleting) {
        claimed.push(o);
        continue;
      }
      release(api, ctx, rt, o, uid as string);
      continue;
    }
    if (!matches || ownerDeleting || o.metadata.deletionTimestamp) continue;
    const adopted = adopt(api, ctx, rt, owner, o, options.adoptFinalizers ?? []);
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

function adopt(
  api: ClusterApi,
  ctx: RequestContext,
  rt: ResourceType,
  owner: KubeObject,
  o: KubeObject,
  finalizers: string[],
): KubeObject | undefined {
  const metadata: Record<string, unknown> = {
    ownerReferences: [...(o.metadata.ownerReferences ?? []), controllerRefTo(owner)],
    uid: o.metadata.uid,
  };
  const missing = finalizers.filter((f) => !(o.metadata.finalizers ?? []).includes(f));
  if (missing.length > 0) metadata.finalizers = [...(o.metadata.finalizers ?? []), ...missing];
  try {
    return api.patch(ctx, rt, o.metadata.namespace, o.metadata.name as string, "merge", { metadata });
  } catch (e) {
    // Gone or changed since it was listed: the next sync sees the current state.
    if (e instanceof StatusError && (e.code === 404 || e.code === 409)) return undefined;
    throw e;
  }
}

function release(api: ClusterApi, ctx: RequestContext, rt: ResourceType, o: KubeObject, uid: string): void {
  const remaining = (o.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
  try {
    api.patch(ctx, rt, o.metadata.namespace, o.metadata.name as string, "merge", {
      metadata: { ownerReferences: remaining.length > 0 ? remaining : null, uid: o.metadata.uid },
    });
  } catch (e) {
    if (!(e instanceof StatusError && (e.code === 404 || e.code === 409))) throw e;
  }
}

/** Owners in `namespace` (of storage key `resource`) whose selector matches an orphan's labels. */
export function ownersSelecting(
  api: ClusterApi,
  resource: string,
  namespace: string | undefined,
  labels: Record<string, string> | undefined,
): KubeObject[] {
  return api.store.list(resource, namespace).filter((owner) => selects(selectorOf(owner), labels));
}

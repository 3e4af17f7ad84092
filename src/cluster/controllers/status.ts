/**
 * Status writes shared by the workload controllers: only when something changed (a controller that
 * rewrote an unchanged status would wake itself up forever), with Go's omitempty applied so that
 * `kubectl get -o yaml` shows what a real cluster stores.
 */
import type { ClusterApi, RequestContext } from "../api.js";
import type { KubeObject, ResourceType } from "../types.js";
import { semanticEqual } from "./revisions.js";

/** Drops zero, empty and undefined fields except those Go serialises without omitempty (`keep`). */
export function omitEmpty<T extends Record<string, unknown>>(status: T, keep: readonly string[] = []): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(status)) {
    if (keep.includes(k)) {
      out[k] = v ?? 0;
      continue;
    }
    if (v === undefined || v === null || v === 0 || v === "" || v === false) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out as T;
}

/** Writes `status` through the status subresource when it differs from the stored one; returns the object. */
export function writeStatus(
  api: ClusterApi,
  ctx: RequestContext,
  rt: ResourceType,
  object: KubeObject,
  status: Record<string, unknown>,
): KubeObject {
  if (semanticEqual(object.status ?? {}, status)) return object;
  const current = api.read(rt, object.metadata.namespace, object.metadata.name as string);
  return api.update(
    ctx,
    rt,
    object.metadata.namespace,
    object.metadata.name as string,
    { ...current, status },
    "status",
  );
}

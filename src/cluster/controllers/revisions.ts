/**
 * Template hashes and revision bookkeeping shared by Deployments, StatefulSets and DaemonSets.
 *
 * Hashes are FNV-32a, printed as decimal and mapped through apimachinery's SafeEncodeString alphabet,
 * so names look like the real ones (`web-7d4b9c8f5d`). The bytes hashed differ from Kubernetes': a
 * Deployment's pod-template-hash hashes Go's spew dump of the PodTemplateSpec struct, which has no JSON
 * equivalent; here the template's canonical JSON (sorted keys, empty values dropped) stands in for it.
 * ControllerRevisions hash their JSON data, as history.HashControllerRevision does.
 */

import type { ClusterApi, RequestContext } from "../api.js";
import { StatusError } from "../errors.js";
import { findResourceType } from "../resources.js";
import { SAFE_ALPHABET } from "../safe-alphabet.js";
import type { KubeObject } from "../types.js";
import { controllerOf, controllerRefTo } from "./controller-ref.js";

export function fnv32a(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let hash = seed;
  for (const b of bytes) {
    hash ^= b;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** rand.SafeEncodeString: each character mapped into an alphabet without vowels or look-alikes. */
export function safeEncode(text: string): string {
  return [...text].map((c) => SAFE_ALPHABET[(c.codePointAt(0) ?? 0) % SAFE_ALPHABET.length]).join("");
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === "object") return Object.keys(v as object).length === 0;
  return false;
}

/** JSON with sorted keys and without empty maps, lists or nulls: equal objects give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => !isEmpty(v))
      .map(([k, v]) => [k, canonicalJson(v)] as const)
      .filter(([, text]) => text !== "{}" && text !== "[]")
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, text]) => `${JSON.stringify(k)}:${text}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Semantic equality as apimachinery's: empty and missing maps and lists are the same. */
export function semanticEqual(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function hashWithCollisions(data: string, collisionCount: number | undefined): string {
  let hash = fnv32a(new TextEncoder().encode(data));
  if (collisionCount !== undefined && collisionCount !== null) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    hash = fnv32a(bytes, hash);
  }
  return safeEncode(String(hash));
}

/** controller.ComputeHash: the pod-template-hash of a Deployment's template. */
export function templateHash(template: unknown, collisionCount?: number): string {
  return hashWithCollisions(canonicalJson(template), collisionCount);
}

// ---- ControllerRevisions (StatefulSet, DaemonSet) ------------------------------------------------

export const CONTROLLER_REVISIONS = findResourceType("apps", "v1", "controllerrevisions") as NonNullable<
  ReturnType<typeof findResourceType>
>;

/** What a ControllerRevision stores: the template as a strategic merge patch that replaces it. */
export function revisionData(template: unknown): Record<string, unknown> {
  return { spec: { template: { ...(template as Record<string, unknown>), $patch: "replace" } } };
}

export function revisionHash(data: unknown, collisionCount?: number): string {
  return hashWithCollisions(canonicalJson(data), collisionCount);
}

/** The revisions owned by `owner`, oldest revision first. */
export function ownedRevisions(api: ClusterApi, owner: KubeObject): KubeObject[] {
  return api.store
    .list("controllerrevisions.apps", owner.metadata.namespace)
    .filter((r) => controllerOf(r)?.uid === owner.metadata.uid)
    .sort((a, b) => ((a.revision as number) ?? 0) - ((b.revision as number) ?? 0));
}

/**
 * Makes sure a ControllerRevision for the owner's current template exists and carries the highest
 * revision number; returns it with the hash its pods are labelled with.
 */
export function ensureCurrentRevision(
  api: ClusterApi,
  ctx: RequestContext,
  owner: KubeObject,
  template: unknown,
  revisions: KubeObject[],
): { revision: KubeObject; hash: string } {
  const data = revisionData(template);
  const latest = revisions.reduce((m, r) => Math.max(m, (r.revision as number) ?? 0), 0);
  const existing = revisions.find((r) => semanticEqual(r.data, data));
  if (existing) {
    const hash = existing.metadata.labels?.["controller-revision-hash"] ?? "";
    if (((existing.revision as number) ?? 0) === latest) return { revision: existing, hash };
    // Rolling back to an older template: it becomes the newest revision again.
    const updated = api.update(
      ctx,
      CONTROLLER_REVISIONS,
      owner.metadata.namespace,
      existing.metadata.name as string,
      {
        ...existing,
        revision: latest + 1,
      },
    );
    return { revision: updated, hash };
  }
  const templateLabels =
    (template as { metadata?: { labels?: Record<string, string> } }).metadata?.labels ?? {};
  for (let collisions = 0; ; collisions++) {
    const hash = revisionHash(data, collisions === 0 ? undefined : collisions);
    const name = `${owner.metadata.name}-${hash}`;
    try {
      const created = api.create(ctx, CONTROLLER_REVISIONS, owner.metadata.namespace, {
        apiVersion: "apps/v1",
        kind: "ControllerRevision",
        metadata: {
          name,
          labels: { ...templateLabels, "controller-revision-hash": hash },
          ownerReferences: [controllerRefTo(owner)],
        },
        data,
        revision: latest + 1,
      });
      return { revision: created, hash };
    } catch (e) {
      if (!(e instanceof StatusError && e.code === 409) || collisions > 10) throw e;
    }
  }
}

/** Deletes the oldest revisions beyond the history limit that no live pod still uses. */
export function truncateHistory(
  api: ClusterApi,
  ctx: RequestContext,
  revisions: KubeObject[],
  inUse: Set<string>,
  limit: number,
): void {
  const removable = revisions.filter((r) => !inUse.has(r.metadata.name as string));
  const excess = removable.length - limit;
  for (const r of removable.slice(0, Math.max(0, excess))) {
    try {
      api.delete(ctx, CONTROLLER_REVISIONS, r.metadata.namespace, r.metadata.name as string);
    } catch (e) {
      if (!(e instanceof StatusError && e.code === 404)) throw e;
    }
  }
}

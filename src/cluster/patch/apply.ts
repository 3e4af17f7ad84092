/**
 * Server-side apply (`application/apply-patch+yaml`): merges a manager's applied configuration into the live object,
 * makes the manager the owner of exactly the fields it applied, removes fields it applied before and no longer does
 * (unless another manager owns them), and refuses to change fields other managers own unless forced.
 */
import type { KubeObject } from "../types.js";
import { patchBadRequest } from "./errors.js";
import { FieldSet, type Path, pathString } from "./field-set.js";
import { isPlainObject, type JsonObject, jsonEqual } from "./json.js";
import {
  decodeManagers,
  describeManager,
  type Manager,
  type Managers,
  managerId,
  managerTime,
  trackedView,
  UNTRACKED,
  withManagers,
} from "./managed-fields.js";
import { isKnownDefinition, type Schema, schemaOf, UNTYPED } from "./schema.js";
import { merge, removeItems, TypedValueError, toFieldSet, withNamedFieldsAsMembers } from "./typed.js";
import { compareTracked, updateManagers } from "./update.js";

const LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

export interface ApplyOptions {
  manager: string;
  force: boolean;
  now: string;
  /** OpenAPI definition of the object, e.g. "io.k8s.api.apps.v1.Deployment". */
  definitionName: string;
  subresource?: string;
}

export interface ApplyConflict {
  manager: string;
  operation: "Apply" | "Update";
  apiVersion: string;
  subresource?: string;
  /** The conflicting field as Kubernetes prints it: `.spec.replicas`. */
  field: string;
  /** The manager as Kubernetes names it in messages: `"kubectl-client-side-apply" using apps/v1`. */
  description: string;
}

export type ApplyResult =
  | { object: KubeObject }
  /** `message` is kube-apiserver's, e.g. `Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.replicas`. */
  | { conflicts: ApplyConflict[]; message: string };

/**
 * Applies `applied` (the parsed apply patch) over `live` (undefined when the apply creates the object). Returns the
 * object to store, with managedFields updated, or the conflicts that refuse the apply (HTTP 409).
 */
export function serverSideApply(
  live: KubeObject | undefined,
  applied: KubeObject,
  opts: ApplyOptions,
): ApplyResult {
  const known = isKnownDefinition(opts.definitionName);
  const schema = known ? schemaOf(opts.definitionName) : UNTYPED;
  if (applied.metadata?.managedFields !== undefined)
    throw patchBadRequest("metadata.managedFields must be nil");
  const appliedFields = fieldsOfConfiguration(applied, schema, known, opts.subresource);
  const current = live && withoutManagedFields(live);

  let managers = live ? decodeManagers(live.metadata?.managedFields) : new Map();
  if (current && managers.size === 0) {
    // Objects written before field tracking: their fields are attributed to a pseudo-manager, as kube-apiserver does.
    const writer = {
      manager: "before-first-apply",
      operation: "Update" as const,
      apiVersion: current.apiVersion,
    };
    managers = updateManagers(managers, undefined, current, writer, opts.now, schema);
  }
  const id = managerId({
    manager: opts.manager,
    operation: "Apply",
    apiVersion: applied.apiVersion,
    ...sub(opts),
  });
  const previous: Manager | undefined = managers.get(id);
  const applier: Manager = {
    manager: opts.manager,
    operation: "Apply",
    apiVersion: applied.apiVersion,
    ...sub(opts),
    fields: appliedFields,
  };
  if (previous?.time) applier.time = previous.time;
  managers.set(id, applier);

  let object = keepUntracked(merge(current, applied, schema) as KubeObject, current, opts.subresource);
  if (previous) object = prune(object, managers, previous.fields, schema);

  const diff = compareTracked(current, object, opts.subresource, schema);
  const changed = diff.added.union(diff.modified);
  const conflicts = conflictsWith(managers, id, changed);
  if (conflicts.length > 0 && !opts.force) {
    // kubectl's first server-side apply may take over what its client-side applies set.
    const allowed =
      opts.manager === "kubectl" ? lastAppliedFields(current, schema, opts.subresource) : undefined;
    const remaining = allowed ? conflicts.filter((c) => !allowed.has(c.path)) : conflicts;
    if (remaining.length > 0) return conflictResult(remaining);
  }

  const result: Managers = new Map();
  for (const [otherId, m] of managers) {
    const fields = otherId === id ? m.fields : m.fields.difference(changed).difference(diff.removed);
    if (!fields.isEmpty()) result.set(otherId, { ...m, fields });
  }
  const entry = result.get(id);
  const unchanged =
    current && jsonEqual(trackedView(current, opts.subresource), trackedView(object, opts.subresource));
  if (entry && (!unchanged || !entry.time)) entry.time = managerTime(opts.now);

  object = withManagers(object, result);
  return { object: opts.manager === "kubectl" ? syncLastApplied(object, applied) : object };
}

function sub(opts: ApplyOptions): { subresource?: string } {
  return opts.subresource ? { subresource: opts.subresource } : {};
}

function fieldsOfConfiguration(
  applied: KubeObject,
  schema: Schema,
  strict: boolean,
  subresource?: string,
): FieldSet {
  try {
    return toFieldSet(trackedView(applied, subresource), schema, strict).difference(UNTRACKED);
  } catch (err) {
    if (!(err instanceof TypedValueError)) throw err;
    throw patchBadRequest(
      `failed to create typed patch object (${groupVersionKind(applied)}): ${err.message}`,
    );
  }
}

/** Go's GroupVersionKind.String(): "apps/v1, Kind=Deployment", "/v1, Kind=ConfigMap". */
function groupVersionKind(obj: KubeObject): string {
  const version = obj.apiVersion.includes("/") ? obj.apiVersion : `/${obj.apiVersion}`;
  return `${version}, Kind=${obj.kind}`;
}

function withoutManagedFields(obj: KubeObject): KubeObject {
  const { managedFields: _managedFields, ...metadata } = obj.metadata ?? {};
  return { ...obj, metadata };
}

/** What the request may not change stays as stored: status for the main resource, the rest for the status one. */
function keepUntracked(
  merged: KubeObject,
  current: KubeObject | undefined,
  subresource?: string,
): KubeObject {
  if (subresource === "status") {
    const out: KubeObject = { ...(current ?? merged), status: merged.status };
    if (out.status === undefined) delete out.status;
    return out;
  }
  const out: KubeObject = { ...merged, status: current?.status };
  if (out.status === undefined) delete out.status;
  return out;
}

/**
 * Removes the fields the applier owned before and no longer applies, unless some manager (the applier included,
 * through its new configuration) owns them. A struct field owns what lies below it.
 */
function prune(object: KubeObject, managers: Managers, lastApplied: FieldSet, schema: Schema): KubeObject {
  let owned = FieldSet.empty();
  for (const m of managers.values()) owned = owned.union(m.fields);
  // Every configuration names the object, which keeps `metadata` owned: these sets leave names out.
  const dropped = withNamedFieldsAsMembers(lastApplied, schema)
    .difference(withNamedFieldsAsMembers(owned, schema))
    .difference(UNTRACKED);
  return (removeItems(object, dropped, schema) ?? {}) as KubeObject;
}

interface FoundConflict extends ApplyConflict {
  path: Path;
}

/** Fields the apply changes that another manager owns, by manager identity (kube-apiserver sorts them so). */
function conflictsWith(managers: Managers, applierId: string, changed: FieldSet): FoundConflict[] {
  const out: FoundConflict[] = [];
  for (const [id, m] of [...managers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (id === applierId) continue;
    for (const path of m.fields.intersection(changed).paths()) {
      out.push({
        manager: m.manager,
        operation: m.operation,
        apiVersion: m.apiVersion,
        ...(m.subresource ? { subresource: m.subresource } : {}),
        field: pathString(path),
        description: describeManager(m),
        path,
      });
    }
  }
  return out;
}

function conflictResult(found: FoundConflict[]): ApplyResult {
  const conflicts = found.map(({ path: _path, ...conflict }) => conflict);
  const [only] = conflicts;
  if (conflicts.length === 1 && only) {
    return {
      conflicts,
      message: `Apply failed with 1 conflict: conflict with ${only.description}: ${only.field}`,
    };
  }
  const lines: string[] = [];
  let last: string | undefined;
  for (const c of conflicts) {
    if (c.description !== last) lines.push(`conflicts with ${c.description}:`);
    last = c.description;
    lines.push(`- ${c.field}`);
  }
  return { conflicts, message: `Apply failed with ${conflicts.length} conflicts: ${lines.join("\n")}` };
}

/** The fields of the client-side-apply annotation, which kubectl's server-side apply may take over. */
function lastAppliedFields(
  current: KubeObject | undefined,
  schema: Schema,
  subresource?: string,
): FieldSet | undefined {
  const text = current?.metadata?.annotations?.[LAST_APPLIED_ANNOTATION];
  if (!text) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isPlainObject(parsed) ? toFieldSet(trackedView(parsed, subresource), schema) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * kubectl's server-side apply keeps an existing client-side-apply annotation in step with what it applied, so that a
 * later client-side apply diffs against the right configuration.
 */
function syncLastApplied(object: KubeObject, applied: KubeObject): KubeObject {
  const annotations = object.metadata.annotations;
  if (annotations?.[LAST_APPLIED_ANNOTATION] === undefined) return object;
  const config = structuredClone(applied) as JsonObject & KubeObject;
  const own = { ...config.metadata?.annotations };
  delete own[LAST_APPLIED_ANNOTATION];
  if (Object.keys(own).length > 0) config.metadata = { ...config.metadata, annotations: own };
  else if (config.metadata) delete config.metadata.annotations;
  const text = `${JSON.stringify(sortKeys(config))}\n`;
  return {
    ...object,
    metadata: { ...object.metadata, annotations: { ...annotations, [LAST_APPLIED_ANNOTATION]: text } },
  };
}

/** Go encodes map keys sorted, which the annotation's text follows. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isPlainObject(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
  return out;
}

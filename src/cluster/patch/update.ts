/**
 * Field ownership for non-apply writes (create, update, patch): the writer becomes an owner of every field it
 * changed, other managers lose those fields and the fields it removed. Writes never conflict.
 */

import { definitionForKind } from "../openapi/index.js";
import type { KubeObject } from "../types.js";
import { FieldSet } from "./field-set.js";
import { isPlainObject, type JsonObject } from "./json.js";
import {
  decodeManagers,
  type Managers,
  managerId,
  managerTime,
  trackedView,
  UNTRACKED,
  withManagers,
} from "./managed-fields.js";
import { fieldSchema, type Schema, schemaOf, UNTYPED } from "./schema.js";
import { type Comparison, compare } from "./typed.js";

/**
 * Records in `newObj.metadata.managedFields` that `manager` wrote `newObj` over `oldObj` (undefined for a create).
 * managedFields the client sent are honoured, as kube-apiserver honours them: sending `[{}]` clears them. A write to
 * a subresource keeps the stored ones. The definition is looked up from apiVersion/kind unless given.
 */
export function recordUpdate(
  oldObj: KubeObject | undefined,
  newObj: KubeObject,
  manager: string,
  operation: "Update",
  now: string,
  subresource?: string,
  definitionName?: string,
): KubeObject {
  const definition = definitionName ?? definitionForKind(newObj.apiVersion, newObj.kind);
  const schema = definition ? schemaOf(definition) : UNTYPED;
  const sent = newObj.metadata?.managedFields;
  const base =
    Array.isArray(sent) && sent.length > 0 && !subresource ? sent : oldObj?.metadata?.managedFields;
  const writer = {
    manager,
    operation,
    apiVersion: newObj.apiVersion,
    ...(subresource ? { subresource } : {}),
  };
  return withManagers(newObj, updateManagers(decodeManagers(base), oldObj, newObj, writer, now, schema));
}

export interface Writer {
  manager: string;
  operation: "Update";
  apiVersion: string;
  subresource?: string;
}

/** The managers once `writer` has turned `before` (undefined: nothing yet) into `after`. */
export function updateManagers(
  managers: Managers,
  before: KubeObject | undefined,
  after: KubeObject,
  writer: Writer,
  now: string,
  schema: Schema,
): Managers {
  const diff = compareTracked(
    before ?? (zeroValue(after, schema) as KubeObject),
    after,
    writer.subresource,
    schema,
  );
  const changed = diff.added.union(diff.modified);
  const out: Managers = new Map();
  for (const [id, m] of managers) {
    const fields = m.fields.difference(changed).difference(diff.removed);
    if (!fields.isEmpty()) out.set(id, { ...m, fields });
  }
  if (!changed.isEmpty()) {
    const id = managerId(writer);
    const previous = out.get(id)?.fields ?? FieldSet.empty();
    out.set(id, { ...writer, time: managerTime(now), fields: previous.union(changed) });
  }
  return out;
}

/** Struct fields Go API types hold by value rather than by pointer. */
const VALUE_STRUCTS: ReadonlySet<string> = new Set([
  "metadata",
  "spec",
  "status",
  "template",
  "strategy",
  "updateStrategy",
  "jobTemplate",
]);

/**
 * What kube-apiserver compares a created object against: Go's zero value of the type, in which structs held by value
 * (and the pod's container list) already exist. A created object's new maps and items are owned as such (`".": {}`
 * in FieldsV1); those pre-existing parts are not.
 */
function zeroValue(obj: unknown, schema: Schema): JsonObject {
  const out: JsonObject = {};
  if (!isPlainObject(obj)) return out;
  for (const [key, value] of Object.entries(obj)) {
    const child = fieldSchema(schema, key);
    if (child?.kind === "struct" && !child.atomic && VALUE_STRUCTS.has(key))
      out[key] = zeroValue(value, child);
    else if (
      key === "containers" &&
      schema.kind === "struct" &&
      schema.definition === "io.k8s.api.core.v1.PodSpec"
    ) {
      out[key] = [];
    }
  }
  return out;
}

/** What a write changes in the fields tracked for its subresource. */
export function compareTracked(
  before: KubeObject | undefined,
  after: KubeObject,
  subresource: string | undefined,
  schema: Schema,
): Comparison {
  const diff = compare(trackedView(before ?? {}, subresource), trackedView(after, subresource), schema);
  return {
    added: diff.added.difference(UNTRACKED),
    modified: diff.modified.difference(UNTRACKED),
    removed: diff.removed.difference(UNTRACKED),
  };
}

/**
 * Kubernetes strategic merge patch (`application/strategic-merge-patch+json`), the patch kubectl sends by default:
 * a JSON merge patch in which lists tagged with a merge key are merged item by item, primitive lists tagged
 * `merge` are unions, and `$`-directives delete, replace, reorder and prune. Behaviour (including ordering and
 * error wording) follows k8s.io/apimachinery/pkg/util/strategicpatch as the API server runs it.
 */
import type { KubeObject } from "../types.js";
import {
  goFormat,
  goJsonTypeName,
  type PatchError,
  patchBadRequest,
  patchInternal,
  patchUnprocessable,
} from "./errors.js";
import { isPlainObject, type JsonObject } from "./json.js";
import { fieldSchema, type Schema, schemaOf, UNTYPED } from "./schema.js";

const PATCH = "$patch";
const RETAIN_KEYS = "$retainKeys";
const DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";
const SET_ELEMENT_ORDER = "$setElementOrder";

type ListSchema = Extract<Schema, { kind: "list" }>;

/**
 * Applies `patch` to `obj`, whose OpenAPI definition (e.g. "io.k8s.api.apps.v1.Deployment") says which lists merge
 * and by which key. Throws a PatchError with the status kube-apiserver answers for a patch it rejects.
 */
export function applyStrategicMergePatch(
  obj: KubeObject,
  patch: unknown,
  definitionName: string,
): KubeObject {
  // Go decodes a JSON null into an empty map: a no-op patch.
  if (patch === null) return obj;
  if (!isPlainObject(patch)) {
    throw patchBadRequest(
      `json: cannot unmarshal ${goJsonTypeName(patch)} into Go value of type map[string]interface {}`,
    );
  }
  const original = structuredClone(obj) as unknown as JsonObject;
  return mergeMap(original, structuredClone(patch), schemaOf(definitionName)) as KubeObject;
}

function mergeMap(original: JsonObject, patch: JsonObject, schema: Schema): JsonObject {
  if (Object.hasOwn(patch, PATCH)) {
    const directive = patch[PATCH];
    delete patch[PATCH];
    if (directive === "replace") return decoded(patch, false) as JsonObject;
    // The Go code empties the map rather than removing its key; decoding then drops an empty map, keeps a struct.
    if (directive === "delete") return {};
    if (directive !== "merge")
      throw patchInternal(`unknown patch type: ${goFormat(directive)} in map: ${goFormat(patch)}`);
  }
  applyRetainKeys(original, patch);
  applySetElementOrders(original, patch, schema);
  // Deletions from primitive lists first, so that a value both deleted and re-added in one patch ends up present.
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST))
      deleteFromPrimitiveList(original, directiveTarget(key), value);
  }
  for (const [key, value] of Object.entries(patch)) {
    // Other `$` keys are no fields of any Kubernetes type: decoding the result drops them.
    if (key.startsWith("$")) continue;
    if (value === null) {
      delete original[key];
      continue;
    }
    const child = fieldSchema(schema, key) ?? UNTYPED;
    const current = original[key];
    if (isPlainObject(current) && isPlainObject(value)) {
      original[key] = mergeMap(current, value, child);
    } else if (Array.isArray(current) && Array.isArray(value)) {
      original[key] = mergesItems(child) ? mergeList(current, value, child) : decoded(value, false);
    } else {
      const taken = decoded(value, true);
      if (taken === undefined) delete original[key];
      else original[key] = taken;
    }
  }
  return original;
}

/**
 * A patch value taken as it is (nothing to merge it with), as the object decoded from it keeps it: nulls and the
 * `$`-keys no Kubernetes type has are gone. `dropMarked`: a map carrying `$patch` is dropped too (undefined when the
 * value itself is one), as the Go code drops it where the original has no value.
 */
function decoded(value: unknown, dropMarked: boolean): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => decoded(item, dropMarked)).filter((item) => item !== undefined);
  }
  if (!isPlainObject(value)) return value;
  if (dropMarked && Object.hasOwn(value, PATCH)) return undefined;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (child === null || key.startsWith("$")) continue;
    const kept = decoded(child, dropMarked);
    if (kept !== undefined) out[key] = kept;
  }
  return out;
}

/** Lists merge only when their field is tagged `patchStrategy: merge`; any other list is replaced. */
function mergesItems(schema: Schema): schema is ListSchema {
  return schema.kind === "list" && schema.meta?.strategy?.includes("merge") === true;
}

function mergeKeyOf(list: Schema): string | undefined {
  return list.kind === "list" ? list.meta?.mergeKey : undefined;
}

/** `$retainKeys`: keys of the original not listed are cleared; the patch itself may only set listed keys. */
function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS)) return;
  const retained = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(retained)) throw patchBadRequest("invalid patch format of retainKeys");
  const keep = new Set(retained);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || key.startsWith(DELETE_FROM_PRIMITIVE_LIST) || key.startsWith(SET_ELEMENT_ORDER))
      continue;
    if (!keep.has(key)) throw patchBadRequest("invalid patch format of retainKeys");
  }
  for (const key of Object.keys(original)) {
    if (!keep.has(key)) delete original[key];
  }
}

/** `$setElementOrder/<list>`: merges the sibling list patch, then orders the result like the directive lists it. */
function applySetElementOrders(original: JsonObject, patch: JsonObject, schema: Schema): void {
  for (const [key, order] of Object.entries(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    delete patch[key];
    if (!Array.isArray(order)) throw badArgType("[]interface {}", order);
    const field = directiveTarget(key);
    const child = fieldSchema(schema, field) ?? UNTYPED;
    const mergeKey = mergeKeyOf(child);
    const inOriginal = Object.hasOwn(original, field);
    const inPatch = Object.hasOwn(patch, field);
    const originalList = inOriginal ? original[field] : [];
    const patchList = inPatch ? patch[field] : [];
    if (!Array.isArray(originalList)) throw badArgType("[]interface {}", originalList);
    if (!Array.isArray(patchList)) throw badArgType("[]interface {}", patchList);
    validateAgainstOrder(patchList, order, mergeKey);
    if (!inOriginal && !inPatch) continue;
    let merged: unknown[];
    if (!inPatch) merged = originalList;
    else if (mergesItems(child)) merged = mergeList(originalList, patchList, child);
    else merged = patchList;
    original[field] = normalizeOrder(merged, order, originalList, mergeKey);
    delete patch[field];
  }
}

/** The relative order of the patch's items must agree with the `$setElementOrder` list. */
function validateAgainstOrder(patchList: unknown[], order: unknown[], mergeKey: string | undefined): void {
  if (patchList.length === 0 || order.length === 0) return;
  const items = mergeKey
    ? patchList.filter((item) => !(isPlainObject(item) && item[PATCH] === "delete"))
    : patchList;
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    const item = items[p];
    if (isPlainObject(item) && Object.hasOwn(item, PATCH)) {
      p++;
      continue;
    }
    if (mergeKeyValueEqual(item, order[o], mergeKey)) p++;
    o++;
  }
  if (p < items.length) {
    throw patchInternal(
      `The order in patch list:\n${goFormat(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goFormat(order)}\n`,
    );
  }
}

function mergeKeyValueEqual(left: unknown, right: unknown, mergeKey: string | undefined): boolean {
  if (!mergeKey) return left === right;
  if (!isPlainObject(left)) throw badArgType("map[string]interface {}", left);
  if (!isPlainObject(right)) throw badArgType("map[string]interface {}", right);
  if (!Object.hasOwn(left, mergeKey)) throw noMergeKey(left, mergeKey);
  if (!Object.hasOwn(right, mergeKey)) throw noMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}

function deleteFromPrimitiveList(original: JsonObject, field: string, toDelete: unknown): void {
  if (!Array.isArray(toDelete)) throw badArgType("[]interface {}", toDelete);
  const current = original[field];
  if (current === undefined) return;
  if (!Array.isArray(current)) throw badArgType("[]interface {}", current);
  original[field] = current.filter((item) => !toDelete.includes(item));
}

function directiveTarget(key: string): string {
  const slash = key.indexOf("/");
  if (slash < 0) {
    throw patchBadRequest(
      key.startsWith(SET_ELEMENT_ORDER)
        ? "invalid patch format of setElementOrder list"
        : "invalid patch format of primitive list",
    );
  }
  return key.slice(slash + 1);
}

function mergeList(original: unknown[], patch: unknown[], schema: ListSchema): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const itemsAreMaps = checkElementTypes(original, patch);
  if (!itemsAreMaps) {
    const merged = [...original];
    for (const item of patch) if (!merged.includes(item)) merged.push(item);
    return normalizeOrder(merged, patch, original, undefined);
  }
  const mergeKey = schema.meta?.mergeKey;
  if (!mergeKey) throw patchInternal("cannot merge lists without merge key for type struct");
  const items = schema.items;
  let base = original;
  const plain: JsonObject[] = [];
  let replace = false;
  for (const entry of patch) {
    if (!isPlainObject(entry)) continue;
    if (!Object.hasOwn(entry, PATCH)) {
      plain.push(entry);
      continue;
    }
    const directive = entry[PATCH];
    if (directive === "delete") {
      if (!Object.hasOwn(entry, mergeKey)) throw noMergeKey(entry, mergeKey);
      base = base.filter((item) => !(isPlainObject(item) && item[mergeKey] === entry[mergeKey]));
    } else if (directive === "replace") {
      replace = true;
    } else if (directive === "merge") {
      throw patchInternal("merging lists cannot yet be specified in the patch");
    } else {
      throw patchInternal(`unknown patch type: ${goFormat(directive)} in map: ${goFormat(entry)}`);
    }
  }
  if (replace) return plain.map((entry) => decoded(entry, false));
  const merged = [...base];
  for (const entry of plain) {
    if (!Object.hasOwn(entry, mergeKey)) throw noMergeKey(entry, mergeKey);
    const at = merged.findIndex((item) => isPlainObject(item) && item[mergeKey] === entry[mergeKey]);
    if (at < 0) merged.push(decoded(entry, false));
    else merged[at] = mergeMap(merged[at] as JsonObject, entry, items);
  }
  return normalizeOrder(merged, plain, base, mergeKey);
}

/** Whether the items are maps; lists of lists and mixed lists are refused as the Go code refuses them. */
function checkElementTypes(...lists: unknown[][]): boolean {
  let kind: string | undefined;
  for (const list of lists) {
    for (const item of list) {
      if (item === null) continue;
      // "lists of lists are not supported", which kube-apiserver answers with its generic 422.
      if (Array.isArray(item)) throw patchUnprocessable();
      const itemKind = goJsonTypeName(item);
      if (kind === undefined) kind = itemKind;
      else if (kind !== itemKind)
        throw patchInternal(`list element types are not identical: ${goFormat(lists)}`);
    }
  }
  return kind === "object";
}

/**
 * Orders a merged list: items named in `patchOrder` keep that relative order, the others keep their order in
 * `serverOrder`, and the two runs interleave so that server-only items stay before patched items they preceded.
 */
function normalizeOrder(
  merged: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string | undefined,
) {
  const identity = (item: unknown) => (mergeKey ? (isPlainObject(item) ? item[mergeKey] : undefined) : item);
  const indexIn = (list: unknown[], item: unknown) => {
    const id = identity(item);
    return list.findIndex((other) => identity(other) === id);
  };
  const byIndexIn = (list: unknown[]) => (a: unknown, b: unknown) => {
    const ia = indexIn(list, a);
    const ib = indexIn(list, b);
    return (ia < 0 ? Number.MAX_SAFE_INTEGER : ia) - (ib < 0 ? Number.MAX_SAFE_INTEGER : ib);
  };
  const patched = merged.filter((item) => indexIn(patchOrder, item) >= 0).sort(byIndexIn(patchOrder));
  const serverOnly = merged.filter((item) => indexIn(patchOrder, item) < 0).sort(byIndexIn(serverOrder));
  const out: unknown[] = [];
  let s = 0;
  let p = 0;
  while (s < serverOnly.length && p < patched.length) {
    const is = indexIn(serverOrder, serverOnly[s]);
    const ip = indexIn(serverOrder, patched[p]);
    out.push(is >= 0 && ip >= 0 && is < ip ? serverOnly[s++] : patched[p++]);
  }
  return out.concat(serverOnly.slice(s), patched.slice(p));
}

function noMergeKey(map: JsonObject, mergeKey: string): PatchError {
  return patchInternal(`map: ${goFormat(map)} does not contain declared merge key: ${mergeKey}`);
}

function badArgType(expected: string, actual: unknown): PatchError {
  return patchInternal(`expected a ${expected}, but received a ${goTypeName(actual)}`);
}

function goTypeName(value: unknown): string {
  if (value === null || value === undefined) return "<nil>";
  if (Array.isArray(value)) return "[]interface {}";
  if (typeof value === "object") return "map[string]interface {}";
  if (typeof value === "number") return Number.isInteger(value) ? "int64" : "float64";
  return typeof value === "boolean" ? "bool" : "string";
}

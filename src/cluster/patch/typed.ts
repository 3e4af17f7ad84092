/**
 * Schema-aware operations on objects that server-side apply builds on (after sigs.k8s.io/structured-merge-diff):
 * the set of fields an object sets, the fields two objects differ in, merging an applied configuration into a live
 * object, and removing fields. Lists of `listType: map` are handled by item key, sets by value, atomic values whole.
 */
import { FieldSet, fieldElement, keyElement, type Path, pathString, valueElement } from "./field-set.js";
import { isPlainObject, type JsonObject, jsonEqual } from "./json.js";
import { fieldSchema, isAtomic, keyDefault, listMapKeys, listType, type Schema, UNTYPED } from "./schema.js";

type ListSchema = Extract<Schema, { kind: "list" }>;

/** A value server-side apply cannot take apart: the applied configuration is refused with this message. */
export class TypedValueError extends Error {}

/** The schema of an object's children: declared struct fields, map values, or untyped. */
function childSchema(schema: Schema, key: string, strict: boolean, path: Path): Schema {
  const child = fieldSchema(schema, key);
  if (child) return child;
  if (strict)
    throw new TypedValueError(`${pathString([...path, fieldElement(key)])}: field not declared in schema`);
  return UNTYPED;
}

/** Whether the value is taken apart field by field (a struct or map) rather than handled whole. */
function isFieldwise(schema: Schema, value: unknown): value is JsonObject {
  if (!isPlainObject(value)) return false;
  return schema.kind === "map" || schema.kind === "untyped" || (schema.kind === "struct" && !schema.atomic);
}

function isItemwise(schema: Schema, value: unknown): value is unknown[] {
  return Array.isArray(value) && schema.kind === "list" && !isAtomic(schema);
}

/**
 * The path element of a list item: its list-map keys (defaulted keys filled in) or its set value. Lenient mode
 * (live objects) identifies an item by whatever keys it has, or its index.
 */
function itemElement(list: ListSchema, item: unknown, index: number, strict: boolean, path: Path): string {
  if (listType(list) === "set") return valueElement(item);
  const keys: [string, unknown][] = [];
  for (const key of listMapKeys(list)) {
    const value = isPlainObject(item) && Object.hasOwn(item, key) ? item[key] : keyDefault(key);
    if (value !== undefined) keys.push([key, value]);
    else if (strict) {
      throw new TypedValueError(
        `${pathString(path)}: element ${index}: associative list with keys has an element that omits key field "${key}" (and doesn't have default value)`,
      );
    }
  }
  return keys.length > 0 ? keyElement(keys) : `i:${index}`;
}

/** The items of a list by path element; later duplicates are ignored (refused when strict). */
function indexItems(list: ListSchema, items: unknown[], strict: boolean, path: Path): Map<string, unknown> {
  const out = new Map<string, unknown>();
  items.forEach((item, i) => {
    const element = itemElement(list, item, i, strict, path);
    if (!out.has(element)) out.set(element, item);
    else if (strict)
      throw new TypedValueError(`${pathString(path)}: duplicate entries for key ${pathString([element])}`);
  });
  return out;
}

/**
 * Every field the object sets: leaves, list items, atomic values, map entries, and struct fields set to `{}` or
 * null. Strict mode (an applied configuration) refuses undeclared fields and list items without their keys.
 */
export function toFieldSet(value: unknown, schema: Schema, strict = false): FieldSet {
  const paths: Path[] = [];
  const walk = (v: unknown, s: Schema, path: Path) => {
    if (isFieldwise(s, v)) {
      for (const [key, child] of Object.entries(v)) {
        const declared = s.kind === "struct" && fieldSchema(s, key) !== undefined;
        const childPath = [...path, fieldElement(key)];
        walk(child, childSchema(s, key, strict, path), childPath);
        if (!declared || child === null || (isPlainObject(child) && Object.keys(child).length === 0)) {
          paths.push(childPath);
        }
      }
    } else if (isItemwise(s, v)) {
      const list = s as ListSchema;
      for (const [element, item] of indexItems(list, v, strict, path)) {
        const itemPath = [...path, element];
        walk(item, list.items, itemPath);
        paths.push(itemPath);
      }
    } else if (path.length > 0 && v !== null) {
      paths.push(path);
    }
  };
  walk(value, schema, []);
  return FieldSet.of(paths);
}

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/** The fields `after` adds, changes and drops relative to `before`, including added and dropped maps and items. */
export function compare(before: unknown, after: unknown, schema: Schema): Comparison {
  const added: Path[] = [];
  const modified: Path[] = [];
  const removed: Path[] = [];
  const leaf = (l: unknown, r: unknown, path: Path) => {
    if (path.length === 0) return;
    if (l === undefined) added.push(path);
    else if (r === undefined) removed.push(path);
    else if (!jsonEqual(l, r)) modified.push(path);
  };
  // A map or list item that appears or disappears is itself added or removed, besides what it holds.
  const container = (l: unknown, r: unknown, path: Path) => {
    if (path.length === 0) return;
    if (l === undefined) added.push(path);
    else if (r === undefined) removed.push(path);
  };
  const walk = (l: unknown, r: unknown, s: Schema, path: Path) => {
    if (l === null) l = undefined;
    if (r === null) r = undefined;
    if (l === undefined && r === undefined) return;
    const lFields = l === undefined || isFieldwise(s, l);
    const rFields = r === undefined || isFieldwise(s, r);
    if (lFields && rFields && (s.kind === "struct" || s.kind === "map" || s.kind === "untyped")) {
      const lm = (l ?? {}) as JsonObject;
      const rm = (r ?? {}) as JsonObject;
      if (Object.keys(lm).length === 0 && Object.keys(rm).length === 0) return leaf(l, r, path);
      for (const key of new Set([...Object.keys(lm), ...Object.keys(rm)])) {
        walk(lm[key], rm[key], childSchema(s, key, false, path), [...path, fieldElement(key)]);
      }
      return container(l, r, path);
    }
    const lItems = l === undefined || isItemwise(s, l);
    const rItems = r === undefined || isItemwise(s, r);
    if (lItems && rItems && s.kind === "list" && !isAtomic(s)) {
      const la = (l ?? []) as unknown[];
      const ra = (r ?? []) as unknown[];
      if (la.length === 0 && ra.length === 0) return leaf(l, r, path);
      const lIndex = indexItems(s, la, false, path);
      const rIndex = indexItems(s, ra, false, path);
      for (const element of new Set([...lIndex.keys(), ...rIndex.keys()])) {
        walk(lIndex.get(element), rIndex.get(element), s.items, [...path, element]);
      }
      return container(l, r, path);
    }
    leaf(l, r, path);
  };
  walk(before, after, schema, []);
  return { added: FieldSet.of(added), modified: FieldSet.of(modified), removed: FieldSet.of(removed) };
}

/**
 * Merges an applied configuration into the live object: the configuration's values win, maps and structs merge
 * field by field, list-maps and sets merge item by item, anything atomic is replaced. A null drops the field.
 */
export function merge(live: unknown, applied: unknown, schema: Schema): unknown {
  if (applied === undefined) return live;
  if (live === undefined || live === null || applied === null) return withoutNulls(applied);
  if (isFieldwise(schema, live) && isFieldwise(schema, applied)) {
    const out: JsonObject = { ...live };
    for (const [key, value] of Object.entries(applied)) {
      const merged = merge(live[key], value, fieldSchema(schema, key) ?? UNTYPED);
      if (merged === null || merged === undefined) delete out[key];
      else out[key] = merged;
    }
    return out;
  }
  if (isItemwise(schema, live) && isItemwise(schema, applied))
    return mergeItems(live, applied, schema as ListSchema);
  return withoutNulls(applied);
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isPlainObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) if (child !== null) out[key] = withoutNulls(child);
  return out;
}

/**
 * Merges two list-maps or sets. Items only in the live list keep their place; items of the applied list appear in
 * its order, with new items where the configuration puts them.
 */
function mergeItems(live: unknown[], applied: unknown[], list: ListSchema): unknown[] {
  const lIndex = indexItems(list, live, false, []);
  const rIndex = indexItems(list, applied, false, []);
  const lOrder = [...lIndex.keys()];
  const rOrder = [...rIndex.keys()];
  const shared = rOrder.filter((e) => lIndex.has(e));
  let nextShared = 0;
  const done = new Set<string>();
  const out: unknown[] = [];
  const take = (element: string) => {
    done.add(element);
    out.push(merge(lIndex.get(element), rIndex.get(element), list.items));
    if (shared[nextShared] === element) nextShared++;
  };
  let l = 0;
  let r = 0;
  while (l < lOrder.length || r < rOrder.length) {
    const le = lOrder[l];
    const re = rOrder[r];
    if (le !== undefined && done.has(le)) {
      l++;
      continue;
    }
    if (le !== undefined && re !== undefined) {
      if (le === re) {
        take(le);
        l++;
        r++;
        continue;
      }
      // A shared item waits until the configuration reaches it, unless it is the next one the configuration shares.
      if (rIndex.has(le) && nextShared < shared.length && shared[nextShared] !== le) {
        l++;
        continue;
      }
    }
    if (le !== undefined && !rIndex.has(le)) {
      out.push(lIndex.get(le));
      done.add(le);
      l++;
      continue;
    }
    if (re !== undefined) {
      if (!done.has(re)) take(re);
      r++;
    } else {
      l++;
    }
  }
  return out.filter((item) => item !== null && item !== undefined);
}

/** Removes every member of `set` (with everything below it); maps and lists left empty by a removal go too. */
export function removeItems(value: unknown, set: FieldSet, schema: Schema): unknown {
  if (set.isEmpty()) return value;
  if (isFieldwise(schema, value)) {
    const out: JsonObject = {};
    for (const [key, child] of Object.entries(value)) {
      const element = fieldElement(key);
      if (set.has([element])) continue;
      const below = set.withPrefix([element]);
      const kept = below.isEmpty() ? child : removeItems(child, below, fieldSchema(schema, key) ?? UNTYPED);
      if (kept !== undefined) out[key] = kept;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  if (isItemwise(schema, value)) {
    const list = schema as ListSchema;
    const out: unknown[] = [];
    value.forEach((item, i) => {
      const element = itemElement(list, item, i, false, []);
      if (set.has([element])) return;
      const below = set.withPrefix([element]);
      const kept = below.isEmpty() ? item : removeItems(item, below, list.items);
      if (kept !== undefined) out.push(kept);
    });
    return out.length > 0 ? out : undefined;
  }
  return value;
}

/** Adds, as members, the struct fields that have members below them (structured-merge-diff's named fields). */
export function withNamedFieldsAsMembers(set: FieldSet, schema: Schema): FieldSet {
  const parents: Path[] = [];
  for (const path of set.paths()) {
    let s = schema;
    for (let i = 0; i < path.length - 1; i++) {
      const element = path[i] as string;
      if (!element.startsWith("f:")) {
        s = s.kind === "list" ? s.items : UNTYPED;
        continue;
      }
      const child = fieldSchema(s, element.slice(2));
      if (child && s.kind === "struct") parents.push(path.slice(0, i + 1));
      s = child ?? UNTYPED;
    }
  }
  return set.union(FieldSet.of(parents));
}

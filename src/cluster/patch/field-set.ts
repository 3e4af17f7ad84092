/**
 * Sets of field paths, the currency of server-side apply's ownership tracking, and their FieldsV1 encoding
 * (`{"f:spec":{"f:replicas":{}}}`). A path is a list of serialized path elements exactly as FieldsV1 spells them:
 * `f:<field>`, `k:<json of the list-map keys>`, `v:<json of a set value>`, `i:<index>`.
 */
import { isPlainObject } from "./json.js";

export type Path = readonly string[];

export function fieldElement(name: string): string {
  return `f:${name}`;
}

/** A list-map item, by its key fields (serialized sorted by name, as Kubernetes does). */
export function keyElement(keys: ReadonlyArray<readonly [string, unknown]>): string {
  const sorted = [...keys].sort(([a], [b]) => compareStrings(a, b));
  return `k:${JSON.stringify(Object.fromEntries(sorted))}`;
}

/** A set item, by its value. */
export function valueElement(value: unknown): string {
  return `v:${JSON.stringify(value)}`;
}

interface Node {
  member: boolean;
  children: Map<string, Node>;
}

function newNode(): Node {
  return { member: false, children: new Map() };
}

function isEmptyNode(node: Node): boolean {
  return !node.member && node.children.size === 0;
}

/** An immutable set of paths. A path may be a member and have members below it at the same time. */
export class FieldSet {
  private constructor(private readonly root: Node) {}

  static empty(): FieldSet {
    return new FieldSet(newNode());
  }

  static of(paths: Iterable<Path>): FieldSet {
    const root = newNode();
    for (const path of paths) insertInto(root, path);
    return new FieldSet(root);
  }

  /** Decodes a FieldsV1 object. Unknown shapes are skipped rather than refused: managedFields come from clients too. */
  static fromFieldsV1(fields: unknown): FieldSet {
    const root = newNode();
    decodeInto(root, fields);
    return new FieldSet(root);
  }

  isEmpty(): boolean {
    return isEmptyNode(this.root);
  }

  has(path: Path): boolean {
    let node: Node | undefined = this.root;
    for (const element of path) {
      node = node.children.get(element);
      if (!node) return false;
    }
    return node.member && path.length > 0;
  }

  /** The members below `path`, with `path` cut off. */
  withPrefix(path: Path): FieldSet {
    const node = this.descend(path);
    return node ? new FieldSet({ member: false, children: node.children }) : FieldSet.empty();
  }

  union(other: FieldSet): FieldSet {
    return new FieldSet(union(this.root, other.root));
  }

  intersection(other: FieldSet): FieldSet {
    return new FieldSet(intersection(this.root, other.root) ?? newNode());
  }

  /** Members of this set that are not members of `other` (paths below another's member stay). */
  difference(other: FieldSet): FieldSet {
    return new FieldSet(difference(this.root, other.root) ?? newNode());
  }

  /** Every member, in Kubernetes' order: a node's own members before the members below its children. */
  paths(): Path[] {
    const out: Path[] = [];
    const walk = (node: Node, prefix: string[]) => {
      const keys = sortElements([...node.children.keys()]);
      for (const key of keys) if ((node.children.get(key) as Node).member) out.push([...prefix, key]);
      for (const key of keys) walk(node.children.get(key) as Node, [...prefix, key]);
    };
    walk(this.root, []);
    return out;
  }

  /** The FieldsV1 object: `{}` for a member leaf, `".": {}` for a member that also has members below it. */
  toFieldsV1(): Record<string, unknown> {
    return encode(this.root, false);
  }

  private descend(path: Path): Node | undefined {
    let node: Node | undefined = this.root;
    for (const element of path) {
      node = node.children.get(element);
      if (!node) return undefined;
    }
    return isEmptyNode(node) ? undefined : node;
  }
}

function insertInto(root: Node, path: Path): void {
  let node = root;
  for (const element of path) {
    let child = node.children.get(element);
    if (!child) {
      child = newNode();
      node.children.set(element, child);
    }
    node = child;
  }
  if (path.length > 0) node.member = true;
}

function copy(node: Node): Node {
  return { member: node.member, children: new Map([...node.children].map(([k, v]) => [k, copy(v)])) };
}

function union(a: Node, b: Node): Node {
  const out: Node = { member: a.member || b.member, children: new Map() };
  for (const [key, child] of a.children) {
    const other = b.children.get(key);
    out.children.set(key, other ? union(child, other) : copy(child));
  }
  for (const [key, child] of b.children) if (!a.children.has(key)) out.children.set(key, copy(child));
  return out;
}

function intersection(a: Node, b: Node): Node | undefined {
  const out: Node = { member: a.member && b.member, children: new Map() };
  for (const [key, child] of a.children) {
    const other = b.children.get(key);
    const both = other && intersection(child, other);
    if (both) out.children.set(key, both);
  }
  return isEmptyNode(out) ? undefined : out;
}

function difference(a: Node, b: Node): Node | undefined {
  const out: Node = { member: a.member && !b.member, children: new Map() };
  for (const [key, child] of a.children) {
    const other = b.children.get(key);
    const rest = other ? difference(child, other) : copy(child);
    if (rest) out.children.set(key, rest);
  }
  return isEmptyNode(out) ? undefined : out;
}

function encode(node: Node, includeSelf: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (includeSelf && node.member && node.children.size > 0) out["."] = {};
  for (const key of sortElements([...node.children.keys()]))
    out[key] = encode(node.children.get(key) as Node, true);
  return out;
}

function decodeInto(node: Node, fields: unknown): void {
  if (!isPlainObject(fields)) return;
  for (const [key, value] of Object.entries(fields)) {
    if (key === ".") {
      node.member = true;
      continue;
    }
    const element = normalizeElement(key);
    if (element === undefined) continue;
    let child = node.children.get(element);
    if (!child) {
      child = newNode();
      node.children.set(element, child);
    }
    if (isPlainObject(value) && Object.keys(value).length === 0) child.member = true;
    else decodeInto(child, value);
  }
}

/** Re-serializes an element so that equal elements compare equal whatever key order a client wrote. */
function normalizeElement(element: string): string | undefined {
  const parsed = parseElement(element);
  if (!parsed) return undefined;
  switch (parsed.kind) {
    case "f":
      return element;
    case "k":
      return keyElement(parsed.keys);
    case "v":
      return valueElement(parsed.value);
    case "i":
      return `i:${parsed.index}`;
  }
}

type ParsedElement =
  | { kind: "f"; name: string }
  | { kind: "k"; keys: [string, unknown][] }
  | { kind: "v"; value: unknown }
  | { kind: "i"; index: number };

function parseElement(element: string): ParsedElement | undefined {
  const body = element.slice(2);
  try {
    switch (element.slice(0, 2)) {
      case "f:":
        return { kind: "f", name: body };
      case "k:": {
        const keys = JSON.parse(body);
        return isPlainObject(keys)
          ? { kind: "k", keys: Object.entries(keys).sort(([a], [b]) => compareStrings(a, b)) }
          : undefined;
      }
      case "v:":
        return { kind: "v", value: JSON.parse(body) };
      case "i:": {
        const index = Number(body);
        return Number.isInteger(index) ? { kind: "i", index } : undefined;
      }
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}

const KIND_RANK = { f: 0, k: 1, v: 2, i: 3 } as const;

/** Kubernetes' path-element order: fields, then keyed items, then set values, then indices. */
function sortElements(elements: string[]): string[] {
  const parsed = new Map(elements.map((e) => [e, parseElement(e)]));
  return elements.sort((a, b) => compareParsed(parsed.get(a), parsed.get(b)));
}

function compareParsed(a: ParsedElement | undefined, b: ParsedElement | undefined): number {
  if (!a || !b) return 0;
  if (a.kind !== b.kind) return KIND_RANK[a.kind] - KIND_RANK[b.kind];
  if (a.kind === "f" && b.kind === "f") return compareStrings(a.name, b.name);
  if (a.kind === "k" && b.kind === "k") {
    for (let i = 0; i < Math.max(a.keys.length, b.keys.length); i++) {
      const ka = a.keys[i];
      const kb = b.keys[i];
      if (!ka || !kb) return ka ? 1 : -1;
      const c = compareStrings(ka[0], kb[0]) || compareValues(ka[1], kb[1]);
      if (c !== 0) return c;
    }
    return 0;
  }
  if (a.kind === "v" && b.kind === "v") return compareValues(a.value, b.value);
  if (a.kind === "i" && b.kind === "i") return a.index - b.index;
  return 0;
}

function valueRank(v: unknown): number {
  if (typeof v === "number") return 0;
  if (typeof v === "string") return 1;
  if (typeof v === "boolean") return 2;
  if (Array.isArray(v)) return 3;
  if (isPlainObject(v)) return 4;
  return 5;
}

/** A total order on JSON values: numbers, strings, booleans, lists, maps, null. */
function compareValues(a: unknown, b: unknown): number {
  const ra = valueRank(a);
  const rb = valueRank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") return compareStrings(a, b);
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  return compareStrings(JSON.stringify(a), JSON.stringify(b));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A path as Kubernetes prints it in conflict messages: `.spec.template.spec.containers[name="web"].image`. */
export function pathString(path: Path): string {
  return path
    .map((element) => {
      const parsed = parseElement(element);
      switch (parsed?.kind) {
        case "f":
          return `.${parsed.name}`;
        case "k":
          return `[${parsed.keys.map(([k, v]) => `${k}=${valueString(v)}`).join(",")}]`;
        case "v":
          return `[=${valueString(parsed.value)}]`;
        case "i":
          return `[${parsed.index}]`;
        default:
          return "{{invalid path element}}";
      }
    })
    .join("");
}

function valueString(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(valueString).join(",")}]`;
  if (isPlainObject(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}=${valueString(v)}`)
      .join(",")}}`;
  }
  return String(value);
}

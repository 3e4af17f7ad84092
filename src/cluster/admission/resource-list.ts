/**
 * ResourceLists (resource name → quantity) and the arithmetic quota needs on them, with the semantics of
 * apiserver's quota helpers: Add keeps the format of the first non-zero term, Mask keeps named entries,
 * LessThanOrEqual reports the names over their limit.
 */
import { formatQuantity, parseQuantity, type Quantity } from "../quantity.js";

export type ResourceList = Map<string, Quantity>;

const ZERO: Quantity = { nanos: 0n, format: "DecimalSI" };

export function countOf(n: number): Quantity {
  return { nanos: BigInt(n) * 1_000_000_000n, format: "DecimalSI" };
}

/** A stored `{name: "500m"}` map as a ResourceList; entries that do not parse are left out. */
export function parseResourceList(values: unknown): ResourceList {
  const list: ResourceList = new Map();
  if (!values || typeof values !== "object") return list;
  for (const [name, value] of Object.entries(values as Record<string, unknown>)) {
    const q = value === undefined || value === null ? undefined : parseQuantity(String(value));
    if (q) list.set(name, q);
  }
  return list;
}

/** The JSON form, keys sorted as Go marshals a map, quantities canonical. */
export function toRecord(list: ResourceList): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of [...list.keys()].sort()) out[name] = formatQuantity(list.get(name) ?? ZERO);
  return out;
}

export function addQuantity(a: Quantity | undefined, b: Quantity): Quantity {
  if (!a || a.nanos === 0n) return { nanos: (a?.nanos ?? 0n) + b.nanos, format: b.format };
  return { nanos: a.nanos + b.nanos, format: a.format };
}

export function add(a: ResourceList, b: ResourceList): ResourceList {
  const out = new Map(a);
  for (const [name, q] of b) out.set(name, addQuantity(out.get(name), q));
  return out;
}

/** Adds `b` into `into`, in place; `sign` -1 subtracts. */
export function accumulate(into: ResourceList, b: ResourceList, sign: 1 | -1 = 1): void {
  for (const [name, q] of b) {
    into.set(name, addQuantity(into.get(name), sign === 1 ? q : { nanos: -q.nanos, format: q.format }));
  }
}

/** a − b per resource in `a`, never below zero (quota.SubtractWithNonNegativeResult). */
export function subtractNonNegative(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = new Map();
  for (const [name, q] of a) {
    const diff = q.nanos - (b.get(name)?.nanos ?? 0n);
    out.set(name, { nanos: diff > 0n ? diff : 0n, format: q.format });
  }
  return out;
}

export function mask(list: ResourceList, names: Iterable<string>): ResourceList {
  const out: ResourceList = new Map();
  for (const name of names) {
    const q = list.get(name);
    if (q) out.set(name, q);
  }
  return out;
}

export function removeZeros(list: ResourceList): ResourceList {
  return new Map([...list].filter(([, q]) => q.nanos !== 0n));
}

/** Names whose value in `a` exceeds the one in `b` (names absent from either are fine), sorted. */
export function exceeding(a: ResourceList, b: ResourceList): string[] {
  const names: string[] = [];
  for (const [name, limit] of b) {
    const value = a.get(name);
    if (value && value.nanos > limit.nanos) names.push(name);
  }
  return names.sort();
}

/** `cpu=500m,pods=1`: how quota admission prints a ResourceList in its messages. */
export function prettyPrint(list: ResourceList): string {
  return [...list.keys()]
    .sort()
    .map((name) => `${name}=${formatQuantity(list.get(name) ?? ZERO)}`)
    .join(",");
}

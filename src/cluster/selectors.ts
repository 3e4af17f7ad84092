import { badRequest } from "./errors.js";
import type { KubeObject } from "./types.js";

/** One requirement of a label selector, in the form Kubernetes' labels.Parse produces. */
export type Requirement =
  | { key: string; op: "=" | "!="; value: string }
  | { key: string; op: "in" | "notin"; values: string[] }
  | { key: string; op: "exists" | "!" };

export type Selector = Requirement[];

/** JSON form of metav1.LabelSelector, as objects carry it (spec.selector). */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: {
    key: string;
    operator: "In" | "NotIn" | "Exists" | "DoesNotExist";
    values?: string[];
  }[];
}

/** Parses the `labelSelector` query string: `app=web,tier!=db,env in (a,b),!legacy,gpu`. */
const SET_BASED = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)\s*/;
const DOES_NOT_EXIST = /^!\s*([\w./-]+)\s*/;
const EQUALITY = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)\s*/;
const EXISTS = /^([\w./-]+)\s*/;

/** Reads one requirement off the front of a selector string, or undefined when none starts there. */
function nextRequirement(rest: string): { requirement: Requirement; length: number } | undefined {
  const setBased = rest.match(SET_BASED);
  if (setBased) {
    const values = (setBased[3] ?? "")
      .split(",")
      .map((v) => v.trim())
      .filter((v) => v !== "");
    return {
      requirement: { key: setBased[1] as string, op: setBased[2] as "in" | "notin", values },
      length: setBased[0].length,
    };
  }
  const notExists = rest.match(DOES_NOT_EXIST);
  if (notExists)
    return { requirement: { key: notExists[1] as string, op: "!" }, length: notExists[0].length };
  const equality = rest.match(EQUALITY);
  if (equality) {
    const op = equality[2] === "!=" ? "!=" : "=";
    return {
      requirement: { key: equality[1] as string, op, value: equality[3] as string },
      length: equality[0].length,
    };
  }
  const exists = rest.match(EXISTS);
  if (exists) return { requirement: { key: exists[1] as string, op: "exists" }, length: exists[0].length };
  return undefined;
}

/** Parses the `labelSelector` query string: `app=web,tier!=db,env in (a,b),!legacy,gpu`. */
export function parseLabelSelector(text: string): Selector {
  const reqs: Selector = [];
  let rest = text.trim();
  while (rest.length > 0) {
    const next = nextRequirement(rest);
    if (!next) throw badRequest(`unable to parse requirement: found '${rest[0]}', expected: identifier`);
    reqs.push(next.requirement);
    rest = rest.slice(next.length);
    if (rest.startsWith(",")) rest = rest.slice(1).trimStart();
    else if (rest.length > 0) throw badRequest(`unable to parse requirement: found '${rest}', expected: ','`);
  }
  return reqs;
}

function requirementHolds(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, r.key);
  switch (r.op) {
    case "=":
      return has && labels[r.key] === r.value;
    case "!=":
      return !has || labels[r.key] !== r.value;
    case "in":
      return has && r.values.includes(labels[r.key] as string);
    case "notin":
      return !has || !r.values.includes(labels[r.key] as string);
    case "exists":
      return has;
    case "!":
      return !has;
  }
}

export function matchesSelector(selector: Selector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return selector.every((r) => requirementHolds(r, l));
}

/** Converts metav1.LabelSelector to requirements. An empty selector matches everything, as in Kubernetes. */
export function fromLabelSelector(sel: LabelSelector | undefined): Selector {
  const reqs: Selector = [];
  for (const [key, value] of Object.entries(sel?.matchLabels ?? {})) reqs.push({ key, op: "=", value });
  for (const e of sel?.matchExpressions ?? []) {
    if (e.operator === "In") reqs.push({ key: e.key, op: "in", values: e.values ?? [] });
    else if (e.operator === "NotIn") reqs.push({ key: e.key, op: "notin", values: e.values ?? [] });
    else if (e.operator === "Exists") reqs.push({ key: e.key, op: "exists" });
    else reqs.push({ key: e.key, op: "!" });
  }
  return reqs;
}

/** Any LabelSelector-shaped value, however typed: formatting must also cope with invalid operators. */
interface SelectorSpec {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

function requirementText(key: string, operator: string, values: readonly string[]): string | undefined {
  const sorted = [...values].sort().join(",");
  switch (operator) {
    case "In":
      return values.length > 0 ? `${key} in (${sorted})` : undefined;
    case "NotIn":
      return values.length > 0 ? `${key} notin (${sorted})` : undefined;
    case "Exists":
      return values.length === 0 ? key : undefined;
    case "DoesNotExist":
      return values.length === 0 ? `!${key}` : undefined;
    default:
      return undefined;
  }
}

/**
 * A LabelSelector as metav1.LabelSelectorAsSelector(…).String() prints it: requirements sorted by key,
 * e.g. "app=web,tier in (back,front)"; "" when it selects everything; undefined when it is invalid.
 * The scale subresource's status.selector and the HPA's status carry this form.
 */
export function selectorString(selector: SelectorSpec | undefined): string | undefined {
  if (!selector) return "";
  const reqs = Object.entries(selector.matchLabels ?? {}).map(([key, v]) => ({ key, text: `${key}=${v}` }));
  for (const e of selector.matchExpressions ?? []) {
    const text = requirementText(e.key, e.operator, e.values ?? []);
    if (text === undefined) return undefined;
    reqs.push({ key: e.key, text });
  }
  return reqs
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => r.text)
    .join(",");
}

/** metav1.FormatLabelSelector, as printers show selectors: "<none>" when empty, "<error>" when invalid. */
export function formatLabelSelector(selector: SelectorSpec | undefined): string {
  const s = selectorString(selector);
  if (s === undefined) return "<error>";
  return s === "" ? "<none>" : s;
}

export interface FieldRequirement {
  field: string;
  op: "=" | "!=";
  value: string;
}

/** Parses the `fieldSelector` query string: `metadata.name=x,status.phase!=Running`. */
export function parseFieldSelector(text: string): FieldRequirement[] {
  if (text.trim() === "") return [];
  return text.split(",").map((part) => {
    const m = part.trim().match(/^([\w.-]+)\s*(==|=|!=)\s*(.*)$/);
    if (!m) throw badRequest(`invalid selector: '${text}'; can't understand '${part}'`);
    return { field: m[1] as string, op: m[2] === "!=" ? "!=" : "=", value: m[3] as string };
  });
}

/**
 * The fields each kind can be selected on, as the real API server registers them
 * (metadata.name and metadata.namespace everywhere, plus per-kind fields).
 */
const KIND_FIELDS: Record<string, Record<string, (o: KubeObject) => string | undefined>> = {
  Pod: {
    "spec.nodeName": (o) => str(o, "spec", "nodeName"),
    "spec.restartPolicy": (o) => str(o, "spec", "restartPolicy"),
    "spec.schedulerName": (o) => str(o, "spec", "schedulerName"),
    "spec.serviceAccountName": (o) => str(o, "spec", "serviceAccountName"),
    "status.phase": (o) => str(o, "status", "phase"),
    "status.podIP": (o) => str(o, "status", "podIP"),
    "status.nominatedNodeName": (o) => str(o, "status", "nominatedNodeName"),
  },
  Event: {
    "involvedObject.kind": (o) => str(o, "involvedObject", "kind"),
    "involvedObject.namespace": (o) => str(o, "involvedObject", "namespace"),
    "involvedObject.name": (o) => str(o, "involvedObject", "name"),
    "involvedObject.uid": (o) => str(o, "involvedObject", "uid"),
    "involvedObject.apiVersion": (o) => str(o, "involvedObject", "apiVersion"),
    "involvedObject.resourceVersion": (o) => str(o, "involvedObject", "resourceVersion"),
    "involvedObject.fieldPath": (o) => str(o, "involvedObject", "fieldPath"),
    reason: (o) => str(o, "reason"),
    reportingComponent: (o) => str(o, "reportingComponent"),
    source: (o) => str(o, "source", "component"),
    type: (o) => str(o, "type"),
  },
  Secret: { type: (o) => str(o, "type") },
  Namespace: { "status.phase": (o) => str(o, "status", "phase") },
  Node: {
    "spec.unschedulable": (o) => String(Boolean((o.spec as { unschedulable?: boolean })?.unschedulable)),
  },
  ReplicaSet: { "status.replicas": (o) => String((o.status as { replicas?: number })?.replicas ?? 0) },
  Job: { "status.successful": (o) => String((o.status as { succeeded?: number })?.succeeded ?? 0) },
};

function str(o: KubeObject, ...path: string[]): string {
  let v: unknown = o;
  for (const p of path) v = (v as Record<string, unknown> | undefined)?.[p];
  return typeof v === "string" ? v : "";
}

/** Checks a field selector is supported for a kind, failing with the real API server's message. */
export function validateFieldSelector(kind: string, reqs: FieldRequirement[]): void {
  for (const r of reqs) {
    if (r.field === "metadata.name" || r.field === "metadata.namespace") continue;
    if (KIND_FIELDS[kind]?.[r.field]) continue;
    throw badRequest(`field label not supported: ${r.field}`);
  }
}

export function matchesFieldSelector(kind: string, reqs: FieldRequirement[], o: KubeObject): boolean {
  return reqs.every((r) => {
    const actual =
      r.field === "metadata.name"
        ? (o.metadata.name ?? "")
        : r.field === "metadata.namespace"
          ? (o.metadata.namespace ?? "")
          : (KIND_FIELDS[kind]?.[r.field]?.(o) ?? "");
    return r.op === "=" ? actual === r.value : actual !== r.value;
  });
}

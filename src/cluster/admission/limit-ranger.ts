/**
 * The LimitRanger admission plugin (kube-apiserver 1.32). On pod creation it fills in the `default`
 * limits and `defaultRequest` requests of the namespace's LimitRanges for containers that do not state
 * them (recording what it set in the `kubernetes.io/limit-ranger` annotation), then enforces min, max and
 * maxLimitRequestRatio per Container and per Pod with the real messages, e.g.
 * `pods "web" is forbidden: minimum cpu usage per Container is 100m, but request is 50m`.
 * LimitRanges themselves get the API defaults (a max is the default limit, a default limit is the
 * default request, a min is the default request) as they are stored.
 */
import type { AdmissionHook } from "../api.js";
import { qosClass } from "../create-strategies.js";
import { formatQuantity, type Quantity } from "../quantity.js";
import type { ObjectStore } from "../store.js";
import type { KubeObject } from "../types.js";
import { admissionForbidden } from "./forbidden.js";
import { appContainers, initContainers, podLimits, podRequests, podSpec } from "./pod-resources.js";
import { parseResourceList, type ResourceList } from "./resource-list.js";

type Obj = Record<string, unknown>;

const ANNOTATION = "kubernetes.io/limit-ranger";
/** The largest value whose milli-value fits in an int64 (resource.MaxMilliValue). */
const MAX_MILLI_VALUE = 9_223_372_036_854_775n;

export function limitRangerAdmission(store: ObjectStore): AdmissionHook {
  return (op, rt, object) => {
    if (rt.kind === "LimitRange") {
      defaultLimitRange(object);
      return;
    }
    // Containers cannot change after creation, so only creates are limited.
    if (rt.kind !== "Pod" || op !== "create") return;
    const ranges = store.list("limitranges", object.metadata.namespace);
    if (ranges.length === 0) return;
    for (const range of ranges) applyDefaults(range, object);
    // The QoS class the create strategy recorded must reflect the defaults just added.
    const status = object.status as Obj | undefined;
    if (status) status.qosClass = qosClass(object);
    for (const range of ranges) {
      const errors = violations(range, object);
      if (errors.length > 0) throw admissionForbidden(rt, object, aggregate(errors));
    }
  };
}

function limitItems(range: KubeObject): Obj[] {
  const limits = (range.spec as Obj | undefined)?.limits;
  return Array.isArray(limits) ? (limits as Obj[]) : [];
}

/** SetDefaults_LimitRangeItem, for Container items. */
export function defaultLimitRange(range: KubeObject): void {
  for (const item of limitItems(range)) {
    if (item.type !== "Container") continue;
    const fallBack = (target: string, source: string) => {
      const from = (item[source] as Obj | undefined) ?? {};
      const into = { ...((item[target] as Obj | undefined) ?? {}) };
      for (const [k, v] of Object.entries(from)) if (!(k in into)) into[k] = v;
      if (Object.keys(into).length > 0) item[target] = into;
    };
    fallBack("default", "max");
    fallBack("defaultRequest", "default");
    fallBack("defaultRequest", "min");
  }
}

/** The Container items' defaults; a later item wins for the same resource, as the plugin's loop does. */
function containerDefaults(range: KubeObject): { requests: ResourceList; limits: ResourceList } {
  const requests: ResourceList = new Map();
  const limits: ResourceList = new Map();
  for (const item of limitItems(range)) {
    if (item.type !== "Container") continue;
    for (const [k, q] of parseResourceList(item.defaultRequest)) requests.set(k, q);
    for (const [k, q] of parseResourceList(item.default)) limits.set(k, q);
  }
  return { requests, limits };
}

function sortedRecord(values: Obj): Obj {
  return Object.fromEntries(
    Object.keys(values)
      .sort()
      .map((k) => [k, values[k]]),
  );
}

function mergeInto(resources: Obj, key: "requests" | "limits", defaults: ResourceList): string[] {
  const current = (resources[key] as Obj | undefined) ?? {};
  const set = [...defaults.keys()].filter((k) => !(k in current)).sort();
  if (set.length === 0) return [];
  const merged: Obj = { ...current };
  for (const k of set) merged[k] = formatQuantity(defaults.get(k) as Quantity);
  resources[key] = sortedRecord(merged);
  return set;
}

function applyDefaults(range: KubeObject, pod: KubeObject): void {
  const defaults = containerDefaults(range);
  if (defaults.requests.size === 0 && defaults.limits.size === 0) return;
  const notes: string[] = [];
  const spec = podSpec(pod);
  for (const [key, label] of [
    ["containers", "container"],
    ["initContainers", "init container"],
  ] as const) {
    for (const container of (spec[key] as Obj[] | undefined) ?? []) {
      const resources = (container.resources as Obj | undefined) ?? {};
      container.resources = resources;
      const limits = mergeInto(resources, "limits", defaults.limits);
      const requests = mergeInto(resources, "requests", defaults.requests);
      if (requests.length > 0) notes.push(`${requests.join(", ")} request for ${label} ${container.name}`);
      if (limits.length > 0) notes.push(`${limits.join(", ")} limit for ${label} ${container.name}`);
    }
  }
  if (notes.length === 0) return;
  pod.metadata.annotations = {
    ...(pod.metadata.annotations ?? {}),
    [ANNOTATION]: `LimitRanger plugin set: ${notes.join("; ")}`,
  };
}

const ceilDiv = (a: bigint, b: bigint) => (a >= 0n ? (a + b - 1n) / b : a / b);

/** requestLimitEnforcedValues: compare in milli-units unless a value is too large for them. */
function comparable(...qs: (Quantity | undefined)[]): bigint[] {
  const values = qs.map((q) => ceilDiv(q?.nanos ?? 0n, 1_000_000_000n));
  if (values.every((v) => v <= MAX_MILLI_VALUE)) return qs.map((q) => ceilDiv(q?.nanos ?? 0n, 1_000_000n));
  return values;
}

type Check = (
  type: string,
  name: string,
  enforced: Quantity,
  req: ResourceList,
  lim: ResourceList,
) => string | undefined;

const minConstraint: Check = (type, name, enforced, requests, limits) => {
  const req = requests.get(name);
  const lim = limits.get(name);
  const [r, l, e] = comparable(req, lim, enforced) as [bigint, bigint, bigint];
  const head = `minimum ${name} usage per ${type} is ${formatQuantity(enforced)}`;
  if (!req) return `${head}.  No request is specified`;
  if (r < e) return `${head}, but request is ${formatQuantity(req)}`;
  if (lim && l < e) return `${head}, but limit is ${formatQuantity(lim)}`;
  return undefined;
};

const maxConstraint: Check = (type, name, enforced, requests, limits) => {
  const req = requests.get(name);
  const lim = limits.get(name);
  const [r, l, e] = comparable(req, lim, enforced) as [bigint, bigint, bigint];
  const head = `maximum ${name} usage per ${type} is ${formatQuantity(enforced)}`;
  if (!lim) return `${head}.  No limit is specified`;
  if (l > e) return `${head}, but limit is ${formatQuantity(lim)}`;
  if (req && r > e) return `${head}, but request is ${formatQuantity(req)}`;
  return undefined;
};

const ratioConstraint: Check = (type, name, enforced, requests, limits) => {
  const req = requests.get(name);
  const lim = limits.get(name);
  const [r, l] = comparable(req, lim, enforced) as [bigint, bigint];
  const head = `${name} max limit to request ratio per ${type} is ${formatQuantity(enforced)}`;
  if (!req || r === 0n) return `${head}, but no request is specified or request is 0`;
  if (!lim || l === 0n) return `${head}, but no limit is specified or limit is 0`;
  const ratio = Number(l) / Number(r);
  const enforcedValue = ceilDiv(enforced.nanos, 1_000_000_000n);
  const over =
    enforcedValue <= MAX_MILLI_VALUE
      ? ratio * 1000 > Number(ceilDiv(enforced.nanos, 1_000_000n))
      : ratio > Number(enforcedValue);
  return over ? `${head}, but provided ratio is ${ratio.toFixed(6)}` : undefined;
};

function checkAll(item: Obj, type: string, requests: ResourceList, limits: ResourceList): string[] {
  const errors: string[] = [];
  for (const [field, check] of [
    ["min", minConstraint],
    ["max", maxConstraint],
    ["maxLimitRequestRatio", ratioConstraint],
  ] as const) {
    const enforced = parseResourceList(item[field]);
    for (const name of [...enforced.keys()].sort()) {
      const error = check(type, name, enforced.get(name) as Quantity, requests, limits);
      if (error) errors.push(error);
    }
  }
  return errors;
}

function violations(range: KubeObject, pod: KubeObject): string[] {
  const errors: string[] = [];
  for (const item of limitItems(range)) {
    if (item.type === "Container") {
      for (const c of [...appContainers(pod), ...initContainers(pod)]) {
        errors.push(...checkAll(item, "Container", c.requests, c.limits));
      }
    } else if (item.type === "Pod") {
      errors.push(...checkAll(item, "Pod", podRequests(pod), podLimits(pod)));
    }
  }
  return errors;
}

/** utilerrors.NewAggregate's message: one error as is, several deduplicated in brackets. */
function aggregate(errors: string[]): string {
  const unique = [...new Set(errors)];
  return unique.length === 1 ? (unique[0] as string) : `[${unique.join(", ")}]`;
}

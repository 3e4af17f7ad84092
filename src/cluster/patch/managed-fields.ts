/** `metadata.managedFields` as server-side apply keeps it: one entry per field manager, operation and subresource. */
import type { KubeObject, ManagedFieldsEntry } from "../types.js";
import { FieldSet, fieldElement } from "./field-set.js";
import { isPlainObject } from "./json.js";

export interface Manager {
  manager: string;
  operation: "Apply" | "Update";
  apiVersion: string;
  subresource?: string;
  time?: string;
  fields: FieldSet;
}

/** Managers by identity (see managerId). */
export type Managers = Map<string, Manager>;

/**
 * kube-apiserver's identity of a manager: appliers are one manager whatever API version they apply with; updaters are
 * told apart by API version too. The JSON spelling matters: conflict messages are sorted by it.
 */
export function managerId(m: Pick<Manager, "manager" | "operation" | "apiVersion" | "subresource">): string {
  return JSON.stringify({
    manager: m.manager || undefined,
    operation: m.operation,
    apiVersion: m.operation === "Update" ? m.apiVersion || undefined : undefined,
    subresource: m.subresource || undefined,
  });
}

/** How conflict messages name a manager: `"kubectl"`, `"kubectl-edit" using apps/v1`. */
export function describeManager(
  m: Pick<Manager, "manager" | "operation" | "apiVersion" | "subresource">,
): string {
  let text = JSON.stringify(m.manager);
  if (m.subresource) text += ` with subresource ${JSON.stringify(m.subresource)}`;
  return m.operation === "Update" ? `${text} using ${m.apiVersion}` : text;
}

/** Decodes managedFields leniently (a client may have written them); entries of one identity are merged. */
export function decodeManagers(entries: unknown): Managers {
  const managers: Managers = new Map();
  if (!Array.isArray(entries)) return managers;
  for (const entry of entries) {
    if (!isPlainObject(entry)) continue;
    const manager: Manager = {
      manager: typeof entry.manager === "string" ? entry.manager : "",
      operation: entry.operation === "Apply" ? "Apply" : "Update",
      apiVersion: typeof entry.apiVersion === "string" ? entry.apiVersion : "",
      fields: FieldSet.fromFieldsV1(entry.fieldsV1),
    };
    if (typeof entry.subresource === "string" && entry.subresource) manager.subresource = entry.subresource;
    if (typeof entry.time === "string") manager.time = entry.time;
    const id = managerId(manager);
    const previous = managers.get(id);
    managers.set(id, previous ? { ...manager, fields: previous.fields.union(manager.fields) } : manager);
  }
  return managers;
}

/** Encodes managers as kube-apiserver orders them: appliers first, then by time, manager, API version, subresource. */
function encodeManagers(managers: Managers): ManagedFieldsEntry[] {
  const seconds = (m: Manager) => (m.time ? Math.floor(Date.parse(m.time) / 1000) || 0 : 0);
  const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...managers.values()]
    .filter((m) => !m.fields.isEmpty())
    .sort(
      (a, b) =>
        byKey(a.operation, b.operation) ||
        seconds(a) - seconds(b) ||
        byKey(a.manager, b.manager) ||
        byKey(a.apiVersion, b.apiVersion) ||
        byKey(a.subresource ?? "", b.subresource ?? ""),
    )
    .map((m) => {
      // An entry a client wrote without a time keeps none, as kube-apiserver keeps it.
      const entry = {
        manager: m.manager,
        operation: m.operation,
        apiVersion: m.apiVersion,
        ...(m.time ? { time: m.time } : {}),
        fieldsType: "FieldsV1",
        fieldsV1: m.fields.toFieldsV1(),
      } as ManagedFieldsEntry;
      if (m.subresource) entry.subresource = m.subresource;
      return entry;
    });
}

/** `metav1.Time` precision: RFC 3339 in UTC, whole seconds. */
export function managerTime(now: string): string {
  const ms = Date.parse(now);
  return Number.isNaN(ms) ? now : new Date(ms).toISOString().replace(/\.\d+Z$/, "Z");
}

/** Returns the object with its managedFields replaced (dropped when no manager owns anything). */
export function withManagers<T extends KubeObject>(obj: T, managers: Managers): T {
  const metadata = { ...obj.metadata };
  const entries = encodeManagers(managers);
  if (entries.length > 0) metadata.managedFields = entries;
  else delete metadata.managedFields;
  return { ...obj, metadata };
}

/** Fields kube-apiserver never records an owner for: identity and bookkeeping the server itself sets. */
const SERVER_OWNED_METADATA = [
  "name",
  "namespace",
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "managedFields",
  "selfLink",
];

/** The `metadata` field itself is no owned field either, only what is inside it. */
export const UNTRACKED = FieldSet.of([[fieldElement("metadata")]]);

/**
 * The part of an object whose fields are tracked for a request to `subresource`: the status subresource owns only
 * `status`; every other request everything but `status`. Server-set metadata is left out.
 */
export function trackedView(
  obj: KubeObject | Record<string, unknown>,
  subresource: string | undefined,
): Record<string, unknown> {
  if (subresource === "status")
    return "status" in obj && obj.status !== undefined ? { status: obj.status } : {};
  const {
    apiVersion: _apiVersion,
    kind: _kind,
    status: _status,
    metadata,
    ...rest
  } = obj as Record<string, unknown>;
  const view: Record<string, unknown> = { ...rest };
  if (isPlainObject(metadata)) {
    const tracked = { ...metadata };
    for (const field of SERVER_OWNED_METADATA) delete tracked[field];
    view.metadata = tracked;
  }
  return view;
}

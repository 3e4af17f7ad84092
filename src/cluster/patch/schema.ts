/**
 * The shape of Kubernetes objects as the patch code needs it: which fields a struct declares, what a list or map
 * holds, and how a list merges. Built from the OpenAPI definitions and the merge metadata in merge-keys.ts.
 */
import { definitions, type Schema as OpenApiSchema } from "../openapi/index.js";
import { type PatchMeta, patchMetaFor } from "./merge-keys.js";

/**
 * Structs marked `+structType=atomic` in k8s.io/api: server-side apply owns and replaces them whole. The OpenAPI
 * definitions do not carry the marker, so the few that served kinds use are listed here.
 */
const ATOMIC_STRUCTS: ReadonlySet<string> = new Set([
  "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector",
  "io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference",
  "io.k8s.api.autoscaling.v1.CrossVersionObjectReference",
  "io.k8s.api.autoscaling.v2.CrossVersionObjectReference",
  "io.k8s.api.core.v1.ConfigMapKeySelector",
  "io.k8s.api.core.v1.EndpointAddress",
  "io.k8s.api.core.v1.LocalObjectReference",
  "io.k8s.api.core.v1.NodeSelector",
  "io.k8s.api.core.v1.NodeSelectorTerm",
  "io.k8s.api.core.v1.ObjectFieldSelector",
  "io.k8s.api.core.v1.ObjectReference",
  "io.k8s.api.core.v1.ResourceFieldSelector",
  "io.k8s.api.core.v1.SecretKeySelector",
  "io.k8s.api.core.v1.TypedLocalObjectReference",
]);

/** List-map key fields that Kubernetes defaults, so an item may omit them and still be identified. */
const KEY_DEFAULTS: Readonly<Record<string, unknown>> = { protocol: "TCP" };

export type Schema =
  /** A definition with declared properties. `atomic`: server-side apply treats it as one value. */
  | { kind: "struct"; definition: string; atomic: boolean }
  | { kind: "map"; values: Schema }
  | { kind: "list"; items: Schema; meta: PatchMeta | undefined }
  | { kind: "scalar" }
  /** No schema (unknown definition or undeclared field): maps merge key by key, lists are atomic. */
  | { kind: "untyped" };

export const UNTYPED: Schema = { kind: "untyped" };
const SCALAR: Schema = { kind: "scalar" };

export function isKnownDefinition(definitionName: string): boolean {
  return Object.hasOwn(definitions(), definitionName);
}

/** The schema of a whole object of the given definition (e.g. "io.k8s.api.apps.v1.Deployment"). */
export function schemaOf(definitionName: string): Schema {
  return fromDefinition(definitionName);
}

/** The schema of field `field` inside a value of schema `parent`; undefined when a struct does not declare it. */
export function fieldSchema(parent: Schema, field: string): Schema | undefined {
  switch (parent.kind) {
    case "struct":
      return structField(parent.definition, field);
    case "map":
      return parent.values;
    default:
      return UNTYPED;
  }
}

const fieldsByDefinition = new Map<string, Map<string, Schema | undefined>>();

function structField(definition: string, field: string): Schema | undefined {
  let fields = fieldsByDefinition.get(definition);
  if (!fields) {
    fields = new Map();
    fieldsByDefinition.set(definition, fields);
  }
  if (fields.has(field)) return fields.get(field);
  const def = definitions()[definition];
  const prop = def?.properties && Object.hasOwn(def.properties, field) ? def.properties[field] : undefined;
  const schema = !def?.properties ? UNTYPED : prop && fromProperty(prop, patchMetaFor(definition, field));
  fields.set(field, schema);
  return schema;
}

/** Whether server-side apply handles the value as a whole rather than field by field or item by item. */
export function isAtomic(schema: Schema): boolean {
  if (schema.kind === "struct") return schema.atomic;
  if (schema.kind === "list") return listType(schema) === "atomic";
  return schema.kind === "scalar";
}

/** The list semantics server-side apply uses; lists with a merge strategy but no explicit type are treated alike. */
export function listType(list: Extract<Schema, { kind: "list" }>): "atomic" | "set" | "map" {
  const meta = list.meta;
  if (meta?.listType) return meta.listType;
  if (meta?.strategy?.includes("merge")) return meta.mergeKey ? "map" : "set";
  return "atomic";
}

export function listMapKeys(list: Extract<Schema, { kind: "list" }>): readonly string[] {
  return list.meta?.listMapKeys ?? (list.meta?.mergeKey ? [list.meta.mergeKey] : []);
}

export function keyDefault(field: string): unknown {
  return Object.hasOwn(KEY_DEFAULTS, field) ? KEY_DEFAULTS[field] : undefined;
}

function fromDefinition(name: string): Schema {
  const def = definitions()[name];
  if (!def) return UNTYPED;
  if (def.properties) return { kind: "struct", definition: name, atomic: ATOMIC_STRUCTS.has(name) };
  // Quantity, Time, IntOrString are strings on the wire; FieldsV1 and RawExtension are opaque objects.
  if (def.type === "object") return { kind: "struct", definition: name, atomic: true };
  return SCALAR;
}

function fromProperty(prop: OpenApiSchema, meta: PatchMeta | undefined): Schema {
  if (prop.$ref) return fromDefinition(prop.$ref.replace("#/definitions/", ""));
  if (prop.type === "array")
    return { kind: "list", items: prop.items ? fromProperty(prop.items, undefined) : UNTYPED, meta };
  if (prop.type === "object") {
    const values = prop.additionalProperties;
    return { kind: "map", values: values ? fromProperty(values, undefined) : UNTYPED };
  }
  return SCALAR;
}

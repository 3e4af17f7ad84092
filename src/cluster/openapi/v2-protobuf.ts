import protobuf from "protobufjs";
import { stringify as toYaml } from "yaml";
import { parseMediaTypes } from "../media.js";
import descriptor from "./gnostic-openapiv2.json" with { type: "json" };
import { openApiV2Document } from "./v2.js";

/*
 * kubectl reads /openapi/v2 only as gnostic's protobuf form of the swagger document (openapi.v2.Document),
 * which kube-openapi builds with gnostic's compiler: object keys become fields (camelCase → snake_case,
 * "$ref" → _ref), "x-" keys become NamedAny vendor extensions, JSON objects keyed by user names become
 * repeated Named* pairs, and free-form values (extensions, default, example, enum) become Any.yaml strings.
 * gnostic-openapiv2.json is the descriptor compiled into kubectl 1.32, as protobufjs JSON.
 */

/** The content type kube-openapi answers with for either protobuf media type it accepts. */
export const OPENAPI_V2_PROTOBUF = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";
const PROTOBUF_TYPES = new Set([
  OPENAPI_V2_PROTOBUF,
  "application/com.github.proto-openapi.spec.v2@v1.0+protobuf",
]);

/** The representation of /openapi/v2 to serve for an Accept header, as kube-openapi negotiates it. */
export function openApiV2Format(accept: string | undefined): "json" | "protobuf" | undefined {
  const types = parseMediaTypes(accept);
  if (types.length === 0) return "json";
  for (const { type } of types) {
    if (type === "application/json" || type === "application/*" || type === "*/*") return "json";
    if (PROTOBUF_TYPES.has(type)) return "protobuf";
  }
  return undefined;
}

let root: protobuf.Root | undefined;

/** The gnostic OpenAPI v2 messages, package openapi.v2. */
export function gnosticRoot(): protobuf.Root {
  root ??= protobuf.Root.fromJSON(descriptor as protobuf.INamespace);
  return root;
}

let cached: Uint8Array | undefined;

/** openApiV2Document() as an encoded openapi.v2.Document (GET /openapi/v2 as protobuf). Built once. */
export function openApiV2Protobuf(): Uint8Array {
  if (!cached) {
    const document = gnosticRoot().lookupType("openapi.v2.Document");
    cached = document.encode(toMessage(document, openApiV2Document())).finish();
  }
  return cached;
}

type Json = unknown;
type Message = Record<string, unknown>;

const entries = (value: Json): [string, Json][] => Object.entries(value as Record<string, Json>);
const list = (value: Json): Json[] => (Array.isArray(value) ? value : [value]);
const isRef = (value: Json) => typeof value === "object" && value !== null && "$ref" in value;
const snakeCase = (key: string) =>
  key === "$ref" ? "_ref" : key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function messageType(field: protobuf.Field): protobuf.Type {
  const type = field.resolve().resolvedType;
  if (!(type instanceof protobuf.Type)) throw new Error(`${field.fullName} is not a message field`);
  return type;
}

function fieldValue(field: protobuf.Field, value: Json): unknown {
  if (!field.resolve().resolvedType) return value;
  const type = messageType(field);
  return field.repeated ? list(value).map((v) => toMessage(type, v)) : toMessage(type, value);
}

function named(field: protobuf.Field, name: string, value: Json): Message {
  const valueField = messageType(field).fields.value;
  if (!valueField) throw new Error(`${field.type} is not a Named* pair`);
  return { name, value: fieldValue(valueField, value) };
}

/** The one field a gnostic oneof wrapper sets for a JSON value, as gnostic's compiler chooses it. */
function oneofChoice(type: protobuf.Type, value: Json): string {
  switch (type.name) {
    case "AdditionalPropertiesItem":
      return typeof value === "boolean" ? "boolean" : "schema";
    case "ParametersItem":
      return isRef(value) ? "json_reference" : "parameter";
    case "ResponseValue":
      return isRef(value) ? "json_reference" : "response";
    case "SchemaItem":
      return "schema";
    case "Parameter":
      return (value as { in?: string }).in === "body" ? "body_parameter" : "non_body_parameter";
    case "NonBodyParameter":
      return `${snakeCase(String((value as { in?: string }).in))}_parameter_sub_schema`;
  }
  throw new Error(`no encoding for openapi.v2.${type.name}`);
}

function toMessage(type: protobuf.Type, value: Json): Message {
  switch (type.name) {
    case "Any":
      return { yaml: toYaml(value, { lineWidth: 0 }) };
    case "TypeItem":
    case "StringArray":
      return { value: list(value) };
    case "ItemsItem":
      return { schema: fieldValue(type.fields.schema as protobuf.Field, list(value)) };
  }
  if (type.oneofsArray.length > 0) {
    const choice = oneofChoice(type, value);
    return { [choice]: fieldValue(type.fields[choice] as protobuf.Field, value) };
  }
  const message: Message = {};
  const push = (field: protobuf.Field, item: Message) => {
    const items = message[field.name] as Message[] | undefined;
    if (items) items.push(item);
    else message[field.name] = [item];
  };
  // Maps keyed by user names (definitions, properties, paths, response codes) become Named* pairs.
  const pairs = type.fields.additional_properties ?? type.fields.path ?? type.fields.response_code;
  for (const [key, v] of entries(value)) {
    const extensions = type.fields.vendor_extension;
    if (key.startsWith("x-") && extensions) {
      push(extensions, named(extensions, key, v));
      continue;
    }
    if (pairs?.repeated) {
      push(pairs, named(pairs, key, v));
      continue;
    }
    const field = type.fields[snakeCase(key)];
    if (!field) throw new Error(`openapi.v2.${type.name} has no field for "${key}"`);
    message[field.name] = fieldValue(field, v);
  }
  return message;
}

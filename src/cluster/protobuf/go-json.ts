import protobuf from "protobufjs";
import { base64, int64ToNumber, WELL_KNOWN_JSON } from "./well-known.js";
import type { WireMessage } from "./wire.js";

/**
 * Turns a decoded message into the JSON that Go's encoding/json writes for the same Go struct,
 * following the field options described in schema.ts.
 */
export function toGoJson(type: protobuf.Type, message: WireMessage): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of type.fieldsArray) writeField(out, field, message);
  return out;
}

function writeField(out: Record<string, unknown>, field: protobuf.Field, message: WireMessage): void {
  const options = field.options ?? {};
  const omitempty = options["(omitempty)"] === true;
  const name = typeof options["(json)"] === "string" ? options["(json)"] : field.name;
  const present = Object.hasOwn(message, field.name);
  const value = message[field.name];

  // The wire cannot tell a nil list or map from an empty one; Go decodes both as nil.
  if (field.map) {
    const entries = Object.entries((value ?? {}) as Record<string, unknown>);
    // Go's encoding/json writes map keys sorted.
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.length > 0) out[name] = Object.fromEntries(entries.map(([k, v]) => [k, valueJson(field, v)]));
    else if (!omitempty) out[name] = null;
    return;
  }
  if (field.repeated) {
    const items = (value ?? []) as unknown[];
    if (items.length > 0) out[name] = items.map((v) => valueJson(field, v));
    else if (!omitempty) out[name] = null;
    return;
  }
  if (options["(inline)"] === true) {
    Object.assign(out, toGoJson(messageType(field), (value ?? {}) as WireMessage));
    return;
  }
  if (options["(ptr)"] === true) {
    if (present) out[name] = valueJson(field, value);
    else if (!omitempty) out[name] = null;
    return;
  }
  // A Go value field, which Go always writes: absent means the zero value.
  const json = valueJson(field, present ? value : zeroOf(field));
  if (omitempty && isEmptyScalar(field, json)) return;
  out[name] = json;
}

function valueJson(field: protobuf.Field, value: unknown): unknown {
  switch (field.type) {
    case "int64":
      return int64ToNumber(value);
    case "bytes":
      return value === undefined ? null : base64(value as Uint8Array);
    case "string":
    case "bool":
    case "int32":
      return value;
    default: {
      const type = messageType(field);
      const wellKnown = WELL_KNOWN_JSON.get(type.fullName);
      return wellKnown ? wellKnown(value as WireMessage) : toGoJson(type, value as WireMessage);
    }
  }
}

function zeroOf(field: protobuf.Field): unknown {
  switch (field.type) {
    case "string":
      return "";
    case "bool":
      return false;
    case "int32":
    case "int64":
      return 0;
    case "bytes":
      return undefined;
    default:
      return {};
  }
}

/** Go's omitempty test; struct values are never empty, so messages never are. */
function isEmptyScalar(field: protobuf.Field, json: unknown): boolean {
  if (field.resolvedType instanceof protobuf.Type) return false;
  return json === "" || json === 0 || json === false || json === null;
}

function messageType(field: protobuf.Field): protobuf.Type {
  if (field.resolvedType instanceof protobuf.Type) return field.resolvedType;
  throw new Error(`field ${field.fullName} is not a message`);
}

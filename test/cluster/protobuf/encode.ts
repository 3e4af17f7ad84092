import protobuf from "protobufjs";
import { PROTOBUF_MAGIC } from "../../../src/cluster/protobuf/index.js";
import { kubeRoot, messageTypeFor, UNKNOWN_TYPE } from "../../../src/cluster/protobuf/schema.js";

/**
 * The inverse of decodeProtobufObject for tests: writes an object's Go JSON as Kubernetes protobuf
 * with the same schemas, the way client-go would have.
 */
export function encodeProtobufObject(object: {
  apiVersion: string;
  kind: string;
  [field: string]: unknown;
}): Buffer {
  const { apiVersion, kind } = object;
  const type = messageTypeFor(apiVersion, kind);
  if (!type) throw new Error(`no message for ${apiVersion} ${kind}`);
  const raw = type.encode(toWire(type, object)).finish();
  return wrap(apiVersion, kind, raw);
}

/** Puts a message in the runtime.Unknown envelope behind the magic bytes. */
export function wrap(apiVersion: string, kind: string, raw: Uint8Array): Buffer {
  const envelope = kubeRoot()
    .lookupType(UNKNOWN_TYPE)
    .encode({ typeMeta: { apiVersion, kind }, raw })
    .finish();
  return Buffer.concat([PROTOBUF_MAGIC, envelope]);
}

function toWire(type: protobuf.Type, json: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of type.fieldsArray) {
    const options = field.options ?? {};
    if (options["(inline)"] === true) {
      out[field.name] = toWire(field.resolvedType as protobuf.Type, json);
      continue;
    }
    const value = json[(options["(json)"] as string | undefined) ?? field.name];
    if (value === undefined || value === null) continue;
    if (field.map) {
      out[field.name] = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, wireValue(field, v)]),
      );
    } else if (field.repeated) {
      out[field.name] = (value as unknown[]).map((v) => wireValue(field, v));
    } else {
      out[field.name] = wireValue(field, value);
    }
  }
  return out;
}

function wireValue(field: protobuf.Field, value: unknown): unknown {
  if (field.type === "bytes") return Buffer.from(value as string, "base64");
  const type = field.resolvedType;
  if (!(type instanceof protobuf.Type)) return value;
  switch (type.fullName) {
    case ".k8s.io.apimachinery.pkg.apis.meta.v1.Time":
    case ".k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime": {
      const text = value as string;
      const fraction = /\.(\d+)Z$/.exec(text)?.[1] ?? "";
      return {
        seconds: Math.floor(Date.parse(text) / 1000),
        nanos: Number(fraction.padEnd(9, "0")),
      };
    }
    case ".k8s.io.apimachinery.pkg.api.resource.Quantity":
      return { string: value };
    case ".k8s.io.apimachinery.pkg.util.intstr.IntOrString":
      return typeof value === "number" ? { type: 0, intVal: value } : { type: 1, strVal: value };
    case ".k8s.io.apimachinery.pkg.runtime.RawExtension":
      return { raw: Buffer.from(JSON.stringify(value)) };
    case ".k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1":
      return { Raw: Buffer.from(JSON.stringify(value)) };
    case ".k8s.io.api.authentication.v1.ExtraValue":
      return { items: value };
    default:
      return toWire(type, value as Record<string, unknown>);
  }
}

import { ProtobufDecodeError } from "./errors.js";
import type { WireMessage } from "./wire.js";

/** protobufjs reads int64 as a Long object (the `long` package is installed) or as a number. */
export function int64ToNumber(value: unknown): number {
  return typeof value === "number" ? value : (value as { toNumber(): number }).toNumber();
}

export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/** Seconds of Go's zero time.Time (0001-01-01T00:00:00Z), which metav1.Time writes as JSON null. */
const GO_ZERO_TIME_SECONDS = -62135596800;

/** metav1.Time and MicroTime: Go writes an empty message for the zero time, and the zero time as null. */
function formatTime(m: WireMessage, micro: boolean): string | null {
  if (!Object.hasOwn(m, "seconds") && !Object.hasOwn(m, "nanos")) return null;
  const seconds = int64ToNumber(m.seconds ?? 0);
  const nanos = Number(m.nanos ?? 0);
  if (seconds === GO_ZERO_TIME_SECONDS && nanos === 0) return null;
  const date = new Date(seconds * 1000);
  const iso = Number.isNaN(date.getTime()) ? "" : date.toISOString();
  if (!/^\d{4}-/.test(iso)) throw new ProtobufDecodeError(`time out of range: ${seconds} seconds`);
  const whole = iso.slice(0, 19);
  return micro ? `${whole}.${String(Math.floor(nanos / 1000)).padStart(6, "0")}Z` : `${whole}Z`;
}

function intOrString(m: WireMessage): number | string {
  const type = int64ToNumber(m.type ?? 0);
  if (type === 0) return Number(m.intVal ?? 0);
  if (type === 1) return (m.strVal as string | undefined) ?? "";
  throw new ProtobufDecodeError(`IntOrString has impossible type ${type}`);
}

/** RawExtension and FieldsV1 carry a JSON document, which Go's JSON embeds as is (nil becomes null). */
function embeddedJson(raw: unknown, what: string): unknown {
  if (!(raw instanceof Uint8Array) || raw.length === 0) return null;
  try {
    return JSON.parse(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("utf8"));
  } catch {
    throw new ProtobufDecodeError(`${what} does not hold JSON`);
  }
}

/** Messages whose Go types marshal JSON their own way, keyed by protobufjs full name. */
export const WELL_KNOWN_JSON: ReadonlyMap<string, (m: WireMessage) => unknown> = new Map([
  [".k8s.io.apimachinery.pkg.apis.meta.v1.Time", (m: WireMessage) => formatTime(m, false)],
  [".k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime", (m: WireMessage) => formatTime(m, true)],
  // The sender canonicalised the quantity before writing it; a Go zero Quantity reads "0".
  [
    ".k8s.io.apimachinery.pkg.api.resource.Quantity",
    (m: WireMessage) => (m.string as string | undefined) || "0",
  ],
  [".k8s.io.apimachinery.pkg.util.intstr.IntOrString", intOrString],
  [".k8s.io.apimachinery.pkg.runtime.RawExtension", (m: WireMessage) => embeddedJson(m.raw, "RawExtension")],
  [".k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1", (m: WireMessage) => embeddedJson(m.Raw, "FieldsV1")],
  // A Go []string that protobuf wraps in a message; decoded into a map value, it is an empty list, never nil.
  [".k8s.io.api.authentication.v1.ExtraValue", (m: WireMessage) => (m.items as string[] | undefined) ?? []],
]);

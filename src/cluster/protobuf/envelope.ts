import { PROTOBUF_CONTENT_TYPE } from "./content-type.js";
import { ProtobufDecodeError } from "./errors.js";
import { kubeRoot, UNKNOWN_TYPE } from "./schema.js";
import { decodeMessage } from "./wire.js";

/** Every Kubernetes protobuf body starts with these bytes: "k8s" and a NUL. */
export const PROTOBUF_MAGIC = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);

export interface Envelope {
  apiVersion: string;
  kind: string;
  /** The object's own message. */
  raw: Uint8Array;
}

/** Unwraps the magic prefix and the runtime.Unknown message around an object. */
export function readEnvelope(body: Uint8Array): Envelope {
  if (body.length < PROTOBUF_MAGIC.length || PROTOBUF_MAGIC.some((b, i) => body[i] !== b)) {
    throw new ProtobufDecodeError('protobuf body does not start with the "k8s\\0" magic bytes');
  }
  const type = kubeRoot().lookupType(UNKNOWN_TYPE);
  const unknown = decodeMessage(type, body.subarray(PROTOBUF_MAGIC.length), "runtime.Unknown envelope");
  const typeMeta = (unknown.typeMeta ?? {}) as { apiVersion?: string; kind?: string };
  const { apiVersion = "", kind = "" } = typeMeta;
  if (apiVersion === "" || kind === "") {
    throw new ProtobufDecodeError("protobuf envelope has no apiVersion or kind");
  }
  const contentEncoding = (unknown.contentEncoding as string | undefined) ?? "";
  if (contentEncoding !== "") {
    throw new ProtobufDecodeError(
      `protobuf envelope has unsupported contentEncoding "${contentEncoding}"`,
      415,
    );
  }
  const contentType = (unknown.contentType as string | undefined) ?? "";
  if (contentType !== "" && contentType !== PROTOBUF_CONTENT_TYPE) {
    throw new ProtobufDecodeError(`protobuf envelope holds unsupported contentType "${contentType}"`, 415);
  }
  return { apiVersion, kind, raw: (unknown.raw as Uint8Array | undefined) ?? new Uint8Array() };
}

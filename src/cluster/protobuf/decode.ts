import type { KubeObject } from "../types.js";
import { readEnvelope } from "./envelope.js";
import { ProtobufDecodeError } from "./errors.js";
import { toGoJson } from "./go-json.js";
import { messageTypeFor } from "./schema.js";
import { decodeMessage } from "./wire.js";

/**
 * Decodes an `application/vnd.kubernetes.protobuf` request body into the JSON object the client would have
 * sent with `application/json`. Throws ProtobufDecodeError for a malformed body or a kind not served.
 */
export function decodeProtobufObject(body: Uint8Array): KubeObject {
  const { apiVersion, kind, raw } = readEnvelope(body);
  const type = messageTypeFor(apiVersion, kind);
  if (!type)
    throw new ProtobufDecodeError(`protobuf is not supported for kind ${kind} in ${apiVersion}`, 415);
  const json = toGoJson(type, decodeMessage(type, raw, kind));
  // Go writes TypeMeta's kind before apiVersion; metadata is a struct value, so always present.
  return { kind, apiVersion, ...json } as KubeObject;
}

import type protobuf from "protobufjs";
import { ProtobufDecodeError } from "./errors.js";

/** A decoded message: own properties are the fields present on the wire (proto2 keeps presence). */
export type WireMessage = Record<string, unknown>;

export function decodeMessage(type: protobuf.Type, bytes: Uint8Array, what: string): WireMessage {
  try {
    return type.decode(bytes) as unknown as WireMessage;
  } catch (err) {
    throw new ProtobufDecodeError(`malformed protobuf in ${what}: ${(err as Error).message}`);
  }
}

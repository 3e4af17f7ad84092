export { isProtobufContentType, PROTOBUF_CONTENT_TYPE } from "./content-type.js";
export { decodeProtobufObject } from "./decode.js";
export { PROTOBUF_MAGIC } from "./envelope.js";
export { ProtobufDecodeError } from "./errors.js";

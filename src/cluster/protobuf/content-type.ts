export const PROTOBUF_CONTENT_TYPE = "application/vnd.kubernetes.protobuf";

/** True for Kubernetes' protobuf media type, whatever its parameters or letter case. */
export function isProtobufContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const mediaType = contentType.split(";", 1)[0] ?? "";
  return mediaType.trim().toLowerCase() === PROTOBUF_CONTENT_TYPE;
}

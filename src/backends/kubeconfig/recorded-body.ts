/**
 * The request body an audit entry keeps, decoded as kube-apiserver would: JSON, YAML (apply patches and
 * application/yaml) or Kubernetes protobuf for the kinds the embedded cluster knows; anything else is left out.
 */
import { parse as parseYaml } from "yaml";
import { parseMediaTypes } from "../../cluster/media.js";
import { decodeProtobufObject, isProtobufContentType } from "../../cluster/protobuf/index.js";

const YAML_TYPES = new Set(["application/yaml", "application/apply-patch+yaml"]);

export function recordedBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  try {
    if (isProtobufContentType(contentType)) return decodeProtobufObject(raw);
    const type = parseMediaTypes(contentType)[0]?.type ?? "application/json";
    const text = raw.toString("utf8");
    return YAML_TYPES.has(type) ? parseYaml(text) : JSON.parse(text);
  } catch {
    // Upstream refuses a body it cannot decode either; the entry's code tells that story.
    return undefined;
  }
}

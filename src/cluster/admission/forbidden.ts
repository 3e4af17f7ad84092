import { goQuote } from "../auth/go-quote.js";
import { qualifiedResource, StatusError } from "../errors.js";
import type { KubeObject, ResourceType } from "../types.js";

/**
 * admission.NewForbidden: `pods "web-abc12" is forbidden: <why>`. The name is the object's (generated
 * names are known by the time admission validates), else its generateName.
 */
export function admissionForbidden(rt: ResourceType, object: KubeObject, why: string): StatusError {
  const name = object.metadata.name || object.metadata.generateName || "Unknown";
  return new StatusError(
    403,
    "Forbidden",
    `${qualifiedResource(rt.group, rt.resource)} ${goQuote(name)} is forbidden: ${why}`,
    { name, group: rt.group || undefined, kind: rt.resource },
  );
}

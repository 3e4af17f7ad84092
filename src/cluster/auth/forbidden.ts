import { qualifiedResource, type StatusDetails, StatusError } from "../errors.js";
import type { RequestAttributes } from "./attributes.js";
import { goQuote } from "./go-quote.js";

/**
 * The message of the 403 Status a refused request gets, exactly as kube-apiserver forms it, e.g.
 * `deployments.apps "web" is forbidden: User "u" cannot get resource "deployments" in API group "apps" in the namespace "default"`.
 * Pass the Decision's reason: a non-empty one is appended after a colon, as the real server does.
 */
export function forbiddenMessage(attrs: RequestAttributes, reason = ""): string {
  const detail =
    reason === "" ? sanitize(describeRefusal(attrs)) : `${sanitize(describeRefusal(attrs))}: ${reason}`;
  if (attrs.apiGroup === "" && attrs.resource === "") return `forbidden: ${detail}`;
  // The subresource is not part of the qualified name: `deployments.apps "web"` even for deployments/scale.
  const qualified = qualifiedResource(attrs.apiGroup, attrs.resource);
  if (attrs.name === "") return `${qualified} is forbidden: ${detail}`;
  return `${qualified} ${goQuote(attrs.name)} is forbidden: ${detail}`;
}

/** The whole 403 error, with the Status details (group, resource as kind, name) the real server sends. */
export function forbidden(attrs: RequestAttributes, reason = ""): StatusError {
  const details: StatusDetails = {};
  if (attrs.name !== "") details.name = attrs.name;
  if (attrs.apiGroup !== "") details.group = attrs.apiGroup;
  if (attrs.resource !== "") details.kind = attrs.resource;
  return new StatusError(403, "Forbidden", forbiddenMessage(attrs, reason), details);
}

function describeRefusal(attrs: RequestAttributes): string {
  const who = `User ${goQuote(attrs.user.username)}`;
  if (!attrs.resourceRequest) return `${who} cannot ${attrs.verb} path ${goQuote(attrs.path)}`;
  const resource = attrs.subresource === "" ? attrs.resource : `${attrs.resource}/${attrs.subresource}`;
  const scope =
    attrs.namespace === "" ? "at the cluster scope" : `in the namespace ${goQuote(attrs.namespace)}`;
  return `${who} cannot ${attrs.verb} resource ${goQuote(resource)} in API group ${goQuote(attrs.apiGroup)} ${scope}`;
}

/** The API server keeps its refusals from looking like HTML; quotes are left alone. */
function sanitize(s: string): string {
  return s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

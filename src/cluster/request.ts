/** Parsing a request URL into what the API server routes on (Kubernetes' RequestInfo). */
import { findResourceType } from "./resources.js";
import type { ResourceType } from "./types.js";

export type RequestInfo =
  | { kind: "nonResource"; path: string }
  | {
      kind: "resource";
      group: string;
      version: string;
      resource: string;
      /** Undefined when the resource is not served (404 with the real message). */
      type: ResourceType | undefined;
      namespace: string | undefined;
      name: string | undefined;
      subresource: string | undefined;
      /** What follows a proxy subresource: `/metrics` in `.../services/web:80/proxy/metrics`. */
      subpath: string;
    };

const NAMESPACE_SUBRESOURCES = new Set(["status", "finalize"]);

export function parseRequestPath(pathname: string): RequestInfo {
  const parts = pathname
    .split("/")
    .filter((p) => p !== "")
    .map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === "api" && parts.length >= 3) {
    group = "";
    version = parts[1] as string;
    rest = parts.slice(2);
  } else if (parts[0] === "apis" && parts.length >= 4) {
    group = parts[1] as string;
    version = parts[2] as string;
    rest = parts.slice(3);
  } else {
    return { kind: "nonResource", path: pathname };
  }
  let namespace: string | undefined;
  // As in Kubernetes' RequestInfo: "namespaces/NAME/X" scopes X to the namespace, except the namespace's own
  // subresources; and a request on the namespace object carries the namespace too (RBAC relies on it).
  if (rest[0] === "namespaces" && rest.length >= 2) {
    namespace = rest[1];
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2] as string)) rest = rest.slice(2);
  }
  const resource = rest[0] as string;
  const name = rest[1];
  const subresource = rest[2];
  const subpath = rest.length > 3 ? `/${rest.slice(3).join("/")}` : "";
  return {
    kind: "resource",
    group,
    version,
    resource,
    type: findResourceType(group, version, resource),
    namespace,
    name,
    subresource,
    subpath,
  };
}

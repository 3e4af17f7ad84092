/**
 * What kube-apiserver's RequestInfo makes of a proxied request, so the proxy's audit entries mean what the
 * embedded cluster's do: the verb RBAC sees (list or watch for a collection GET, deletecollection, the legacy
 * /watch/ and /proxy/ prefixes) and the object the request targets.
 */
import type { AuditEntry } from "../../cluster/audit.js";
import { qualifiedResource } from "../../cluster/errors.js";
import { parseRequestPath, type RequestInfo } from "../../cluster/request.js";
import { parseFieldSelector } from "../../cluster/selectors.js";

export interface ProxiedRequestInfo {
  verb: string;
  info: RequestInfo;
}

/** The fields of an audit entry that the request line alone determines. */
export type AuditTarget = Pick<
  AuditEntry,
  "verb" | "resource" | "subresource" | "namespace" | "name" | "path"
>;

const METHOD_VERBS: Record<string, string> = {
  GET: "get",
  HEAD: "get",
  POST: "create",
  PUT: "update",
  PATCH: "patch",
  DELETE: "delete",
};

/** `/api/v1/watch/…` and `/apis/apps/v1/proxy/…`: the verb comes from the path, not the method. */
const PATH_VERB = /^(\/api\/[^/]+|\/apis\/[^/]+\/[^/]+)\/(watch|proxy)(\/.+)$/;

/** The spellings Go's strconv.ParseBool reads as true, which is how the `watch` parameter is decoded. */
const GO_TRUE = new Set(["1", "t", "T", "true", "TRUE", "True"]);

export function requestInfoOf(method: string, url: URL): ProxiedRequestInfo {
  const pathVerb = PATH_VERB.exec(url.pathname);
  const info = parsePath(pathVerb ? `${pathVerb[1]}${pathVerb[3]}` : url.pathname);
  if (info.kind === "nonResource") {
    return { verb: method.toLowerCase(), info: { kind: "nonResource", path: url.pathname } };
  }
  if (pathVerb) return { verb: pathVerb[2] as string, info };
  let verb = METHOD_VERBS[method] ?? method.toLowerCase();
  if (verb === "get" && info.name === undefined) {
    verb = GO_TRUE.has(url.searchParams.get("watch") ?? "") ? "watch" : "list";
    // kube-apiserver treats a collection request selecting one metadata.name as a request on that object.
    const name = selectedName(url.searchParams.get("fieldSelector"));
    if (name !== undefined) return { verb, info: { ...info, name } };
  }
  if (verb === "delete" && info.name === undefined) verb = "deletecollection";
  return { verb, info };
}

export function auditTarget({ verb, info }: ProxiedRequestInfo): AuditTarget {
  if (info.kind === "nonResource") return { verb, resource: "", path: info.path };
  return {
    verb,
    resource: qualifiedResource(info.group, info.resource),
    ...(info.subresource ? { subresource: info.subresource } : {}),
    ...(info.namespace ? { namespace: info.namespace } : {}),
    ...(info.name ? { name: info.name } : {}),
  };
}

function parsePath(pathname: string): RequestInfo {
  try {
    return parseRequestPath(pathname);
  } catch {
    // A malformed percent-escape: upstream answers it; the entry keeps the raw path.
    return { kind: "nonResource", path: pathname };
  }
}

function selectedName(fieldSelector: string | null): string | undefined {
  if (!fieldSelector) return undefined;
  try {
    const exact = parseFieldSelector(fieldSelector).find((r) => r.field === "metadata.name" && r.op === "=");
    // As path.IsValidPathSegmentName: a name that could not appear in a path is not taken as one.
    if (!exact || exact.value === "." || exact.value === ".." || /[/%]/.test(exact.value)) return undefined;
    return exact.value;
  } catch {
    return undefined;
  }
}

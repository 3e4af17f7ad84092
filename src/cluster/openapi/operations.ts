import { RESOURCE_TYPES } from "../resources.js";
import { apiVersionOf, type ResourceType } from "../types.js";
import { definitionForKind } from "./definitions.js";
import type { GroupVersionKind } from "./schema.js";

/** The REST operations of one group-version, in a form both the v2 and the v3 documents render. */

export type Method = "get" | "put" | "post" | "patch" | "delete" | "head" | "options";
export type Action = "get" | "list" | "post" | "put" | "patch" | "delete" | "deletecollection" | "connect";
export type PathParam = "namespace" | "name" | "path";

export interface QueryParam {
  name: string;
  type: "string" | "integer" | "boolean";
  description: string;
  uniqueItems?: boolean;
}

export interface Operation {
  method: Method;
  action: Action;
  operationId: string;
  description: string;
  gvk: GroupVersionKind;
  query: readonly QueryParam[];
  /** The request body's definition; a PATCH body accepts the four patch content types. */
  body?: string;
  /** Response codes with the definition returned, or "text" for plain output (logs, proxied bodies). */
  responses: ReadonlyArray<[code: number, returns: string]>;
}

export interface PathItem {
  path: string;
  params: readonly PathParam[];
  operations: Operation[];
}

export const PATCH_CONTENT_TYPES = [
  "application/apply-patch+yaml",
  "application/json-patch+json",
  "application/merge-patch+json",
  "application/strategic-merge-patch+json",
] as const;

export const PATH_PARAM_DESCRIPTIONS: Readonly<Record<PathParam, string>> = {
  name: "name of the object",
  namespace: "object name and auth scope, such as for teams and projects",
  path: "path to the resource",
};

const q = (name: string, type: QueryParam["type"], description: string, uniqueItems = false): QueryParam =>
  uniqueItems ? { name, type, description, uniqueItems } : { name, type, description };

const dryRun = q(
  "dryRun",
  "string",
  "When present, indicates that modifications should not be persisted. Valid values are: - All: all dry run stages will be processed",
  true,
);
const fieldManager = q(
  "fieldManager",
  "string",
  "fieldManager is a name associated with the actor or entity that is making these changes.",
  true,
);
const fieldValidation = q(
  "fieldValidation",
  "string",
  "fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are: - Ignore - Warn - Strict",
  true,
);
const force = q(
  "force",
  "boolean",
  'Force is going to "force" Apply requests: it re-acquires conflicting fields owned by other managers.',
  true,
);
const LIST = [
  q(
    "allowWatchBookmarks",
    "boolean",
    'allowWatchBookmarks requests watch events with type "BOOKMARK".',
    true,
  ),
  q(
    "continue",
    "string",
    "The continue option should be set when retrieving more results from the server.",
    true,
  ),
  q("fieldSelector", "string", "A selector to restrict the list of returned objects by their fields.", true),
  q("labelSelector", "string", "A selector to restrict the list of returned objects by their labels.", true),
  q("limit", "integer", "limit is a maximum number of responses to return for a list call.", true),
  q(
    "resourceVersion",
    "string",
    "resourceVersion sets a constraint on what resource versions a request may be served from.",
    true,
  ),
  q(
    "resourceVersionMatch",
    "string",
    "resourceVersionMatch determines how resourceVersion is applied to list calls.",
    true,
  ),
  q("sendInitialEvents", "boolean", "`sendInitialEvents=true` may be set together with `watch=true`.", true),
  q("timeoutSeconds", "integer", "Timeout for the list/watch call.", true),
  q(
    "watch",
    "boolean",
    "Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.",
    true,
  ),
];
const DELETE = [
  dryRun,
  q("gracePeriodSeconds", "integer", "The duration in seconds before the object should be deleted.", true),
  q("orphanDependents", "boolean", "Deprecated: please use the PropagationPolicy.", true),
  q(
    "propagationPolicy",
    "string",
    "Whether and how garbage collection will be performed: 'Orphan', 'Background' or 'Foreground'.",
    true,
  ),
];
const WRITE = [dryRun, fieldManager, fieldValidation];
const PATCH = [...WRITE, force];
const LOG = [
  q("container", "string", "The container for which to stream logs.", true),
  q("follow", "boolean", "Follow the log stream of the pod.", true),
  q(
    "limitBytes",
    "integer",
    "If set, the number of bytes to read from the server before terminating the log output.",
    true,
  ),
  q("previous", "boolean", "Return previous terminated container logs.", true),
  q(
    "sinceSeconds",
    "integer",
    "A relative time in seconds before the current time from which to show logs.",
    true,
  ),
  q("tailLines", "integer", "If set, the number of lines from the end of the logs to show.", true),
  q(
    "timestamps",
    "boolean",
    "If true, add an RFC3339 timestamp at the beginning of every line of log output.",
    true,
  ),
];
const EXEC = [
  q("command", "string", "Command is the remote command to execute.", true),
  q("container", "string", "Container in which to execute the command.", true),
  q("stderr", "boolean", "Redirect the standard error stream of the pod for this call.", true),
  q("stdin", "boolean", "Redirect the standard input stream of the pod for this call.", true),
  q("stdout", "boolean", "Redirect the standard output stream of the pod for this call.", true),
  q("tty", "boolean", "TTY if true indicates that a tty will be allocated for the exec call.", true),
];

const META = "io.k8s.apimachinery.pkg.apis.meta.v1";
const STATUS = `${META}.Status`;
const DELETE_OPTIONS = `${META}.DeleteOptions`;
/** The `returns` of an operation whose response is plain text. */
export const TEXT_RESPONSE = "text";
const TEXT = TEXT_RESPONSE;

/** "rbac.authorization.k8s.io" → "RbacAuthorization", "" → "Core", as in Kubernetes operation ids. */
function groupWord(group: string): string {
  if (group === "") return "Core";
  return group
    .replace(/\.k8s\.io$/, "")
    .split(".")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function pathsOf(t: ResourceType): PathItem[] {
  const apiVersion = apiVersionOf(t);
  const base = t.group === "" ? `/api/${t.version}` : `/apis/${t.group}/${t.version}`;
  const kindDef = definitionForKind(apiVersion, t.kind);
  if (!kindDef) throw new Error(`no OpenAPI definition for ${apiVersion} ${t.kind}`);
  const listDef = definitionForKind(apiVersion, `${t.kind}List`);
  const gvk = { group: t.group, version: t.version, kind: t.kind };
  const id = (verb: string, suffix = "") =>
    `${verb}${groupWord(t.group)}${cap(t.version)}${t.namespaced ? "Namespaced" : ""}${t.kind}${suffix}`;
  const has = (verb: ResourceType["verbs"][number]) => t.verbs.includes(verb);
  const scope: PathParam[] = t.namespaced ? ["namespace"] : [];
  const collection = t.namespaced ? `${base}/namespaces/{namespace}/${t.resource}` : `${base}/${t.resource}`;
  const item = `${collection}/{name}`;

  const op = (o: Omit<Operation, "gvk"> & { gvk?: GroupVersionKind }): Operation => ({ gvk, ...o });
  const items: PathItem[] = [];

  const collectionOps: Operation[] = [];
  if (has("list") && listDef) {
    collectionOps.push(
      op({
        method: "get",
        action: "list",
        operationId: id("list"),
        description: `list or watch objects of kind ${t.kind}`,
        query: LIST,
        responses: [[200, listDef]],
      }),
    );
  }
  if (has("create")) {
    collectionOps.push(
      op({
        method: "post",
        action: "post",
        operationId: id("create"),
        description: `create a ${t.kind}`,
        query: WRITE,
        body: kindDef,
        responses: [
          [200, kindDef],
          [201, kindDef],
          [202, kindDef],
        ],
      }),
    );
  }
  if (has("deletecollection")) {
    collectionOps.push(
      op({
        method: "delete",
        action: "deletecollection",
        operationId: id("deleteCollection"),
        description: `delete collection of ${t.kind}`,
        query: [...LIST, ...DELETE],
        body: DELETE_OPTIONS,
        responses: [[200, STATUS]],
      }),
    );
  }
  if (collectionOps.length > 0) items.push({ path: collection, params: scope, operations: collectionOps });

  if (t.namespaced && has("list") && listDef) {
    items.push({
      path: `${base}/${t.resource}`,
      params: [],
      operations: [
        op({
          method: "get",
          action: "list",
          operationId: `list${groupWord(t.group)}${cap(t.version)}${t.kind}ForAllNamespaces`,
          description: `list or watch objects of kind ${t.kind}`,
          query: LIST,
          responses: [[200, listDef]],
        }),
      ],
    });
  }

  const itemParams: PathParam[] = ["name", ...scope];
  const itemOps: Operation[] = [];
  if (has("get")) {
    itemOps.push(
      op({
        method: "get",
        action: "get",
        operationId: id("read"),
        description: `read the specified ${t.kind}`,
        query: [],
        responses: [[200, kindDef]],
      }),
    );
  }
  if (has("update")) itemOps.push(replace(op, id("replace"), `replace the specified ${t.kind}`, kindDef));
  if (has("patch")) itemOps.push(patch(op, id("patch"), `partially update the specified ${t.kind}`, kindDef));
  if (has("delete")) {
    itemOps.push(
      op({
        method: "delete",
        action: "delete",
        operationId: id("delete"),
        description: `delete a ${t.kind}`,
        query: DELETE,
        body: DELETE_OPTIONS,
        responses: [
          [200, STATUS],
          [202, STATUS],
        ],
      }),
    );
  }
  if (itemOps.length > 0) items.push({ path: item, params: itemParams, operations: itemOps });

  for (const sub of t.subresources) {
    const operations = subresourceOps(sub, t, kindDef, op, (verb: string) => id(verb, cap(sub)));
    if (operations.length > 0) items.push({ path: `${item}/${sub}`, params: itemParams, operations });
  }
  if (t.subresources.includes("proxy")) {
    const operations = subresourceOps("proxy", t, kindDef, op, (verb: string) => id(verb, "ProxyWithPath"));
    items.push({ path: `${item}/proxy/{path}`, params: ["name", ...scope, "path"], operations });
  }
  return items;
}

type OpFactory = (o: Omit<Operation, "gvk"> & { gvk?: GroupVersionKind }) => Operation;

function replace(
  op: OpFactory,
  operationId: string,
  description: string,
  def: string,
  gvk?: GroupVersionKind,
) {
  return op({
    method: "put",
    action: "put",
    operationId,
    description,
    query: WRITE,
    body: def,
    responses: [
      [200, def],
      [201, def],
    ],
    ...(gvk ? { gvk } : {}),
  });
}

function patch(op: OpFactory, operationId: string, description: string, def: string, gvk?: GroupVersionKind) {
  return op({
    method: "patch",
    action: "patch",
    operationId,
    description,
    query: PATCH,
    body: `${META}.Patch`,
    responses: [
      [200, def],
      [201, def],
    ],
    ...(gvk ? { gvk } : {}),
  });
}

function read(op: OpFactory, operationId: string, description: string, def: string, gvk?: GroupVersionKind) {
  return op({
    method: "get",
    action: "get",
    operationId,
    description,
    query: [],
    responses: [[200, def]],
    ...(gvk ? { gvk } : {}),
  });
}

function subresourceOps(
  sub: string,
  t: ResourceType,
  kindDef: string,
  op: OpFactory,
  id: (verb: string) => string,
): Operation[] {
  const core = (kind: string): GroupVersionKind => ({ group: "", version: "v1", kind });
  const connect = (methods: Method[], kind: string, query: readonly QueryParam[]): Operation[] =>
    methods.map((method) =>
      op({
        method,
        action: "connect",
        operationId: id(`connect${cap(method)}`),
        description: `connect ${method.toUpperCase()} requests to ${sub} of ${t.kind}`,
        gvk: core(kind),
        query,
        responses: [[200, TEXT]],
      }),
    );
  const created = (def: string, gvk: GroupVersionKind, description: string): Operation =>
    op({
      method: "post",
      action: "post",
      operationId: id("create"),
      description,
      gvk,
      query: WRITE,
      body: def,
      responses: [
        [200, def],
        [201, def],
        [202, def],
      ],
    });
  switch (sub) {
    case "status":
    case "ephemeralcontainers":
      return [
        read(op, id("read"), `read ${sub} of the specified ${t.kind}`, kindDef),
        replace(op, id("replace"), `replace ${sub} of the specified ${t.kind}`, kindDef),
        patch(op, id("patch"), `partially update ${sub} of the specified ${t.kind}`, kindDef),
      ];
    case "scale": {
      const scale = "io.k8s.api.autoscaling.v1.Scale";
      const gvk = { group: "autoscaling", version: "v1", kind: "Scale" };
      return [
        read(op, id("read"), `read scale of the specified ${t.kind}`, scale, gvk),
        replace(op, id("replace"), `replace scale of the specified ${t.kind}`, scale, gvk),
        patch(op, id("patch"), `partially update scale of the specified ${t.kind}`, scale, gvk),
      ];
    }
    case "finalize":
      return [replace(op, id("replace"), `replace finalize of the specified ${t.kind}`, kindDef)];
    case "log":
      return [
        op({
          method: "get",
          action: "get",
          operationId: id("read"),
          description: `read log of the specified ${t.kind}`,
          query: LOG,
          responses: [[200, TEXT]],
        }),
      ];
    case "exec":
      return connect(["get", "post"], "PodExecOptions", EXEC);
    case "attach":
      return connect(
        ["get", "post"],
        "PodAttachOptions",
        EXEC.filter((p) => p.name !== "command"),
      );
    case "portforward":
      return connect(["get", "post"], "PodPortForwardOptions", [
        q("ports", "integer", "List of ports to forward.", true),
      ]);
    case "proxy":
      return connect(["delete", "get", "head", "options", "patch", "post", "put"], `${t.kind}ProxyOptions`, [
        q("path", "string", "Path is the URL path to use for the current proxy request.", true),
      ]);
    case "eviction":
      return [
        created(
          "io.k8s.api.policy.v1.Eviction",
          { group: "policy", version: "v1", kind: "Eviction" },
          `create eviction of a ${t.kind}`,
        ),
      ];
    case "binding":
      return [created("io.k8s.api.core.v1.Binding", core("Binding"), `create binding of a ${t.kind}`)];
    case "token":
      return [
        created(
          "io.k8s.api.authentication.v1.TokenRequest",
          { group: "authentication.k8s.io", version: "v1", kind: "TokenRequest" },
          `create token of a ${t.kind}`,
        ),
      ];
    default:
      return [];
  }
}

/** The paths of the group-version "api/v1" or "apis/<group>/<version>", in discovery order. */
export function pathsOfGroupVersion(group: string, version: string): PathItem[] {
  return RESOURCE_TYPES.filter((t) => t.group === group && t.version === version).flatMap(pathsOf);
}

/** Every served group-version as its OpenAPI v3 path: "api/v1", "apis/apps/v1", … */
export function groupVersionPaths(): { path: string; group: string; version: string }[] {
  const seen = new Map<string, { path: string; group: string; version: string }>();
  for (const t of RESOURCE_TYPES) {
    const path = t.group === "" ? `api/${t.version}` : `apis/${t.group}/${t.version}`;
    if (!seen.has(path)) seen.set(path, { path, group: t.group, version: t.version });
  }
  return [...seen.values()];
}

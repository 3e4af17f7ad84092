import { definitions } from "./definitions.js";
import {
  groupVersionPaths,
  type Operation,
  PATCH_CONTENT_TYPES,
  PATH_PARAM_DESCRIPTIONS,
  type PathItem,
  pathsOfGroupVersion,
  TEXT_RESPONSE,
} from "./operations.js";
import { KUBERNETES_VERSION } from "./version.js";

const ref = (name: string) => ({ $ref: `#/definitions/${name}` });

function operationV2(o: Operation, tag: string): Record<string, unknown> {
  const parameters: Record<string, unknown>[] = o.query.map((p) => ({
    description: p.description,
    in: "query",
    name: p.name,
    type: p.type,
    ...(p.uniqueItems ? { uniqueItems: true } : {}),
  }));
  if (o.body)
    parameters.unshift({ in: "body", name: "body", required: o.method !== "delete", schema: ref(o.body) });
  const responses: Record<string, unknown> = {};
  for (const [code, returns] of o.responses) {
    responses[String(code)] = {
      description: code === 201 ? "Created" : code === 202 ? "Accepted" : "OK",
      schema: returns === TEXT_RESPONSE ? { type: "string" } : ref(returns),
    };
  }
  responses["401"] = { description: "Unauthorized" };
  const text = o.responses.some(([, r]) => r === TEXT_RESPONSE);
  return {
    consumes: o.method === "patch" ? [...PATCH_CONTENT_TYPES] : ["*/*"],
    description: o.description,
    operationId: o.operationId,
    parameters,
    produces: text ? ["*/*"] : ["application/json", "application/yaml"],
    responses,
    schemes: ["https"],
    tags: [tag],
    "x-kubernetes-action": o.action,
    "x-kubernetes-group-version-kind": o.gvk,
  };
}

function pathItemV2(item: PathItem, tag: string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    parameters: [
      ...item.params.map((p) => ({
        description: PATH_PARAM_DESCRIPTIONS[p],
        in: "path",
        name: p,
        required: true,
        type: "string",
        uniqueItems: true,
      })),
      {
        description: "If 'true', then the output is pretty printed.",
        in: "query",
        name: "pretty",
        type: "string",
        uniqueItems: true,
      },
    ],
  };
  for (const o of item.operations) out[o.method] = operationV2(o, tag);
  return out;
}

export function tagOf(group: string, version: string): string {
  const g =
    group === ""
      ? "core"
      : group.replace(/\.k8s\.io$/, "").replace(/\.(\w)/g, (_, c: string) => c.toUpperCase());
  return `${g}_${version}`;
}

let cached: object | undefined;

/** The swagger 2.0 document of every served resource (GET /openapi/v2). Built once; do not mutate. */
export function openApiV2Document(): object {
  if (!cached) {
    const paths: Record<string, unknown> = {};
    for (const gv of groupVersionPaths()) {
      for (const item of pathsOfGroupVersion(gv.group, gv.version)) {
        paths[item.path] = pathItemV2(item, tagOf(gv.group, gv.version));
      }
    }
    cached = {
      definitions: definitions(),
      info: { title: "Kubernetes", version: KUBERNETES_VERSION },
      paths,
      swagger: "2.0",
    };
  }
  return cached;
}

import { createHash } from "node:crypto";
import { definitions, reachableDefinitions, refName } from "./definitions.js";
import {
  groupVersionPaths,
  type Operation,
  PATCH_CONTENT_TYPES,
  PATH_PARAM_DESCRIPTIONS,
  type PathItem,
  pathsOfGroupVersion,
  TEXT_RESPONSE,
} from "./operations.js";
import type { Schema } from "./schema.js";
import { tagOf } from "./v2.js";
import { KUBERNETES_VERSION } from "./version.js";

const SCHEMAS = "#/components/schemas/";
const ref = (name: string): Schema => ({ $ref: `${SCHEMAS}${name}` });

/**
 * A v2 definition in v3 form. As Kubernetes does, a `$ref` with siblings (a property's description) becomes
 * `allOf: [{$ref}]`, since OpenAPI 3.0 ignores the siblings of a `$ref`.
 */
function toV3(schema: Schema): Schema {
  const out: Schema = { ...schema };
  if (schema.$ref) {
    const target = ref(refName(schema.$ref));
    delete out.$ref;
    if (Object.keys(out).length === 0) return target;
    out.allOf = [target];
  }
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, toV3(v)]));
  }
  if (schema.items) out.items = toV3(schema.items);
  if (schema.additionalProperties) out.additionalProperties = toV3(schema.additionalProperties);
  return out;
}

const contentOf = (schema: Schema, types: readonly string[]) =>
  Object.fromEntries(types.map((t) => [t, { schema }]));

function operationV3(o: Operation, tag: string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    description: o.description,
    operationId: o.operationId,
    parameters: o.query.map((p) => ({
      description: p.description,
      in: "query",
      name: p.name,
      schema: { type: p.type, ...(p.uniqueItems ? { uniqueItems: true } : {}) },
    })),
  };
  if (o.body) {
    const types = o.method === "patch" ? PATCH_CONTENT_TYPES : ["*/*"];
    out.requestBody = {
      content: contentOf(ref(o.body), types),
      ...(o.method === "delete" ? {} : { required: true }),
    };
  }
  const responses: Record<string, unknown> = {};
  for (const [code, returns] of o.responses) {
    const text = returns === TEXT_RESPONSE;
    responses[String(code)] = {
      content: text
        ? contentOf({ type: "string" }, ["*/*"])
        : contentOf(ref(returns), ["application/json", "application/yaml"]),
      description: code === 201 ? "Created" : code === 202 ? "Accepted" : "OK",
    };
  }
  responses["401"] = { description: "Unauthorized" };
  out.responses = responses;
  out.tags = [tag];
  out["x-kubernetes-action"] = o.action;
  out["x-kubernetes-group-version-kind"] = o.gvk;
  return out;
}

function pathItemV3(item: PathItem, tag: string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    parameters: [
      ...item.params.map((p) => ({
        description: PATH_PARAM_DESCRIPTIONS[p],
        in: "path",
        name: p,
        required: true,
        schema: { type: "string", uniqueItems: true },
      })),
      {
        description: "If 'true', then the output is pretty printed.",
        in: "query",
        name: "pretty",
        schema: { type: "string", uniqueItems: true },
      },
    ],
  };
  for (const o of item.operations) out[o.method] = operationV3(o, tag);
  return out;
}

interface Built {
  document: object;
  text: string;
  hash: string;
}

const built = new Map<string, Built>();

function build(path: string): Built | undefined {
  const normalized = path.replace(/^\/+|\/+$/g, "");
  const cached = built.get(normalized);
  if (cached) return cached;
  const gv = groupVersionPaths().find((g) => g.path === normalized);
  if (!gv) return undefined;
  const items = pathsOfGroupVersion(gv.group, gv.version);
  const tag = tagOf(gv.group, gv.version);
  const paths: Record<string, unknown> = {};
  const roots = new Set<string>();
  for (const item of items) {
    paths[item.path] = pathItemV3(item, tag);
    for (const o of item.operations) {
      if (o.body) roots.add(o.body);
      for (const [, returns] of o.responses) if (returns !== TEXT_RESPONSE) roots.add(returns);
    }
  }
  const defs = definitions();
  const schemas: Record<string, Schema> = {};
  for (const name of [...reachableDefinitions(roots)].sort()) {
    const def = defs[name];
    if (def) schemas[name] = toV3(def);
  }
  const document = {
    components: {
      schemas,
      securitySchemes: {
        BearerToken: {
          description: "Bearer Token authentication",
          in: "header",
          name: "authorization",
          type: "apiKey",
        },
      },
    },
    info: { title: "Kubernetes", version: KUBERNETES_VERSION },
    openapi: "3.0.0",
    paths,
  };
  const text = JSON.stringify(document);
  const result = { document, text, hash: createHash("sha512").update(text).digest("hex").toUpperCase() };
  built.set(normalized, result);
  return result;
}

/**
 * The OpenAPI v3 document of one group-version, "api/v1" or "apis/apps/v1" (GET /openapi/v3/<path>), or
 * undefined when no such group-version is served. Built once per path; do not mutate.
 */
export function openApiV3Document(path: string): object | undefined {
  return build(path)?.document;
}

/** The same document as JSON text, ready to serve, with its content hash. */
export function openApiV3DocumentJson(path: string): { json: string; hash: string } | undefined {
  const b = build(path);
  return b && { json: b.text, hash: b.hash };
}

/** The /openapi/v3 discovery root: each group-version's document URL, carrying its content hash. */
export function openApiV3Root(): object {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const gv of groupVersionPaths()) {
    const b = build(gv.path);
    if (b) paths[gv.path] = { serverRelativeURL: `/openapi/v3/${gv.path}?hash=${b.hash}` };
  }
  return { paths };
}

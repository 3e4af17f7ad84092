#!/usr/bin/env node
// Builds src/cluster/openapi/definitions.generated.json: the OpenAPI v2 `definitions` of every kind the embedded
// API server serves, and of everything those kinds reference.
//
// Sources (no network here): the field structure, the required fields and the swagger descriptions come from the
// JSDoc'd .d.ts files of `kubernetes-types`; the integer formats (int32/int64) and `byte` come from the generated
// models of `@kubernetes/client-node`, since `kubernetes-types` writes every integer as `number`.
// metrics.k8s.io has no types in either package, so its few definitions are written out below.
// Patch/list extensions are not baked in: src/cluster/openapi applies them at load time from
// src/cluster/patch/merge-keys.ts, so that table stays the one source of truth.
//
// Run: npm run generate:openapi          (writes the file)
//      node scripts/generate-openapi-schemas.mjs --check   (exits 1 if the committed file is stale)
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const typesDir = path.join(repo, "node_modules/kubernetes-types");
const outFile = path.join(repo, "src/cluster/openapi/definitions.generated.json");

const INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
const META = "io.k8s.apimachinery.pkg.apis.meta.v1";
const METRICS = "io.k8s.metrics.pkg.apis.metrics.v1beta1";

/** kubernetes-types module ("apps/v1", "meta/v1", "runtime") → Kubernetes definition-name prefix. */
function prefixOf(module) {
  if (module === "meta/v1") return META;
  if (module === "api/resource") return "io.k8s.apimachinery.pkg.api.resource";
  if (module === "runtime") return "io.k8s.apimachinery.pkg.runtime";
  if (module === "version") return "io.k8s.apimachinery.pkg.version";
  if (module.startsWith("apiextensions/"))
    return `io.k8s.apiextensions-apiserver.pkg.apis.${module.replace("/", ".")}`;
  return `io.k8s.api.${module.replace("/", ".")}`;
}

function listDts(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listDts(full));
    else if (name.endsWith(".d.ts")) out.push(full);
  }
  return out;
}

function docOf(node) {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const last = docs[docs.length - 1];
  const text = last ? ts.getTextOfJSDocComment(last.comment) : undefined;
  return text?.trim() || undefined;
}

// Parse every .d.ts: declarations by definition name, and each file's imported names.
const decls = new Map(); // definition name → { node, module, imports }
for (const file of listDts(typesDir)) {
  const module = path.relative(typesDir, file).replace(/\.d\.ts$/, "");
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const imports = new Map();
  for (const st of source.statements) {
    if (
      ts.isImportDeclaration(st) &&
      st.importClause?.namedBindings &&
      ts.isNamedImports(st.importClause.namedBindings)
    ) {
      const from = path.posix.join(path.posix.dirname(module), st.moduleSpecifier.text);
      for (const el of st.importClause.namedBindings.elements) imports.set(el.name.text, from);
    }
  }
  for (const st of source.statements) {
    if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) {
      decls.set(`${prefixOf(module)}.${st.name.text}`, { node: st, module, imports });
    }
  }
}

// Integer formats and `byte`, keyed by definition name then property, from client-node's generated models.
const models = await import(
  pathToFileURL(path.join(repo, "node_modules/@kubernetes/client-node/dist/gen/models/all.js")).href
);
function modelFormats(defName) {
  const parts = defName.split(".");
  const name = parts[parts.length - 1];
  const version = parts[parts.length - 2];
  const group = parts[parts.length - 3];
  const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
  const V = cap(version);
  for (const candidate of [`${cap(group)}${V}${name}`, `${V}${name}`]) {
    const map = models[candidate]?.attributeTypeMap;
    if (map) return new Map(map.filter((a) => a.format).map((a) => [a.baseName, a.format]));
  }
  return new Map();
}

const unformatted = [];

/** The schema of a type node, relative to the declaration that holds it. */
function schemaOf(typeNode, owner) {
  switch (typeNode.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { type: "string" };
    case ts.SyntaxKind.NumberKeyword:
      return { type: "integer" };
    case ts.SyntaxKind.BooleanKeyword:
      return { type: "boolean" };
    case ts.SyntaxKind.LiteralType:
      if (ts.isStringLiteral(typeNode.literal)) return { type: "string" };
      break;
    case ts.SyntaxKind.UnionType: {
      const kinds = typeNode.types.map((t) => t.kind).sort();
      if (kinds.join() === [ts.SyntaxKind.NumberKeyword, ts.SyntaxKind.StringKeyword].sort().join()) {
        return { $ref: `#/definitions/${INT_OR_STRING}` };
      }
      break;
    }
    case ts.SyntaxKind.ArrayType:
      return { type: "array", items: schemaOf(typeNode.elementType, owner) };
    case ts.SyntaxKind.TypeLiteral: {
      const index = typeNode.members.find(ts.isIndexSignatureDeclaration);
      if (index && typeNode.members.length === 1) {
        return { type: "object", additionalProperties: schemaOf(index.type, owner) };
      }
      break;
    }
    case ts.SyntaxKind.TypeReference: {
      const name = typeNode.typeName.getText();
      if (name === "Array" && typeNode.typeArguments?.length === 1) {
        return { type: "array", items: schemaOf(typeNode.typeArguments[0], owner) };
      }
      const module = owner.imports.get(name) ?? owner.module;
      const target = `${prefixOf(module)}.${name}`;
      if (!decls.has(target)) throw new Error(`unresolved type ${name} in ${owner.module}`);
      return { $ref: `#/definitions/${target}` };
    }
  }
  throw new Error(`unsupported type ${typeNode.getText()} in ${owner.module}`);
}

/** Puts a client-node format on the integer (or `byte` string) leaf of a property schema. */
function applyFormat(schema, format, where) {
  let leaf = schema;
  while (leaf.items || leaf.additionalProperties) leaf = leaf.items ?? leaf.additionalProperties;
  if (leaf.type === "integer") {
    if (format === "int32" || format === "int64") leaf.format = format;
    else if (format === "double") Object.assign(leaf, { type: "number", format });
    else {
      leaf.format = "int32";
      unformatted.push(where);
    }
  } else if (leaf.type === "string" && format === "byte") {
    leaf.format = "byte";
  }
}

function definitionOf(defName) {
  const owner = decls.get(defName);
  const { node } = owner;
  const description = docOf(node);
  if (ts.isTypeAliasDeclaration(node)) {
    // Quantity, Time, MicroTime: strings on the wire.
    const format = defName.endsWith(".Time") || defName.endsWith(".MicroTime") ? "date-time" : undefined;
    return { description, type: "string", format };
  }
  const formats = modelFormats(defName);
  const properties = {};
  const required = [];
  for (const member of node.members) {
    if (!ts.isPropertySignature(member)) continue;
    const name = member.name.text;
    const schema = schemaOf(member.type, owner);
    applyFormat(schema, formats.get(name), `${defName}.${name}`);
    properties[name] = { ...schema, description: docOf(member) };
    if (!member.questionToken) required.push(name);
  }
  const def = { description, type: "object" };
  if (Object.keys(properties).length > 0) def.properties = properties;
  if (required.length > 0) def.required = required.sort();
  const gvk = literalGvk(node);
  if (gvk) def["x-kubernetes-group-version-kind"] = [gvk];
  return def;
}

function literalGvk(node) {
  const literal = (prop) => {
    const m = node.members.find((x) => ts.isPropertySignature(x) && x.name.text === prop);
    return m?.type && ts.isLiteralTypeNode(m.type) && ts.isStringLiteral(m.type.literal)
      ? m.type.literal.text
      : undefined;
  };
  const apiVersion = literal("apiVersion");
  const kind = literal("kind");
  if (!apiVersion || !kind) return undefined;
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  return { group, kind, version };
}

// metrics.k8s.io/v1beta1 (served by metrics-server in a real cluster): written by hand from its API.
function metricsDefinitions() {
  const ref = (name, description) => ({ $ref: `#/definitions/${name}`, description });
  const apiVersion = {
    type: "string",
    description: "APIVersion defines the versioned schema of this representation of an object.",
  };
  const kind = {
    type: "string",
    description: "Kind is a string value representing the REST resource this object represents.",
  };
  const usage = {
    type: "object",
    additionalProperties: { $ref: "#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity" },
    description: "The memory and CPU usage measured over the window, by resource name.",
  };
  const sample = {
    timestamp: ref(`${META}.Time`, "The time the usage was sampled: the end of the window."),
    window: {
      type: "string",
      description: "The length of the interval the usage was averaged over, e.g. 30s.",
    },
  };
  const gvk = (k) => [{ group: "metrics.k8s.io", kind: k, version: "v1beta1" }];
  const list = (item) => ({
    description: `${item}List is a list of ${item}.`,
    type: "object",
    properties: {
      apiVersion,
      items: {
        type: "array",
        items: { $ref: `#/definitions/${METRICS}.${item}` },
        description: `The list of ${item}.`,
      },
      kind,
      metadata: ref(`${META}.ListMeta`, "Standard list metadata."),
    },
    required: ["items"],
    "x-kubernetes-group-version-kind": gvk(`${item}List`),
  });
  return {
    [`${METRICS}.ContainerMetrics`]: {
      description: "ContainerMetrics sets resource usage metrics of a container.",
      type: "object",
      properties: {
        name: {
          type: "string",
          description: "Container name corresponding to the one from pod.spec.containers.",
        },
        usage,
      },
      required: ["name", "usage"],
    },
    [`${METRICS}.NodeMetrics`]: {
      description: "NodeMetrics sets resource usage metrics of a node.",
      type: "object",
      properties: {
        apiVersion,
        kind,
        metadata: ref(`${META}.ObjectMeta`, "Standard object's metadata."),
        ...sample,
        usage,
      },
      required: ["timestamp", "usage", "window"],
      "x-kubernetes-group-version-kind": gvk("NodeMetrics"),
    },
    [`${METRICS}.NodeMetricsList`]: list("NodeMetrics"),
    [`${METRICS}.PodMetrics`]: {
      description: "PodMetrics sets resource usage metrics of a pod.",
      type: "object",
      properties: {
        apiVersion,
        containers: {
          type: "array",
          items: { $ref: `#/definitions/${METRICS}.ContainerMetrics` },
          description: "Metrics for all containers, collected within the same time window.",
        },
        kind,
        metadata: ref(`${META}.ObjectMeta`, "Standard object's metadata."),
        ...sample,
      },
      required: ["containers", "timestamp", "window"],
      "x-kubernetes-group-version-kind": gvk("PodMetrics"),
    },
    [`${METRICS}.PodMetricsList`]: list("PodMetrics"),
  };
}

async function servedResourceTypes() {
  const file = path.join(repo, "src/cluster/resources.ts");
  const js = ts.transpileModule(readFileSync(file, "utf8"), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const mod = await import(`data:text/javascript;base64,${Buffer.from(js).toString("base64")}`);
  return mod.RESOURCE_TYPES;
}

function definitionNameOf(group, version, kind) {
  if (group === "metrics.k8s.io") return `${METRICS}.${kind}`;
  const dir = group === "" ? "core" : group.split(".")[0];
  return `${prefixOf(`${dir}/${version}`)}.${kind}`;
}

const resourceTypes = await servedResourceTypes();
const servedGroupVersions = [...new Set(resourceTypes.map((t) => `${t.group}/${t.version}`))].sort();

const roots = new Set([
  `${META}.APIGroup`,
  `${META}.APIGroupList`,
  `${META}.APIResourceList`,
  `${META}.APIVersions`,
  `${META}.DeleteOptions`,
  `${META}.Patch`,
  `${META}.Status`,
  `${META}.WatchEvent`,
  "io.k8s.api.autoscaling.v1.Scale",
  "io.k8s.api.authentication.v1.TokenRequest",
  "io.k8s.api.core.v1.Binding",
  "io.k8s.api.policy.v1.Eviction",
]);
for (const t of resourceTypes) {
  roots.add(definitionNameOf(t.group, t.version, t.kind));
  if (t.verbs.includes("list")) roots.add(definitionNameOf(t.group, t.version, `${t.kind}List`));
}

const definitions = {
  [INT_OR_STRING]: {
    description:
      "IntOrString is a type that can hold an int32 or a string. When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type. This allows you to have, for example, a JSON field that can accept a name or number.",
    type: "string",
    format: "int-or-string",
  },
  ...metricsDefinitions(),
};
const pending = [...roots];
const refsOf = (value, out) => {
  if (Array.isArray(value)) for (const v of value) refsOf(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref") out.push(v.replace("#/definitions/", ""));
      else refsOf(v, out);
    }
  }
  return out;
};
for (const def of Object.values(definitions)) pending.push(...refsOf(def, []));
while (pending.length > 0) {
  const name = pending.pop();
  if (name in definitions) continue;
  if (!decls.has(name)) throw new Error(`no declaration for ${name}`);
  definitions[name] = definitionOf(name);
  pending.push(...refsOf(definitions[name], []));
}

// Kinds that kubernetes-types types as plain strings but Kubernetes publishes with their group-version-kinds.
const metaKind = (kind, gvs) =>
  gvs.map((gv) => {
    const [group, version] = gv.split("/");
    return { group, kind, version };
  });
definitions[`${META}.Status`]["x-kubernetes-group-version-kind"] = metaKind("Status", ["/v1"]);
for (const kind of ["APIGroup", "APIGroupList", "APIResourceList", "APIVersions"]) {
  definitions[`${META}.${kind}`]["x-kubernetes-group-version-kind"] = metaKind(kind, ["/v1"]);
}
for (const kind of ["DeleteOptions", "WatchEvent"]) {
  definitions[`${META}.${kind}`]["x-kubernetes-group-version-kind"] = metaKind(kind, servedGroupVersions);
}

if (unformatted.length > 0)
  console.warn(`integer fields without a known format (int32 assumed): ${unformatted.join(", ")}`);

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .filter((k) => value[k] !== undefined)
        .sort()
        .map((k) => [k, sortKeys(value[k])]),
    );
  }
  return value;
}

const text = `${JSON.stringify(sortKeys(definitions), null, 1)}\n`;
const target = path.relative(repo, outFile);
if (process.argv.includes("--check")) {
  const current = readFileSync(outFile, "utf8");
  if (current !== text) {
    console.error(`${target} is stale: run npm run generate:openapi`);
    process.exit(1);
  }
  console.log(`${target} is up to date`);
} else {
  writeFileSync(outFile, text);
  console.log(`${Object.keys(definitions).length} definitions → ${target}`);
}

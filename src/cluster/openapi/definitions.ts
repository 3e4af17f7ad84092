import { patchMetaFor } from "../patch/merge-keys.js";
import generated from "./definitions.generated.json" with { type: "json" };
import type { Schema } from "./schema.js";

const V2_REF = "#/definitions/";

/**
 * Fields of Kubernetes 1.31 and 1.32 that the generator's source (kubernetes-types 1.30) does not have yet,
 * added to the generated definitions. Without them a write that carries one (every Node reports
 * userNamespaces) would warn about an unknown field, and drop it.
 */
const ADDED_SINCE_1_30: Record<string, Record<string, Schema>> = {
  "io.k8s.api.core.v1.NodeRuntimeHandlerFeatures": {
    userNamespaces: {
      description:
        "UserNamespaces is set to true if the runtime handler supports UserNamespaces, including for volumes.",
      type: "boolean",
    },
  },
  "io.k8s.api.coordination.v1.LeaseSpec": {
    preferredHolder: {
      description:
        "PreferredHolder signals to a lease holder that the lease has a more optimal holder and should be given up. This field can only be set if Strategy is also set.",
      type: "string",
    },
    strategy: {
      description:
        "Strategy indicates the strategy for picking the leader for coordinated leader election. If the field is not specified, there is no active coordination for this lease. (Alpha) Using this field requires the CoordinatedLeaderElection feature gate to be enabled.",
      type: "string",
    },
  },
};

let cache: Readonly<Record<string, Schema>> | undefined;
let byKind: Map<string, string> | undefined;

/**
 * Every OpenAPI v2 definition the server publishes, by Kubernetes name (e.g. "io.k8s.api.apps.v1.Deployment"),
 * with the patch and list extensions of src/cluster/patch/merge-keys.ts. Shared and frozen: do not mutate.
 */
export function definitions(): Readonly<Record<string, Schema>> {
  if (!cache) {
    const defs = structuredClone(generated) as Record<string, Schema>;
    for (const [name, properties] of Object.entries(ADDED_SINCE_1_30)) {
      const def = defs[name];
      if (def) def.properties = { ...def.properties, ...properties };
    }
    for (const [name, def] of Object.entries(defs)) {
      for (const [field, prop] of Object.entries(def.properties ?? {})) {
        const meta = patchMetaFor(name, field);
        if (!meta) continue;
        if (meta.strategy) prop["x-kubernetes-patch-strategy"] = meta.strategy;
        if (meta.mergeKey) prop["x-kubernetes-patch-merge-key"] = meta.mergeKey;
        if (meta.listType) prop["x-kubernetes-list-type"] = meta.listType;
        if (meta.listMapKeys) prop["x-kubernetes-list-map-keys"] = [...meta.listMapKeys];
      }
    }
    cache = deepFreeze(defs);
  }
  return cache;
}

/** The definition name of a served kind, e.g. ("apps/v1", "Deployment") → "io.k8s.api.apps.v1.Deployment". */
export function definitionForKind(apiVersion: string, kind: string): string | undefined {
  if (!byKind) {
    byKind = new Map();
    for (const [name, def] of Object.entries(definitions())) {
      for (const gvk of def["x-kubernetes-group-version-kind"] ?? []) {
        byKind.set(kindKey(gvk.group === "" ? gvk.version : `${gvk.group}/${gvk.version}`, gvk.kind), name);
      }
    }
  }
  return byKind.get(kindKey(apiVersion, kind));
}

/** The definition a v2 `$ref` points to. */
export function refName(ref: string): string {
  return ref.startsWith(V2_REF) ? ref.slice(V2_REF.length) : ref;
}

/** The names of the definitions reachable from `roots`, roots included. */
export function reachableDefinitions(roots: Iterable<string>): Set<string> {
  const defs = definitions();
  const seen = new Set<string>();
  const pending = [...roots];
  const visit = (schema: Schema | undefined): void => {
    if (!schema) return;
    if (schema.$ref) pending.push(refName(schema.$ref));
    for (const s of Object.values(schema.properties ?? {})) visit(s);
    for (const s of schema.allOf ?? []) visit(s);
    visit(schema.items);
    visit(schema.additionalProperties);
  };
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (seen.has(name) || !defs[name]) continue;
    seen.add(name);
    visit(defs[name]);
  }
  return seen;
}

function kindKey(apiVersion: string, kind: string): string {
  return `${apiVersion}\u0000${kind}`;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

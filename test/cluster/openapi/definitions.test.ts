import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { definitionForKind, definitions, type Schema } from "../../../src/cluster/openapi/index.js";
import { PATCH_META } from "../../../src/cluster/patch/merge-keys.js";
import { RESOURCE_TYPES } from "../../../src/cluster/resources.js";
import { apiVersionOf } from "../../../src/cluster/types.js";

const defs = definitions();
const def = (name: string): Schema => {
  const d = defs[name];
  if (!d) throw new Error(`no definition ${name}`);
  return d;
};
const prop = (name: string, field: string): Schema => {
  const p = def(name).properties?.[field];
  if (!p) throw new Error(`no property ${name}.${field}`);
  return p;
};

function refsOf(schema: unknown, out: string[] = []): string[] {
  if (Array.isArray(schema)) for (const s of schema) refsOf(s, out);
  else if (schema && typeof schema === "object") {
    for (const [k, v] of Object.entries(schema)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refsOf(v, out);
    }
  }
  return out;
}

describe("definitions", () => {
  it("has a definition for every served kind, and its list kind, found by apiVersion and kind", () => {
    for (const t of RESOURCE_TYPES) {
      const name = definitionForKind(apiVersionOf(t), t.kind);
      expect(name, `${apiVersionOf(t)} ${t.kind}`).toBeDefined();
      expect(def(name ?? "")["x-kubernetes-group-version-kind"]).toContainEqual({
        group: t.group,
        version: t.version,
        kind: t.kind,
      });
      if (t.verbs.includes("list")) expect(definitionForKind(apiVersionOf(t), `${t.kind}List`)).toBeDefined();
    }
    expect(definitionForKind("apps/v1", "Deployment")).toBe("io.k8s.api.apps.v1.Deployment");
    expect(definitionForKind("autoscaling/v1", "Scale")).toBe("io.k8s.api.autoscaling.v1.Scale");
    expect(definitionForKind("v1", "Status")).toBe("io.k8s.apimachinery.pkg.apis.meta.v1.Status");
    expect(definitionForKind("apps/v1", "Pod")).toBeUndefined();
    expect(definitionForKind("v1", "toString")).toBeUndefined();
  });

  it("resolves every $ref", () => {
    for (const ref of refsOf(defs)) {
      expect(ref).toMatch(/^#\/definitions\//);
      expect(defs[ref.slice("#/definitions/".length)], ref).toBeDefined();
    }
  });

  it("types fields as Kubernetes publishes them, with their descriptions", () => {
    expect(prop("io.k8s.api.apps.v1.DeploymentSpec", "replicas")).toEqual({
      type: "integer",
      format: "int32",
      description: expect.stringContaining("Number of desired pods."),
    });
    expect(prop("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "generation")).toMatchObject({
      format: "int64",
    });
    expect(def("io.k8s.api.apps.v1.DeploymentSpec").required).toEqual(["selector", "template"]);
    expect(prop("io.k8s.api.apps.v1.RollingUpdateDeployment", "maxSurge").$ref).toBe(
      "#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString",
    );
    expect(def("io.k8s.apimachinery.pkg.util.intstr.IntOrString")).toMatchObject({
      type: "string",
      format: "int-or-string",
    });
    expect(def("io.k8s.apimachinery.pkg.api.resource.Quantity").type).toBe("string");
    expect(def("io.k8s.apimachinery.pkg.apis.meta.v1.Time")).toMatchObject({
      type: "string",
      format: "date-time",
    });
    expect(prop("io.k8s.api.core.v1.ResourceRequirements", "limits")).toMatchObject({
      type: "object",
      additionalProperties: { $ref: "#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity" },
    });
    expect(prop("io.k8s.api.core.v1.Secret", "data").additionalProperties).toEqual({
      type: "string",
      format: "byte",
    });
    expect(prop("io.k8s.api.core.v1.PodSpec", "containers")).toMatchObject({
      type: "array",
      items: { $ref: "#/definitions/io.k8s.api.core.v1.Container" },
    });
  });

  it("carries the patch and list extensions of the merge-key table", () => {
    expect(prop("io.k8s.api.core.v1.PodSpec", "containers")).toMatchObject({
      "x-kubernetes-patch-strategy": "merge",
      "x-kubernetes-patch-merge-key": "name",
      "x-kubernetes-list-type": "map",
      "x-kubernetes-list-map-keys": ["name"],
    });
    expect(prop("io.k8s.api.core.v1.ServiceSpec", "ports")["x-kubernetes-list-map-keys"]).toEqual([
      "port",
      "protocol",
    ]);
    expect(prop("io.k8s.api.core.v1.PodSpec", "volumes")["x-kubernetes-patch-strategy"]).toBe(
      "merge,retainKeys",
    );
    expect(prop("io.k8s.api.core.v1.PodSpec", "tolerations")).toMatchObject({
      "x-kubernetes-list-type": "atomic",
    });
    expect(prop("io.k8s.api.core.v1.PodSpec", "tolerations")["x-kubernetes-patch-strategy"]).toBeUndefined();
  });

  it("has every field of the merge-key table, a list wherever the table gives a list type", () => {
    for (const [name, fields] of Object.entries(PATCH_META)) {
      for (const [field, meta] of Object.entries(fields)) {
        const p = prop(name, field);
        if (meta.listType) expect(p.type, `${name}.${field}`).toBe("array");
        if (meta.mergeKey)
          expect(defs[p.items?.$ref?.slice("#/definitions/".length) ?? ""]?.properties).toHaveProperty(
            meta.mergeKey,
          );
      }
    }
  });

  it("is frozen, so no caller can change what every other caller reads", () => {
    expect(Object.isFrozen(def("io.k8s.api.core.v1.PodSpec").properties)).toBe(true);
  });

  it("is what the generator produces from the installed type packages", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      "scripts/generate-openapi-schemas.mjs",
      "--check",
    ]);
    expect(stdout).toContain("up to date");
  });
});

import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  openApiV2Document,
  openApiV3Document,
  openApiV3DocumentJson,
  openApiV3Root,
  type Schema,
} from "../../../src/cluster/openapi/index.js";
import { RESOURCE_TYPES } from "../../../src/cluster/resources.js";

interface Op {
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, unknown> };
  "x-kubernetes-action"?: string;
  "x-kubernetes-group-version-kind"?: { group: string; version: string; kind: string };
}
type Paths = Record<string, Record<string, Op>>;
const METHODS = ["get", "put", "post", "patch", "delete", "head", "options"];

function refsOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refsOf(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refsOf(v, out);
    }
  }
  return out;
}

const gvPath = (group: string, version: string) =>
  group === "" ? `api/${version}` : `apis/${group}/${version}`;

describe("OpenAPI v3", () => {
  const root = openApiV3Root() as { paths: Record<string, { serverRelativeURL: string }> };

  it("lists one document per served group-version, addressed by its content hash", () => {
    const expected = [...new Set(RESOURCE_TYPES.map((t) => gvPath(t.group, t.version)))].sort();
    expect(Object.keys(root.paths).sort()).toEqual(expected);
    for (const [path, { serverRelativeURL }] of Object.entries(root.paths)) {
      const served = openApiV3DocumentJson(path);
      const hash = createHash("sha512")
        .update(served?.json ?? "")
        .digest("hex")
        .toUpperCase();
      expect(serverRelativeURL).toBe(`/openapi/v3/${path}?hash=${hash}`);
      expect(JSON.parse(served?.json ?? "null")).toEqual(openApiV3Document(path));
    }
  });

  it("finds documents with or without a leading slash, and nothing for unserved paths", () => {
    expect(openApiV3Document("/apis/apps/v1")).toBe(openApiV3Document("apis/apps/v1"));
    expect(openApiV3Document("apis/apps/v2")).toBeUndefined();
    expect(openApiV3Document("apis")).toBeUndefined();
  });

  it("gives every PATCH the kind, the four patch types and the fieldValidation parameter kubectl checks", () => {
    for (const path of Object.keys(root.paths)) {
      const doc = openApiV3Document(path) as { paths: Paths };
      for (const item of Object.values(doc.paths)) {
        const patch = item.patch;
        if (patch?.["x-kubernetes-action"] !== "patch") continue;
        expect(patch["x-kubernetes-group-version-kind"]).toBeDefined();
        expect(Object.keys(patch.requestBody?.content ?? {}).sort()).toEqual([
          "application/apply-patch+yaml",
          "application/json-patch+json",
          "application/merge-patch+json",
          "application/strategic-merge-patch+json",
        ]);
        const query = (patch.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
        expect(query).toEqual(expect.arrayContaining(["dryRun", "fieldManager", "fieldValidation", "force"]));
      }
    }
  });

  it("names every operation uniquely", () => {
    const ids = Object.keys(root.paths).flatMap((path) => {
      const doc = openApiV3Document(path) as { paths: Paths };
      return Object.values(doc.paths).flatMap((item) =>
        METHODS.flatMap((m) => (item[m] ? [(item[m] as { operationId: string }).operationId] : [])),
      );
    });
    expect(ids.length).toBeGreaterThan(RESOURCE_TYPES.length * 2);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("serves each resource's verbs and subresources with the actions Kubernetes gives them", () => {
    const apps = openApiV3Document("apis/apps/v1") as { paths: Paths };
    const item = apps.paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"];
    expect(Object.keys(item ?? {}).filter((k) => METHODS.includes(k))).toEqual([
      "get",
      "put",
      "patch",
      "delete",
    ]);
    expect(apps.paths["/apis/apps/v1/deployments"]?.get?.["x-kubernetes-action"]).toBe("list");
    expect(
      apps.paths["/apis/apps/v1/namespaces/{namespace}/deployments"]?.delete?.["x-kubernetes-action"],
    ).toBe("deletecollection");
    expect(
      apps.paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"]?.patch?.[
        "x-kubernetes-group-version-kind"
      ],
    ).toEqual({ group: "autoscaling", version: "v1", kind: "Scale" });

    const authz = openApiV3Document("apis/authorization.k8s.io/v1") as { paths: Paths };
    expect(Object.keys(authz.paths)).toEqual([
      "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
      "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews",
    ]);
    const authn = openApiV3Document("apis/authentication.k8s.io/v1") as { paths: Paths };
    expect(Object.keys(authn.paths)).toEqual(["/apis/authentication.k8s.io/v1/selfsubjectreviews"]);
    expect(
      authn.paths["/apis/authentication.k8s.io/v1/selfsubjectreviews"]?.post?.[
        "x-kubernetes-group-version-kind"
      ],
    ).toEqual({ group: "authentication.k8s.io", version: "v1", kind: "SelfSubjectReview" });
    const core = openApiV3Document("api/v1") as { paths: Paths };
    expect(core.paths["/api/v1/namespaces/{namespace}/pods/{name}/exec"]?.post?.["x-kubernetes-action"]).toBe(
      "connect",
    );
  });

  it("resolves every $ref inside its own document, with Kubernetes' allOf for described references", () => {
    for (const path of Object.keys(root.paths)) {
      const doc = openApiV3Document(path) as { components: { schemas: Record<string, unknown> } };
      for (const ref of refsOf(doc)) {
        expect(ref).toMatch(/^#\/components\/schemas\//);
        expect(
          doc.components.schemas[ref.slice("#/components/schemas/".length)],
          `${path}: ${ref}`,
        ).toBeDefined();
      }
    }
    const apps = openApiV3Document("apis/apps/v1") as { components: { schemas: Record<string, Schema> } };
    expect(apps.components.schemas["io.k8s.api.apps.v1.Deployment"]?.properties?.spec).toEqual({
      allOf: [{ $ref: "#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec" }],
      description: "Specification of the desired behavior of the Deployment.",
    });
    expect(apps.components.schemas["io.k8s.api.rbac.v1.Role"]).toBeUndefined();
  });
});

describe("OpenAPI v2", () => {
  const doc = openApiV2Document() as { swagger: string; paths: Paths; definitions: Record<string, unknown> };

  it("is swagger 2.0 whose every $ref resolves to one of its definitions", () => {
    expect(doc.swagger).toBe("2.0");
    for (const ref of refsOf(doc))
      expect(doc.definitions[ref.slice("#/definitions/".length)], ref).toBeDefined();
  });

  it("has every served resource's collection with its action and kind", () => {
    for (const t of RESOURCE_TYPES) {
      const base = t.group === "" ? `/api/${t.version}` : `/apis/${t.group}/${t.version}`;
      const path = t.namespaced ? `${base}/namespaces/{namespace}/${t.resource}` : `${base}/${t.resource}`;
      const op = t.verbs.includes("list") ? doc.paths[path]?.get : doc.paths[path]?.post;
      expect(op?.["x-kubernetes-action"], path).toBe(t.verbs.includes("list") ? "list" : "post");
      expect(op?.["x-kubernetes-group-version-kind"]).toEqual({
        group: t.group,
        version: t.version,
        kind: t.kind,
      });
    }
  });
});

import { describe, expect, it } from "vitest";
import { applyMergePatch, PatchError } from "../../../src/cluster/patch/index.js";
import type { KubeObject } from "../../../src/cluster/types.js";

function deployment(): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "patch-demo", labels: { app: "nginx", tier: "web" } },
    spec: {
      replicas: 2,
      template: { spec: { containers: [{ name: "patch-demo-ctr", image: "nginx" }] } },
    },
  };
}

describe("JSON merge patch", () => {
  it("replaces lists whole, unlike a strategic merge patch (the kubectl patch task)", () => {
    const out = applyMergePatch(deployment(), {
      spec: {
        template: {
          spec: { containers: [{ name: "patch-demo-ctr-3", image: "gcr.io/google-samples/hello-app:2.0" }] },
        },
      },
    });
    expect(out.spec).toEqual({
      replicas: 2,
      template: {
        spec: { containers: [{ name: "patch-demo-ctr-3", image: "gcr.io/google-samples/hello-app:2.0" }] },
      },
    });
  });

  it("merges objects, deletes keys set to null and drops nulls inside new objects", () => {
    const out = applyMergePatch(deployment(), {
      metadata: { labels: { tier: null, team: "a" }, annotations: { a: "1", b: null } },
      spec: { replicas: 3 },
    });
    expect(out.metadata).toEqual({
      name: "patch-demo",
      labels: { app: "nginx", team: "a" },
      annotations: { a: "1" },
    });
    expect((out.spec as { replicas: number }).replicas).toBe(3);
  });

  it("leaves the input untouched", () => {
    const input = deployment();
    applyMergePatch(input, { metadata: { labels: null } });
    expect(input).toEqual(deployment());
  });

  it("answers 400 for a patch that is not an object", () => {
    for (const patch of [["x"], "x", 3]) {
      let error: unknown;
      try {
        applyMergePatch(deployment(), patch);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(PatchError);
      expect(error).toMatchObject({ code: 400, reason: "BadRequest" });
    }
  });
});

import { describe, expect, it } from "vitest";
import { applyJsonPatch, PatchError } from "../../../src/cluster/patch/index.js";
import type { KubeObject } from "../../../src/cluster/types.js";

function pod(): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "valid-pod", labels: { app: "web" } },
    spec: { containers: [{ name: "kubernetes-serve-hostname", image: "old" }] },
  };
}

function rejection(run: () => unknown): PatchError {
  try {
    run();
  } catch (err) {
    if (err instanceof PatchError) return err;
    throw err;
  }
  throw new Error("the patch was accepted");
}

describe("JSON patch", () => {
  it("replaces a container image by position, as in kubectl patch --type=json", () => {
    const out = applyJsonPatch(pod(), [
      { op: "replace", path: "/spec/containers/0/image", value: "new image" },
    ]);
    expect(out.spec).toEqual({ containers: [{ name: "kubernetes-serve-hostname", image: "new image" }] });
  });

  it("applies operations in order and leaves the input untouched", () => {
    const input = pod();
    const out = applyJsonPatch(input, [
      { op: "test", path: "/metadata/labels/app", value: "web" },
      { op: "add", path: "/metadata/labels/tier", value: "front" },
      { op: "remove", path: "/metadata/labels/app" },
      { op: "copy", from: "/metadata/labels/tier", path: "/metadata/labels/copy" },
    ]);
    expect(out.metadata.labels).toEqual({ tier: "front", copy: "front" });
    expect(input).toEqual(pod());
  });

  it("answers a failed test operation with kube-apiserver's generic 422", () => {
    const error = rejection(() =>
      applyJsonPatch(pod(), [{ op: "test", path: "/metadata/labels/app", value: "db" }]),
    );
    expect(error).toMatchObject({
      code: 422,
      reason: "Invalid",
      message: "the server rejected our request due to an error in our request",
    });
  });

  it("answers 422 for a path that does not exist and for an unknown operation", () => {
    expect(rejection(() => applyJsonPatch(pod(), [{ op: "remove", path: "/spec/nodeName" }])).code).toBe(422);
    expect(
      rejection(() => applyJsonPatch(pod(), [{ op: "replace", path: "/spec/hostname", value: "x" }])).code,
    ).toBe(422);
    expect(rejection(() => applyJsonPatch(pod(), [{ op: "frobnicate", path: "/spec" }])).code).toBe(422);
  });

  it("answers 400 for a body that is not a list of operations", () => {
    expect(rejection(() => applyJsonPatch(pod(), { op: "add" }))).toMatchObject({
      code: 400,
      reason: "BadRequest",
      message: "json: cannot unmarshal object into Go value of type jsonpatch.Patch",
    });
  });
});

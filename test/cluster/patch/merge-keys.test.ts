import { describe, expect, it } from "vitest";
import { patchMetaFor } from "../../../src/cluster/patch/merge-keys.js";

describe("patchMetaFor", () => {
  it("merges containers by name and their ports by containerPort, as Kubernetes does", () => {
    expect(patchMetaFor("io.k8s.api.core.v1.PodSpec", "containers")).toEqual({
      strategy: "merge",
      mergeKey: "name",
      listType: "map",
      listMapKeys: ["name"],
    });
    expect(patchMetaFor("io.k8s.api.core.v1.Container", "ports")).toEqual({
      strategy: "merge",
      mergeKey: "containerPort",
      listType: "map",
      listMapKeys: ["containerPort", "protocol"],
    });
    expect(patchMetaFor("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "finalizers")).toEqual({
      strategy: "merge",
      listType: "set",
    });
    expect(patchMetaFor("io.k8s.api.apps.v1.DeploymentSpec", "strategy")).toEqual({ strategy: "retainKeys" });
  });

  it("has nothing for fields that are replaced whole", () => {
    expect(patchMetaFor("io.k8s.api.core.v1.Container", "image")).toBeUndefined();
    expect(patchMetaFor("io.k8s.api.core.v1.Nope", "containers")).toBeUndefined();
    expect(patchMetaFor("io.k8s.api.core.v1.PodSpec", "toString")).toBeUndefined();
    expect(patchMetaFor("toString", "name")).toBeUndefined();
  });
});

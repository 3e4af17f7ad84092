import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EmbeddedCluster } from "../../../src/cluster/index.js";
import { findResourceType } from "../../../src/cluster/resources.js";
import type { KubeObject, ResourceType } from "../../../src/cluster/types.js";

const PODS = findResourceType("", "v1", "pods") as ResourceType;
const QUOTAS = findResourceType("", "v1", "resourcequotas") as ResourceType;

let cluster: EmbeddedCluster;
beforeEach(async () => {
  cluster = await EmbeddedCluster.start({ seed: 6, timeMode: "manual" });
  cluster.apply([{ apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } }]);
});
afterEach(() => cluster.stop());

function pod(name: string, resources: object = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "team" },
    spec: { containers: [{ name: "main", image: "x", resources }] },
  };
}

const statusOf = (name: string) => cluster.store.get("resourcequotas", "team", name)?.status;

describe("the ResourceQuota controller", () => {
  it("copies spec.hard to status.hard and keeps status.used current as objects come and go", () => {
    cluster.apply([
      {
        apiVersion: "v1",
        kind: "ResourceQuota",
        metadata: { name: "compute", namespace: "team" },
        spec: {
          hard: {
            pods: "10",
            "requests.cpu": "4",
            "limits.memory": "8Gi",
            "requests.nvidia.com/gpu": "4",
            "count/deployments.apps": "2",
            persistentvolumeclaims: "5",
          },
        },
      },
    ]);
    expect(statusOf("compute")).toEqual({
      hard: {
        "count/deployments.apps": "2",
        "limits.memory": "8Gi",
        persistentvolumeclaims: "5",
        pods: "10",
        "requests.cpu": "4",
        "requests.nvidia.com/gpu": "4",
      },
      used: {
        "count/deployments.apps": "0",
        "limits.memory": "0",
        persistentvolumeclaims: "0",
        pods: "0",
        "requests.cpu": "0",
        "requests.nvidia.com/gpu": "0",
      },
    });
    const model = {
      requests: { cpu: "1500m", "nvidia.com/gpu": "1" },
      limits: { memory: "3Gi", "nvidia.com/gpu": "1" },
    };
    cluster.apply([pod("a", model), pod("b", model)]);
    expect((statusOf("compute") as { used: object }).used).toEqual({
      "count/deployments.apps": "0",
      "limits.memory": "6Gi",
      persistentvolumeclaims: "0",
      pods: "2",
      "requests.cpu": "3",
      "requests.nvidia.com/gpu": "2",
    });
    cluster.api.patch(
      cluster.harness,
      PODS,
      "team",
      "a",
      "merge",
      { status: { phase: "Failed" } },
      { subresource: "status" },
    );
    cluster.api.delete(cluster.harness, PODS, "team", "b");
    cluster.settle();
    expect((statusOf("compute") as { used: Record<string, string> }).used).toMatchObject({
      pods: "0",
      "requests.cpu": "0",
      "requests.nvidia.com/gpu": "0",
    });
  });

  it("follows spec changes and counts only what the quota's scopes select", () => {
    cluster.apply([
      {
        apiVersion: "v1",
        kind: "ResourceQuota",
        metadata: { name: "best-effort", namespace: "team" },
        spec: { hard: { pods: "3" }, scopes: ["BestEffort"] },
      },
      pod("plain"),
      pod("sized", { requests: { cpu: "100m" } }),
    ]);
    expect(statusOf("best-effort")).toEqual({ hard: { pods: "3" }, used: { pods: "1" } });
    cluster.api.patch(cluster.harness, QUOTAS, "team", "best-effort", "merge", {
      spec: { hard: { pods: "5" } },
    });
    cluster.settle();
    expect(statusOf("best-effort")).toEqual({ hard: { pods: "5" }, used: { pods: "1" } });
  });

  it("does not write a status that has not changed", () => {
    cluster.apply([
      {
        apiVersion: "v1",
        kind: "ResourceQuota",
        metadata: { name: "q", namespace: "team" },
        spec: { hard: { secrets: "3" } },
      },
    ]);
    const rv = cluster.store.get("resourcequotas", "team", "q")?.metadata.resourceVersion;
    cluster.apply([pod("unrelated")]);
    expect(cluster.store.get("resourcequotas", "team", "q")?.metadata.resourceVersion).toBe(rv);
  });
});

import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/cluster/types.js";
import { ago, cells, meta, tableOf } from "./fixtures.js";

describe("kinds without a printer of their own", () => {
  it.each([
    ["rbac.authorization.k8s.io/v1", "Role"],
    ["rbac.authorization.k8s.io/v1", "ClusterRole"],
    ["v1", "LimitRange"],
  ])("%s %s prints NAME and CREATED AT as an RFC 3339 timestamp", (apiVersion, kind) => {
    const object: KubeObject = { apiVersion, kind, metadata: meta("pod-reader", 600) };
    const table = tableOf(object);
    expect(table.columnDefinitions.map((c) => [c.name, c.type, c.format])).toEqual([
      ["Name", "string", "name"],
      ["Created At", "date", ""],
    ]);
    expect(table.rows[0]?.cells).toEqual(["pod-reader", "2026-01-01T11:50:00Z"]);
  });

  it("prints Go's zero time for an object without a creation timestamp", () => {
    const review: KubeObject = {
      apiVersion: "authorization.k8s.io/v1",
      kind: "SelfSubjectAccessReview",
      metadata: {},
      spec: { resourceAttributes: { verb: "create", resource: "deployments" } },
    };
    expect(cells(review)).toEqual(["", "0001-01-01T00:00:00Z"]);
  });
});

describe("metrics.k8s.io", () => {
  it("sums a pod's container usage per resource, as metrics-server's table does", () => {
    const podMetrics: KubeObject = {
      apiVersion: "metrics.k8s.io/v1beta1",
      kind: "PodMetrics",
      metadata: { name: "web-1", namespace: "default", creationTimestamp: ago(0) },
      timestamp: ago(5),
      window: "15s",
      containers: [
        { name: "web", usage: { cpu: "250m", memory: "120Mi" } },
        { name: "metrics", usage: { cpu: "5m", memory: "8Mi" } },
      ],
    };
    const table = tableOf(podMetrics);
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(["Name", "cpu", "memory", "Window"]);
    expect(table.rows[0]?.cells).toEqual(["web-1", "255m", "128Mi", "15s"]);
  });

  it("prints a node's usage", () => {
    const nodeMetrics: KubeObject = {
      apiVersion: "metrics.k8s.io/v1beta1",
      kind: "NodeMetrics",
      metadata: { name: "kind-worker", creationTimestamp: ago(0) },
      timestamp: ago(5),
      window: "20s",
      usage: { cpu: "1500m", memory: "2097152Ki" },
    };
    expect(cells(nodeMetrics)).toEqual(["kind-worker", "1500m", "2Gi", "20s"]);
  });
});

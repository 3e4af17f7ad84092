import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/cluster/types.js";
import { ago, cells, headers, meta } from "./fixtures.js";

describe("ConfigMap, Secret, ServiceAccount, Namespace", () => {
  it("counts a ConfigMap's data and binary data keys", () => {
    const cm: KubeObject = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: meta("web-config", 86400),
      data: { "nginx.conf": "server {}", LOG_LEVEL: "info" },
      binaryData: { "logo.png": "iVBORw0KGgo=" },
    };
    expect(headers(cm)).toEqual({ normal: ["NAME", "DATA", "AGE"], wide: [] });
    expect(cells(cm)).toEqual(["web-config", 3, "24h"]);
    expect(cells({ ...cm, data: undefined, binaryData: undefined })[1]).toBe(0);
  });

  it("prints a Secret's type and key count", () => {
    const secret: KubeObject = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: meta("db-credentials", 7 * 86400),
      type: "Opaque",
      data: { username: "YWRtaW4=", password: "czNjcjN0" },
    };
    expect(headers(secret)).toEqual({ normal: ["NAME", "TYPE", "DATA", "AGE"], wide: [] });
    expect(cells(secret)).toEqual(["db-credentials", "Opaque", 2, "7d"]);
  });

  it("counts a ServiceAccount's secrets (none on a 1.32 cluster)", () => {
    const sa: KubeObject = {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: meta("default", 40 * 86400),
    };
    expect(headers(sa)).toEqual({ normal: ["NAME", "SECRETS", "AGE"], wide: [] });
    expect(cells(sa)).toEqual(["default", 0, "40d"]);
    expect(cells({ ...sa, secrets: [{ name: "default-token-abcde" }] })[1]).toBe(1);
  });

  it("prints a Namespace's phase", () => {
    const { namespace: _, ...metadata } = meta("smith-trial", 45);
    const ns: KubeObject = {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { ...metadata, labels: { "kubernetes.io/metadata.name": "smith-trial" } },
      spec: { finalizers: ["kubernetes"] },
      status: { phase: "Active" },
    };
    expect(headers(ns)).toEqual({ normal: ["NAME", "STATUS", "AGE"], wide: [] });
    expect(cells(ns)).toEqual(["smith-trial", "Active", "45s"]);
    expect(cells({ ...ns, status: { phase: "Terminating" } })[1]).toBe("Terminating");
  });
});

describe("ResourceQuota", () => {
  const quota: KubeObject = {
    apiVersion: "v1",
    kind: "ResourceQuota",
    metadata: meta("compute", 3 * 3600),
    spec: {
      hard: {
        pods: "10",
        "requests.cpu": "2",
        "requests.memory": "4Gi",
        "limits.cpu": "4",
        "limits.memory": "8Gi",
      },
    },
    status: {
      hard: {
        pods: "10",
        "requests.cpu": "2",
        "requests.memory": "4Gi",
        "limits.cpu": "4",
        "limits.memory": "8Gi",
      },
      used: {
        pods: "3",
        "requests.cpu": "500m",
        "requests.memory": "1Gi",
        "limits.cpu": "1",
        "limits.memory": "2Gi",
      },
    },
  };

  it("prints AGE before REQUEST and LIMIT, as 1.32 does", () => {
    expect(headers(quota)).toEqual({ normal: ["NAME", "AGE", "REQUEST", "LIMIT"], wide: [] });
  });

  it("prints used/hard per resource, limits.* under LIMIT, sorted by resource name", () => {
    expect(cells(quota)).toEqual([
      "compute",
      "3h",
      "pods: 3/10, requests.cpu: 500m/2, requests.memory: 1Gi/4Gi",
      "limits.cpu: 1/4, limits.memory: 2Gi/8Gi",
    ]);
  });

  it("prints quantities canonically and unused resources as 0", () => {
    const q = { ...quota, status: { hard: { "requests.cpu": "2000m", "requests.memory": "1024Mi" } } };
    expect(cells(q).slice(2)).toEqual(["requests.cpu: 0/2, requests.memory: 0/1Gi", ""]);
  });

  it("prints empty cells before the quota controller has filled the status", () => {
    expect(
      cells({ ...quota, metadata: { ...quota.metadata, creationTimestamp: ago(5) }, status: {} }),
    ).toEqual(["compute", "5s", "", ""]);
  });
});

import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/cluster/types.js";
import { cells, headers, meta } from "./fixtures.js";

const template = {
  metadata: { labels: { app: "web" } },
  spec: {
    containers: [
      { name: "web", image: "nginx:1.27" },
      { name: "metrics", image: "prom/statsd-exporter:v0.26.0" },
    ],
  },
};

describe("Deployment", () => {
  const deployment: KubeObject = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { ...meta("web", 600), generation: 2 },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: "web" } },
      template,
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
    },
    status: {
      observedGeneration: 2,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 2,
      availableReplicas: 2,
    },
  };

  it("prints READY as ready/desired and the wide template columns", () => {
    expect(headers(deployment)).toEqual({
      normal: ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
      wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
    });
    expect(cells(deployment)).toEqual([
      "web",
      "2/3",
      3,
      2,
      "10m",
      "web,metrics",
      "nginx:1.27,prom/statsd-exporter:v0.26.0",
      "app=web",
    ]);
  });

  it("prints a fresh deployment with no status yet as 0/N", () => {
    const fresh = { ...deployment, status: {} };
    expect(cells(fresh).slice(1, 4)).toEqual(["0/3", 0, 0]);
  });
});

describe("ReplicaSet", () => {
  it("prints desired, current and ready counts", () => {
    const rs: KubeObject = {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        ...meta("web-7c9f8d6b5", 590),
        labels: { app: "web", "pod-template-hash": "7c9f8d6b5" },
        ownerReferences: [
          { apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: "uid-web", controller: true },
        ],
      },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: "web", "pod-template-hash": "7c9f8d6b5" } },
        template,
      },
      status: {
        replicas: 3,
        fullyLabeledReplicas: 3,
        readyReplicas: 1,
        availableReplicas: 1,
        observedGeneration: 1,
      },
    };
    expect(headers(rs)).toEqual({
      normal: ["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
      wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
    });
    expect(cells(rs)).toEqual([
      "web-7c9f8d6b5",
      3,
      3,
      1,
      "9m50s",
      "web,metrics",
      "nginx:1.27,prom/statsd-exporter:v0.26.0",
      "app=web,pod-template-hash=7c9f8d6b5",
    ]);
  });
});

describe("StatefulSet", () => {
  it("prints READY as ready/desired", () => {
    const sts: KubeObject = {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: meta("db", 7200),
      spec: {
        replicas: 2,
        serviceName: "db",
        selector: { matchLabels: { app: "db" } },
        template: {
          metadata: { labels: { app: "db" } },
          spec: { containers: [{ name: "postgres", image: "postgres:16" }] },
        },
      },
      status: { replicas: 2, readyReplicas: 1, currentReplicas: 2, updatedReplicas: 2, availableReplicas: 1 },
    };
    expect(headers(sts)).toEqual({ normal: ["NAME", "READY", "AGE"], wide: ["CONTAINERS", "IMAGES"] });
    expect(cells(sts)).toEqual(["db", "1/2", "120m", "postgres", "postgres:16"]);
  });
});

describe("DaemonSet", () => {
  it("prints the scheduling counts and the node selector", () => {
    const ds: KubeObject = {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: meta("fluentd", 3 * 86400, "kube-system"),
      spec: {
        selector: { matchLabels: { name: "fluentd" } },
        template: {
          metadata: { labels: { name: "fluentd" } },
          spec: {
            nodeSelector: { "kubernetes.io/os": "linux" },
            containers: [{ name: "fluentd", image: "fluentd:v1.16" }],
          },
        },
      },
      status: {
        desiredNumberScheduled: 3,
        currentNumberScheduled: 3,
        numberReady: 2,
        updatedNumberScheduled: 3,
        numberAvailable: 2,
        numberMisscheduled: 0,
      },
    };
    expect(headers(ds)).toEqual({
      normal: ["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE"],
      wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
    });
    expect(cells(ds)).toEqual([
      "fluentd",
      3,
      3,
      2,
      3,
      2,
      "kubernetes.io/os=linux",
      "3d",
      "fluentd",
      "fluentd:v1.16",
      "name=fluentd",
    ]);
  });
});

describe("ControllerRevision", () => {
  it("names the controlling owner as kind.group/name", () => {
    const cr: KubeObject = {
      apiVersion: "apps/v1",
      kind: "ControllerRevision",
      metadata: {
        ...meta("db-5b6f9c7d88", 7200),
        ownerReferences: [
          {
            apiVersion: "apps/v1",
            kind: "StatefulSet",
            name: "db",
            uid: "uid-db",
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      data: {},
      revision: 2,
    };
    expect(headers(cr)).toEqual({ normal: ["NAME", "CONTROLLER", "REVISION", "AGE"], wide: [] });
    expect(cells(cr)).toEqual(["db-5b6f9c7d88", "statefulset.apps/db", 2, "120m"]);
    expect(cells({ ...cr, metadata: meta("orphan", 60) })[1]).toBe("<none>");
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StatusError } from "../../../src/cluster/errors.js";
import { EmbeddedCluster } from "../../../src/cluster/index.js";
import type { KubeObject } from "../../../src/cluster/types.js";

let cluster: EmbeddedCluster;
beforeEach(async () => {
  cluster = await EmbeddedCluster.start({ seed: 4, timeMode: "manual" });
});
afterEach(() => cluster.stop());

function limitRange(name: string, limits: object[]): KubeObject {
  return { apiVersion: "v1", kind: "LimitRange", metadata: { name, namespace: "default" }, spec: { limits } };
}

function pod(name: string, containers: Record<string, object>): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default" },
    spec: {
      containers: Object.entries(containers).map(([n, resources]) => ({ name: n, image: "x", resources })),
    },
  };
}

function create(object: KubeObject): KubeObject {
  const [created] = cluster.apply([object]);
  return cluster.store.get("pods", "default", created?.metadata.name as string) ?? (created as KubeObject);
}

function refusal(object: KubeObject): string | undefined {
  try {
    cluster.apply([object]);
    return undefined;
  } catch (e) {
    if (e instanceof StatusError && e.code === 403) return e.message;
    throw e;
  }
}

const containers = (p: KubeObject) =>
  (p.spec as { containers: { name: string; resources: object }[] }).containers;

describe("LimitRanger", () => {
  it("fills in default limits and requests, notes it, and records the resulting QoS class", () => {
    cluster.apply([
      limitRange("defaults", [
        {
          type: "Container",
          default: { cpu: "500m", memory: "512Mi" },
          defaultRequest: { cpu: "250m", memory: "256Mi" },
        },
      ]),
    ]);
    const created = create(pod("web", { main: {}, sidecar: { limits: { cpu: "1" } } }));
    expect(containers(created).map((c) => c.resources)).toEqual([
      { limits: { cpu: "500m", memory: "512Mi" }, requests: { cpu: "250m", memory: "256Mi" } },
      // Its cpu request came from its own limit (API defaulting); only memory was missing.
      { limits: { cpu: "1", memory: "512Mi" }, requests: { cpu: "1", memory: "256Mi" } },
    ]);
    expect(created.metadata.annotations?.["kubernetes.io/limit-ranger"]).toBe(
      "LimitRanger plugin set: cpu, memory request for container main; cpu, memory limit for container main; memory request for container sidecar; memory limit for container sidecar",
    );
    expect((created.status as { qosClass: string }).qosClass).toBe("Burstable");
  });

  it("stores a LimitRange with the API defaults: max → default → defaultRequest, min → defaultRequest", () => {
    cluster.apply([
      limitRange("bounds", [{ type: "Container", max: { cpu: "2" }, min: { memory: "64Mi" } }]),
    ]);
    const stored = cluster.store.get("limitranges", "default", "bounds") as KubeObject;
    expect((stored.spec as { limits: object[] }).limits[0]).toEqual({
      type: "Container",
      max: { cpu: "2" },
      min: { memory: "64Mi" },
      default: { cpu: "2" },
      defaultRequest: { cpu: "2", memory: "64Mi" },
    });
  });

  it("enforces min and max per container with the real messages", () => {
    cluster.apply([
      limitRange("bounds", [
        {
          type: "Container",
          min: { cpu: "100m" },
          max: { memory: "1Gi" },
          default: { memory: "512Mi" },
          defaultRequest: { cpu: "100m" },
        },
      ]),
    ]);
    expect(refusal(pod("small", { main: { requests: { cpu: "50m" } } }))).toBe(
      'pods "small" is forbidden: minimum cpu usage per Container is 100m, but request is 50m',
    );
    expect(refusal(pod("big", { main: { limits: { memory: "2Gi" } } }))).toBe(
      'pods "big" is forbidden: maximum memory usage per Container is 1Gi, but limit is 2Gi',
    );
    expect(refusal(pod("both", { main: { requests: { cpu: "50m" }, limits: { memory: "2Gi" } } }))).toBe(
      'pods "both" is forbidden: [minimum cpu usage per Container is 100m, but request is 50m, maximum memory usage per Container is 1Gi, but limit is 2Gi]',
    );
    expect(refusal(pod("fits", { main: { requests: { cpu: "200m" } } }))).toBeUndefined();
  });

  it("enforces the limit/request ratio and per-Pod sums", () => {
    cluster.apply([
      limitRange("ratio", [
        { type: "Container", maxLimitRequestRatio: { cpu: "2" } },
        { type: "Pod", max: { cpu: "3" } },
      ]),
    ]);
    expect(refusal(pod("bursty", { main: { requests: { cpu: "250m" }, limits: { cpu: "1" } } }))).toBe(
      'pods "bursty" is forbidden: cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000',
    );
    expect(refusal(pod("wide", { a: { limits: { cpu: "2" } }, b: { limits: { cpu: "1500m" } } }))).toBe(
      'pods "wide" is forbidden: maximum cpu usage per Pod is 3, but limit is 3500m',
    );
  });
});

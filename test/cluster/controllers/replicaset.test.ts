import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EmbeddedCluster } from "../../../src/cluster/index.js";
import { findResourceType } from "../../../src/cluster/resources.js";
import type { KubeObject } from "../../../src/cluster/types.js";
import { markReady, podsOf } from "./fake-kubelet.js";

const RS = findResourceType("apps", "v1", "replicasets");
const PODS = findResourceType("", "v1", "pods");
let cluster: EmbeddedCluster;

beforeEach(async () => {
  // No nodes: pods stay unscheduled unless the test's stand-in kubelet starts them.
  cluster = await EmbeddedCluster.start({ seed: 23, timeMode: "manual", nodes: [] });
});
afterEach(() => cluster.stop());

const replicaSet = (replicas: number, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "ReplicaSet",
  metadata: { name: "front", namespace: "default" },
  spec: {
    replicas,
    selector: { matchLabels: { app: "front" } },
    template: {
      metadata: { labels: { app: "front", tier: "web" } },
      spec: { containers: [{ name: "c", image: "nginx" }] },
    },
    ...extra,
  },
});

const bare = (name: string, labels: Record<string, string>): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default", labels },
  spec: { containers: [{ name: "c", image: "nginx" }] },
});

const status = () =>
  (cluster.store.get("replicasets.apps", "default", "front")?.status ?? {}) as Record<string, unknown>;
const scale = (replicas: number) => {
  if (!RS) throw new Error("no replicasets");
  cluster.api.patch(cluster.harness, RS, "default", "front", "merge", { spec: { replicas } });
  cluster.settle();
};

describe("ReplicaSet controller", () => {
  it("creates pods from the template with a controller reference, and reports status", () => {
    cluster.apply([replicaSet(2)]);
    const pods = podsOf(cluster, "default", "front-");
    expect(pods).toHaveLength(2);
    expect(pods[0]?.metadata.generateName).toBe("front-");
    expect(pods[0]?.metadata.labels).toEqual({ app: "front", tier: "web" });
    expect(status()).toEqual({ replicas: 2, fullyLabeledReplicas: 2, observedGeneration: 1 });
    markReady(cluster, pods);
    expect(status()).toEqual({
      replicas: 2,
      fullyLabeledReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      observedGeneration: 1,
    });
  });

  it("counts a pod available only after minReadySeconds", () => {
    cluster.apply([replicaSet(1, { minReadySeconds: 10 })]);
    markReady(cluster, podsOf(cluster, "default", "front-"));
    expect(status()).toMatchObject({ readyReplicas: 1 });
    expect(status().availableReplicas).toBeUndefined();
    cluster.advance(9_999);
    expect(status().availableReplicas).toBeUndefined();
    // Available once Ready for longer than minReadySeconds.
    cluster.advance(2);
    expect(status()).toMatchObject({ availableReplicas: 1 });
  });

  it("adopts a matching orphan instead of creating a pod, and releases a pod relabelled away", () => {
    cluster.apply([bare("stray", { app: "front" })]);
    cluster.apply([replicaSet(2)]);
    const pods = podsOf(cluster, "default", "");
    expect(pods.map((p) => p.metadata.name)).toContain("stray");
    expect(pods).toHaveLength(2);
    expect(cluster.store.get("pods", "default", "stray")?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: "ReplicaSet",
      name: "front",
      controller: true,
    });
    if (!PODS) throw new Error("no pods");
    cluster.api.patch(cluster.harness, PODS, "default", "stray", "merge", {
      metadata: { labels: { app: "other" } },
    });
    cluster.settle();
    expect(cluster.store.get("pods", "default", "stray")?.metadata.ownerReferences).toBeUndefined();
    expect(podsOf(cluster, "default", "front-")).toHaveLength(2);
  });

  it("deletes unscheduled, then not-ready pods before ready ones, and newer before older", () => {
    cluster.apply([replicaSet(3)]);
    const [a, b, c] = podsOf(cluster, "default", "front-") as [KubeObject, KubeObject, KubeObject];
    markReady(cluster, [a, b]);
    scale(2);
    expect(
      podsOf(cluster, "default", "front-")
        .map((p) => p.metadata.name)
        .sort(),
    ).toEqual([a.metadata.name, b.metadata.name].sort());
    cluster.advance(600_000);
    scale(4);
    const older = [a.metadata.name, b.metadata.name];
    markReady(
      cluster,
      podsOf(cluster, "default", "front-").filter((p) => !older.includes(p.metadata.name)),
    );
    scale(2);
    expect(
      podsOf(cluster, "default", "front-")
        .map((p) => p.metadata.name)
        .sort(),
    ).toEqual([a.metadata.name, b.metadata.name].sort());
    const deleted = cluster.store
      .list("events", "default")
      .filter((e) => e.reason === "SuccessfulDelete")
      .map((e) => e.message);
    expect(deleted).toHaveLength(3);
    expect(deleted[0]).toBe(`Deleted pod: ${c.metadata.name}`);
  });

  it("reports quota refusals as FailedCreate events and a ReplicaFailure condition, and retries", () => {
    cluster.apply([
      {
        apiVersion: "v1",
        kind: "ResourceQuota",
        metadata: { name: "few", namespace: "default" },
        spec: { hard: { pods: "2" } },
      },
    ]);
    cluster.advance(1000);
    cluster.apply([replicaSet(3)]);
    expect(podsOf(cluster, "default", "front-")).toHaveLength(2);
    const failed = cluster.store.list("events", "default").filter((e) => e.reason === "FailedCreate");
    expect(failed.length).toBeGreaterThan(0);
    for (const e of failed) {
      expect(e.message).toMatch(
        /^Error creating: pods "front-\w{5}" is forbidden: exceeded quota: few, requested: pods=1, used: pods=2, limited: pods=2$/,
      );
    }
    expect(status().conditions).toEqual([
      expect.objectContaining({ type: "ReplicaFailure", status: "True", reason: "FailedCreate" }),
    ]);
    cluster.advance(60_000);
    const retried = cluster.store.list("events", "default").filter((e) => e.reason === "FailedCreate");
    expect(retried.length).toBeGreaterThan(failed.length);
    scale(2);
    cluster.advance(60_000);
    expect(status().conditions).toBeUndefined();
  });
});

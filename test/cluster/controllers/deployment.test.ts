import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EmbeddedCluster } from "../../../src/cluster/index.js";
import { findResourceType } from "../../../src/cluster/resources.js";
import type { KubeObject } from "../../../src/cluster/types.js";
import { markReady, podsOf } from "./fake-kubelet.js";

const DEPLOYMENTS = findResourceType("apps", "v1", "deployments");
let cluster: EmbeddedCluster;

beforeEach(async () => {
  cluster = await EmbeddedCluster.start({ seed: 7, timeMode: "manual", nodes: [] });
});
afterEach(() => cluster.stop());

function deployment(
  name: string,
  replicas: number,
  image = "nginx:1.27",
  extra: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default" },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: "main", image }] },
      },
      ...extra,
    },
  };
}

const replicaSets = () =>
  cluster.store.list("replicasets.apps", "default").map((rs) => ({
    name: rs.metadata.name as string,
    replicas: (rs.spec as { replicas: number }).replicas,
    revision: rs.metadata.annotations?.["deployment.kubernetes.io/revision"],
  }));

const deploymentStatus = (name: string) =>
  (cluster.store.get("deployments.apps", "default", name)?.status ?? {}) as Record<string, unknown>;

function patchDeployment(name: string, patch: unknown): void {
  if (!DEPLOYMENTS) throw new Error("no deployments");
  cluster.api.patch(cluster.harness, DEPLOYMENTS, "default", name, "strategic", patch);
  cluster.settle();
}

describe("Deployment and ReplicaSet controllers", () => {
  it("creates one ReplicaSet named by the template hash and its pods, owned all the way down", () => {
    cluster.apply([deployment("web", 3)]);
    const rsList = cluster.store.list("replicasets.apps", "default");
    expect(rsList).toHaveLength(1);
    const rs = rsList[0] as KubeObject;
    expect(rs.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    const hash = rs.metadata.labels?.["pod-template-hash"];
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(rs.metadata.annotations).toMatchObject({
      "deployment.kubernetes.io/revision": "1",
      "deployment.kubernetes.io/desired-replicas": "3",
      "deployment.kubernetes.io/max-replicas": "4",
    });
    expect(rs.metadata.ownerReferences).toEqual([
      expect.objectContaining({
        kind: "Deployment",
        name: "web",
        controller: true,
        blockOwnerDeletion: true,
      }),
    ]);
    const pods = podsOf(cluster, "default", "web-");
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.metadata.labels).toEqual({ app: "web", "pod-template-hash": hash });
      expect(p.metadata.ownerReferences?.[0]).toMatchObject({ kind: "ReplicaSet", name: rs.metadata.name });
    }
    const events = cluster.store.list("events", "default").map((e) => `${e.reason}: ${e.message}`);
    expect(events).toContain(`ScalingReplicaSet: Scaled up replica set web-${hash} from 0 to 3`);
    expect(events.filter((e) => e.startsWith("SuccessfulCreate: Created pod: web-"))).toHaveLength(3);
    expect(cluster.store.get("deployments.apps", "default", "web")?.metadata.annotations).toMatchObject({
      "deployment.kubernetes.io/revision": "1",
    });
  });

  it("reports status and conditions as pods become ready", () => {
    cluster.apply([deployment("web", 3)]);
    const status = deploymentStatus("web");
    expect(status).toMatchObject({ observedGeneration: 1, replicas: 3, unavailableReplicas: 3 });
    expect(status.updatedReplicas).toBe(3);
    expect(status.conditions).toEqual([
      expect.objectContaining({ type: "Available", status: "False", reason: "MinimumReplicasUnavailable" }),
      expect.objectContaining({ type: "Progressing", status: "True", reason: "ReplicaSetUpdated" }),
    ]);
    cluster.advance(5000);
    markReady(cluster, podsOf(cluster, "default", "web-"));
    const ready = deploymentStatus("web");
    expect(ready).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(ready.unavailableReplicas).toBeUndefined();
    expect(ready.conditions).toEqual([
      expect.objectContaining({ type: "Available", status: "True", reason: "MinimumReplicasAvailable" }),
      expect.objectContaining({
        type: "Progressing",
        status: "True",
        reason: "NewReplicaSetAvailable",
        message: expect.stringMatching(/^ReplicaSet "web-\w+" has successfully progressed\.$/),
      }),
    ]);
  });

  it("scales down removing unready pods first, then the newest", () => {
    cluster.apply([deployment("web", 3)]);
    markReady(cluster, podsOf(cluster, "default", "web-"));
    const first = podsOf(cluster, "default", "web-").map((p) => p.metadata.name);
    cluster.advance(60_000);
    patchDeployment("web", { spec: { replicas: 10 } });
    const all = podsOf(cluster, "default", "web-");
    expect(all).toHaveLength(10);
    markReady(cluster, all.filter((p) => !first.includes(p.metadata.name)).slice(0, 4));
    cluster.advance(120_000);
    patchDeployment("web", { spec: { replicas: 2 } });
    const left = podsOf(cluster, "default", "web-").map((p) => p.metadata.name);
    expect(left).toHaveLength(2);
    expect(first).toEqual(expect.arrayContaining(left));
  });

  it("rolls out a new template within maxSurge and maxUnavailable", () => {
    cluster.apply([
      deployment("web", 4, "nginx:1.27", {
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } },
      }),
    ]);
    markReady(cluster, podsOf(cluster, "default", "web-"));
    const [oldRS] = replicaSets();
    patchDeployment("web", {
      spec: { template: { spec: { containers: [{ name: "main", image: "nginx:1.28" }] } } },
    });
    const history: string[] = [];
    for (let step = 0; step < 20; step++) {
      const sets = replicaSets();
      const total = sets.reduce((n, s) => n + s.replicas, 0);
      expect(total).toBeLessThanOrEqual(5);
      const ready = podsOf(cluster, "default", "web-").filter((p) =>
        ((p.status as { conditions?: { type: string; status: string }[] }).conditions ?? []).some(
          (c) => c.type === "Ready" && c.status === "True",
        ),
      );
      expect(ready.length).toBeGreaterThanOrEqual(3);
      history.push(
        sets
          .map((s) => `${s.name === oldRS?.name ? "old" : "new"}=${s.replicas}`)
          .sort()
          .join(" "),
      );
      const notReady = podsOf(cluster, "default", "web-").filter((p) => !ready.includes(p));
      if (
        notReady.length === 0 &&
        sets.length === 2 &&
        sets.every((s) => s.name !== oldRS?.name || s.replicas === 0)
      )
        break;
      cluster.advance(10_000);
      markReady(cluster, notReady);
    }
    expect(history[0]).toBe("new=2 old=3");
    expect(history.at(-1)).toBe("new=4 old=0");
    const status = deploymentStatus("web");
    expect(status).toMatchObject({
      replicas: 4,
      updatedReplicas: 4,
      availableReplicas: 4,
      observedGeneration: 2,
    });
    expect(
      replicaSets()
        .map((s) => s.revision)
        .sort(),
    ).toEqual(["1", "2"]);
  });

  it("Recreate scales the old ReplicaSet to zero and waits for its pods before creating the new one", () => {
    cluster.apply([deployment("web", 2, "nginx:1.27", { strategy: { type: "Recreate" } })]);
    markReady(cluster, podsOf(cluster, "default", "web-"));
    patchDeployment("web", {
      spec: { template: { spec: { containers: [{ name: "main", image: "nginx:1.28" }] } } },
    });
    expect(replicaSets()).toHaveLength(1);
    expect(replicaSets()[0]?.replicas).toBe(0);
    cluster.advance(30_000);
    expect(replicaSets()).toHaveLength(2);
    expect(replicaSets().find((s) => s.revision === "2")?.replicas).toBe(2);
  });

  it("times out a rollout that makes no progress", () => {
    cluster.apply([deployment("web", 1, "nginx:1.27", { progressDeadlineSeconds: 60 })]);
    cluster.advance(59_000);
    expect(deploymentStatus("web").conditions).toContainEqual(
      expect.objectContaining({ type: "Progressing", status: "True" }),
    );
    cluster.advance(3_000);
    expect(deploymentStatus("web").conditions).toContainEqual(
      expect.objectContaining({ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded" }),
    );
  });
});

import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbeddedCluster } from "../../src/cluster/index.js";

let cluster: EmbeddedCluster;
let apps: k8s.AppsV1Api;
let core: k8s.CoreV1Api;
let kc: k8s.KubeConfig;

beforeAll(async () => {
  cluster = await EmbeddedCluster.start({ seed: 7 });
  kc = new k8s.KubeConfig();
  kc.loadFromString(cluster.kubeconfig("harness"));
  apps = kc.makeApiClient(k8s.AppsV1Api);
  core = kc.makeApiClient(k8s.CoreV1Api);
});
afterAll(() => cluster.stop());

const deployment: k8s.V1Deployment = {
  metadata: { name: "api", labels: { app: "api" } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: "api" } },
    template: {
      metadata: { labels: { app: "api" } },
      spec: { containers: [{ name: "api", image: "ghcr.io/acme/api:1" }] },
    },
  },
};

describe("@kubernetes/client-node against the embedded server", () => {
  it("creates, lists, patches, scales and deletes", async () => {
    const created = await apps.createNamespacedDeployment({ namespace: "default", body: deployment });
    expect(created.metadata?.uid).toBeTruthy();
    const list = await apps.listNamespacedDeployment({ namespace: "default" });
    expect(list.items.map((d) => d.metadata?.name)).toEqual(["api"]);
    const patched = await apps.patchNamespacedDeployment(
      { name: "api", namespace: "default", body: { metadata: { labels: { tier: "back" } } } },
      k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch),
    );
    expect(patched.metadata?.labels).toEqual({ app: "api", tier: "back" });
    const scale = await apps.replaceNamespacedDeploymentScale({
      name: "api",
      namespace: "default",
      body: { metadata: { name: "api", namespace: "default" }, spec: { replicas: 4 } },
    });
    expect(scale.spec?.replicas).toBe(4);
    const read = await apps.readNamespacedDeployment({ name: "api", namespace: "default" });
    expect(read.spec?.replicas).toBe(4);
    await apps.deleteNamespacedDeployment({ name: "api", namespace: "default" });
    await expect(apps.readNamespacedDeployment({ name: "api", namespace: "default" })).rejects.toMatchObject({
      code: 404,
    });
  });

  it("watches changes as they happen", async () => {
    const seen: string[] = [];
    const watch = new k8s.Watch(kc);
    let done!: () => void;
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    const req = await watch.watch(
      "/api/v1/namespaces/default/configmaps",
      { labelSelector: "watched=yes" },
      (type, obj: k8s.V1ConfigMap) => {
        seen.push(`${type} ${obj.metadata?.name}`);
        if (type === "DELETED") done();
      },
      () => undefined,
    );
    const body = { metadata: { name: "w", labels: { watched: "yes" } }, data: { a: "1" } };
    await core.createNamespacedConfigMap({ namespace: "default", body });
    await core.replaceNamespacedConfigMap({
      name: "w",
      namespace: "default",
      body: { ...body, data: { a: "2" } },
    });
    await core.deleteNamespacedConfigMap({ name: "w", namespace: "default" });
    await finished;
    req.abort();
    expect(seen).toEqual(["ADDED w", "MODIFIED w", "DELETED w"]);
  });
});

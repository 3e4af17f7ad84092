import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../src/cluster/types.js";
import { type KubectlEnv, startKubectlEnv } from "../helpers/kubectl-env.js";

let env: KubectlEnv;
beforeAll(async () => {
  env = await startKubectlEnv();
  await ok("create namespace shop");
});
afterAll(() => env.stop());

async function ok(args: string, stdin?: string): Promise<string> {
  const r = await env.kubectl(args, stdin === undefined ? {} : { stdin });
  if (r.code !== 0) throw new Error(`kubectl ${args} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

const claim = (name: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name, namespace: "shop" },
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } }, ...extra },
  });

const rows = (table: string) =>
  table
    .trimEnd()
    .split("\n")
    .map((l) => l.split(/\s{2,}/));

describe("PersistentVolumeClaims", () => {
  it("are served and discovered with their short name", async () => {
    const resources = await ok("api-resources --api-group=");
    expect(resources).toMatch(/^persistentvolumeclaims\s+pvc\s+v1\s+true\s+PersistentVolumeClaim$/m);
  });

  it("of the default class bind at once to a provisioned volume, as kubectl shows", async () => {
    expect(await ok("apply -f -", claim("data"))).toBe("persistentvolumeclaim/data created\n");
    const pvc = JSON.parse(await ok("get pvc data -n shop -o json")) as KubeObject;
    const volume = `pvc-${pvc.metadata.uid}`;
    expect(pvc.spec).toEqual({
      accessModes: ["ReadWriteOnce"],
      resources: { requests: { storage: "1Gi" } },
      storageClassName: "standard",
      volumeMode: "Filesystem",
      volumeName: volume,
    });
    expect(pvc.status).toEqual({
      phase: "Bound",
      accessModes: ["ReadWriteOnce"],
      capacity: { storage: "1Gi" },
    });
    expect(pvc.metadata.annotations).toMatchObject({
      "pv.kubernetes.io/bind-completed": "yes",
      "volume.kubernetes.io/storage-provisioner": "kubernetes.io/host-path",
    });
    const [header, row] = rows(await ok("get pvc -n shop -o wide"));
    expect(header).toEqual([
      "NAME",
      "STATUS",
      "VOLUME",
      "CAPACITY",
      "ACCESS MODES",
      "STORAGECLASS",
      "VOLUMEATTRIBUTESCLASS",
      "AGE",
      "VOLUMEMODE",
    ]);
    expect(row).toEqual([
      "data",
      "Bound",
      volume,
      "1Gi",
      "RWO",
      "standard",
      "<unset>",
      expect.any(String),
      "Filesystem",
    ]);
  });

  it("of a class the cluster does not have stay Pending, with the provisioner's event", async () => {
    await ok("apply -f -", claim("fast", { storageClassName: "fast-ssd" }));
    expect(await ok("get pvc fast -n shop --no-headers")).toMatch(
      /^fast\s+Pending\s+fast-ssd\s+<unset>\s+\d+s\n$/,
    );
    const events = JSON.parse(
      await ok("get events -n shop --field-selector involvedObject.name=fast -o json"),
    ) as { items: KubeObject[] };
    expect(events.items.map((e) => [e.type, e.reason, e.message])).toEqual([
      ["Warning", "ProvisioningFailed", 'storageclass.storage.k8s.io "fast-ssd" not found'],
    ]);
  });

  it("are refused without an access mode or a size, and cannot change once created", async () => {
    const bad = await env.kubectl("apply -f -", {
      stdin: JSON.stringify({
        apiVersion: "v1",
        kind: "PersistentVolumeClaim",
        metadata: { name: "bad", namespace: "shop" },
        spec: {},
      }),
    });
    expect(bad.stderr).toBe(
      'The PersistentVolumeClaim "bad" is invalid: \n* spec.accessModes: Required value: at least 1 access mode is required\n* spec.resources[storage]: Required value\n',
    );
    const changed = await env.kubectl("apply -f -", {
      stdin: claim("data", { accessModes: ["ReadWriteMany"] }),
    });
    expect(changed.stderr).toContain(
      "spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims",
    );
    const grown = await env.kubectl(
      `patch pvc data -n shop -p {"spec":{"resources":{"requests":{"storage":"2Gi"}}}}`,
    );
    expect(grown.stderr).toBe(
      'Error from server (Forbidden): persistentvolumeclaims "data" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize\n',
    );
  });

  it("keep a pod that names a missing or unbound claim Pending, with the scheduler's message", async () => {
    const pod = (name: string, claimName: string) =>
      JSON.stringify({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name, namespace: "shop" },
        spec: {
          containers: [{ name: "app", image: "busybox:1.36" }],
          volumes: [{ name: "data", persistentVolumeClaim: { claimName } }],
        },
      });
    await ok("apply -f -", pod("orphan", "nowhere"));
    await ok("apply -f -", pod("waiting", "fast"));
    const scheduled = (name: string) =>
      ok(`get pod ${name} -n shop -o jsonpath={.status.conditions[?(@.type=="PodScheduled")].message}`);
    expect(await scheduled("orphan")).toBe(
      '0/2 nodes are available: persistentvolumeclaim "nowhere" not found. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    );
    expect(await scheduled("waiting")).toBe(
      "0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    );
    // The claim appears: the pod is tried again at once, and runs.
    await ok("apply -f -", claim("nowhere"));
    await ok("wait pod/orphan -n shop --for=condition=Ready --timeout=60s");
  });
});

describe("a StatefulSet with volumeClaimTemplates", () => {
  it("gets one claim per pod from its controller, bound, labelled with its selector, kept when it goes", async () => {
    await ok(
      "apply -f -",
      JSON.stringify({
        apiVersion: "apps/v1",
        kind: "StatefulSet",
        metadata: { name: "db", namespace: "shop" },
        spec: {
          serviceName: "db",
          replicas: 2,
          selector: { matchLabels: { app: "db" } },
          template: {
            metadata: { labels: { app: "db" } },
            spec: {
              containers: [
                { name: "db", image: "postgres:16", volumeMounts: [{ name: "data", mountPath: "/data" }] },
              ],
            },
          },
          volumeClaimTemplates: [
            {
              metadata: { name: "data", labels: { tier: "storage" } },
              spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "5Gi" } } },
            },
          ],
        },
      }),
    );
    await ok("rollout status statefulset/db -n shop --timeout=60s");
    const claims = JSON.parse(await ok("get pvc -n shop -l app=db -o json")) as { items: KubeObject[] };
    expect(claims.items.map((c) => c.metadata.name)).toEqual(["data-db-0", "data-db-1"]);
    for (const c of claims.items) {
      expect(c.metadata.labels).toEqual({ tier: "storage", app: "db" });
      expect(c.metadata.ownerReferences).toBeUndefined();
      expect(c.status).toMatchObject({ phase: "Bound", capacity: { storage: "5Gi" } });
    }
    const pod = JSON.parse(await ok("get pod db-1 -n shop -o json")) as KubeObject;
    expect((pod.spec as { volumes: unknown[] }).volumes).toContainEqual({
      name: "data",
      persistentVolumeClaim: { claimName: "data-db-1" },
    });
    const events = JSON.parse(
      await ok("get events -n shop --field-selector involvedObject.name=db,reason=SuccessfulCreate -o json"),
    ) as { items: KubeObject[] };
    expect(events.items.map((e) => e.message)).toEqual([
      "create Claim data-db-0 Pod db-0 in StatefulSet db success",
      "create Pod db-0 in StatefulSet db successful",
      "create Claim data-db-1 Pod db-1 in StatefulSet db success",
      "create Pod db-1 in StatefulSet db successful",
    ]);

    await ok("delete statefulset db -n shop --wait");
    expect(rows(await ok("get pvc -n shop -l app=db --no-headers")).map((r) => r[0])).toEqual([
      "data-db-0",
      "data-db-1",
    ]);
  });
});

describe("a StatefulSet whose claims go with it (whenDeleted: Delete)", () => {
  it("owns its claims, so the garbage collector deletes them with it", async () => {
    await ok(
      "apply -f -",
      JSON.stringify({
        apiVersion: "apps/v1",
        kind: "StatefulSet",
        metadata: { name: "cache", namespace: "shop" },
        spec: {
          serviceName: "cache",
          replicas: 1,
          persistentVolumeClaimRetentionPolicy: { whenDeleted: "Delete", whenScaled: "Retain" },
          selector: { matchLabels: { app: "cache" } },
          template: {
            metadata: { labels: { app: "cache" } },
            spec: { containers: [{ name: "cache", image: "redis:7" }] },
          },
          volumeClaimTemplates: [
            {
              metadata: { name: "data" },
              spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
            },
          ],
        },
      }),
    );
    await ok("rollout status statefulset/cache -n shop --timeout=60s");
    const owned = JSON.parse(await ok("get pvc data-cache-0 -n shop -o json")) as KubeObject;
    expect(owned.metadata.ownerReferences).toEqual([
      { apiVersion: "apps/v1", kind: "StatefulSet", name: "cache", uid: expect.any(String) },
    ]);
    await ok("delete statefulset cache -n shop --wait");
    await ok("wait pvc/data-cache-0 -n shop --for=delete --timeout=60s");
  });
});

describe("Leases", () => {
  it("are stored as written and printed with their holder", async () => {
    const lease = {
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: { name: "leader", namespace: "shop" },
      spec: {
        holderIdentity: "web-0",
        leaseDurationSeconds: 15,
        acquireTime: "2026-01-01T00:00:00.000000Z",
        renewTime: "2026-01-01T00:00:10.000000Z",
        leaseTransitions: 1,
      },
    };
    expect(await ok("apply -f -", JSON.stringify(lease))).toBe("lease.coordination.k8s.io/leader created\n");
    const stored = JSON.parse(await ok("get lease leader -n shop -o json")) as KubeObject;
    expect(stored.spec).toEqual(lease.spec);
    const [header, row] = rows(await ok("get leases -n shop"));
    expect(header).toEqual(["NAME", "HOLDER", "AGE"]);
    expect(row?.slice(0, 2)).toEqual(["leader", "web-0"]);
    await ok(`patch lease leader -n shop --type=merge -p {"spec":{"holderIdentity":"web-1"}}`);
    expect(await ok("get lease leader -n shop -o jsonpath={.spec.holderIdentity}")).toBe("web-1");
  });
});

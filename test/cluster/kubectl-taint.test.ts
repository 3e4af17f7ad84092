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

async function getPod(name: string): Promise<KubeObject | undefined> {
  const r = await env.kubectl(`get pod ${name} -n shop -o json`);
  return r.code === 0 ? (JSON.parse(r.stdout) as KubeObject) : undefined;
}

async function evictionEvents(): Promise<KubeObject[]> {
  const list = JSON.parse(
    await ok("get events -n shop --field-selector reason=TaintManagerEviction -o json"),
  ) as { items: KubeObject[] };
  return list.items;
}

/** A pod placed on node-1 directly, tolerating the test's taint for `seconds` (forever when null). */
function pinned(name: string, seconds: number | null): string {
  return JSON.stringify({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "shop" },
    spec: {
      nodeName: "node-1",
      containers: [{ name: "app", image: "busybox:1.36" }],
      tolerations: [
        {
          key: "dedicated",
          operator: "Exists",
          effect: "NoExecute",
          ...(seconds === null ? {} : { tolerationSeconds: seconds }),
        },
      ],
    },
  });
}

describe("NoExecute taints", () => {
  it("evict at once the pods that do not tolerate them; their Deployment replaces them elsewhere", async () => {
    await ok("create deployment web --image=nginx:1.27 --replicas=4 -n shop");
    await ok("rollout status deployment/web -n shop --timeout=60s");
    const pods = JSON.parse(await ok("get pods -n shop -l app=web -o json")) as { items: KubeObject[] };
    const onNode1 = pods.items
      .filter((p) => (p.spec as { nodeName: string }).nodeName === "node-1")
      .map((p) => p.metadata.name as string);
    expect(onNode1.length).toBeGreaterThan(0);

    expect(await ok("taint nodes node-1 dedicated=gpu:NoExecute")).toBe("node/node-1 tainted\n");
    for (const name of onNode1) {
      const pod = await getPod(name);
      expect(pod?.metadata.deletionTimestamp).toBeDefined();
      expect((pod?.status as { conditions?: unknown[] } | undefined)?.conditions).toContainEqual(
        expect.objectContaining({
          type: "DisruptionTarget",
          status: "True",
          reason: "DeletionByTaintManager",
          message: "Taint manager: deleting due to NoExecute taint",
        }),
      );
    }
    const events = await evictionEvents();
    expect(events.map((e) => e.message).sort()).toEqual(
      onNode1.map((n) => `Marking for deletion Pod shop/${n}`).sort(),
    );
    expect(events[0]).toMatchObject({
      type: "Normal",
      source: { component: "taint-eviction-controller" },
      involvedObject: { kind: "Pod", namespace: "shop", apiVersion: "v1" },
    });
    expect(events[0]?.involvedObject).not.toHaveProperty("uid");

    await ok("rollout status deployment/web -n shop --timeout=60s");
    const after = JSON.parse(await ok("get pods -n shop -l app=web -o json")) as { items: KubeObject[] };
    expect(after.items.map((p) => (p.spec as { nodeName: string }).nodeName)).toEqual([
      "node-2",
      "node-2",
      "node-2",
      "node-2",
    ]);
    expect(await ok("taint nodes node-1 dedicated-")).toBe("node/node-1 untainted\n");
  });

  it("keep a pod that tolerates them for tolerationSeconds of virtual time, cancelled when the taint goes", async () => {
    await ok("apply -f -", pinned("patient", 60));
    await ok("apply -f -", pinned("forever", null));
    await ok("wait pod/patient pod/forever -n shop --for=condition=Ready --timeout=60s");

    await ok("taint nodes node-1 dedicated=gpu:NoExecute");
    expect((await getPod("patient"))?.metadata.deletionTimestamp).toBeUndefined();
    await ok("taint nodes node-1 dedicated-");
    const cancelled = (await evictionEvents()).filter(
      (e) => e.message === "Cancelling deletion of Pod shop/patient",
    );
    expect(cancelled).toHaveLength(1);

    await ok("taint nodes node-1 dedicated=gpu:NoExecute");
    const taintedAt = env.cluster.clock.now();
    await ok("wait pod/patient -n shop --for=delete --timeout=300s");
    const marked = (await evictionEvents()).filter(
      (e) => e.message === "Marking for deletion Pod shop/patient",
    );
    expect(marked.map((e) => e.firstTimestamp)).toEqual([env.cluster.clock.iso(taintedAt + 60_000)]);
    // Tolerating forever, it stays.
    const forever = await getPod("forever");
    expect(forever?.metadata.deletionTimestamp).toBeUndefined();
    expect((await evictionEvents()).some((e) => (e.message as string).endsWith("shop/forever"))).toBe(false);
  });
});

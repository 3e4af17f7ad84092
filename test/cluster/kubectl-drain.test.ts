import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../src/cluster/types.js";
import { type KubectlEnv, startKubectlEnv } from "../helpers/kubectl-env.js";

/*
 * kubectl drain polls (it does not watch) until the evicted pods are gone, so its cluster follows real time.
 * The eviction API itself is tested on a cluster whose time moves only while kubectl watches, so that nothing
 * (a replacement pod turning Ready) happens between two requests of a test.
 */

async function ok(env: KubectlEnv, args: string, stdin?: string): Promise<string> {
  const r = await env.kubectl(args, stdin === undefined ? {} : { stdin });
  if (r.code !== 0) throw new Error(`kubectl ${args} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

async function webPods(env: KubectlEnv): Promise<KubeObject[]> {
  const list = JSON.parse(await ok(env, "get pods -n shop -l app=web -o json")) as { items: KubeObject[] };
  return list.items;
}

const nodeOf = (pod: KubeObject) => (pod.spec as { nodeName?: string }).nodeName;

function evict(env: KubectlEnv, name: string) {
  return env.kubectl(`create --raw /api/v1/namespaces/shop/pods/${name}/eviction -f -`, {
    stdin: JSON.stringify({
      apiVersion: "policy/v1",
      kind: "Eviction",
      metadata: { name, namespace: "shop" },
    }),
  });
}

async function startShop(env: KubectlEnv, replicas: number): Promise<void> {
  await ok(env, "create namespace shop");
  await ok(
    env,
    "apply -f -",
    JSON.stringify({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "shop" },
      spec: {
        replicas,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: {
            containers: [
              { name: "web", image: "nginx:1.27", volumeMounts: [{ name: "cache", mountPath: "/c" }] },
            ],
            volumes: [{ name: "cache", emptyDir: {} }],
          },
        },
      },
    }),
  );
  await ok(env, "rollout status deployment/web -n shop --timeout=60s");
}

describe("on a cluster that follows real time", () => {
  let env: KubectlEnv;
  beforeAll(async () => {
    env = await startKubectlEnv({ timeMode: "realtime", realtimeSpeed: 20 });
  });
  afterAll(() => env.stop());

  it("kubectl cordon marks the node unschedulable with its taint, and uncordon undoes it", async () => {
    expect(await ok(env, "cordon node-2")).toBe("node/node-2 cordoned\n");
    expect(await ok(env, "get node node-2 --no-headers")).toMatch(/^node-2\s+Ready,SchedulingDisabled\s/);
    const cordoned = JSON.parse(await ok(env, "get node node-2 -o json")) as KubeObject;
    expect(cordoned.spec).toMatchObject({
      unschedulable: true,
      taints: [{ key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" }],
    });
    expect(await ok(env, "uncordon node-2")).toBe("node/node-2 uncordoned\n");
    const uncordoned = JSON.parse(await ok(env, "get node node-2 -o json")) as KubeObject;
    expect(uncordoned.spec).not.toHaveProperty("unschedulable");
    expect(uncordoned.spec).not.toHaveProperty("taints");
  });

  it("kubectl drain evicts the node's pods but DaemonSet pods, and the Deployment recreates them elsewhere", async () => {
    await startShop(env, 4);
    await ok(
      env,
      "apply -f -",
      JSON.stringify({
        apiVersion: "apps/v1",
        kind: "DaemonSet",
        metadata: { name: "agent", namespace: "shop" },
        spec: {
          selector: { matchLabels: { app: "agent" } },
          template: {
            metadata: { labels: { app: "agent" } },
            spec: { containers: [{ name: "agent", image: "busybox:1.36" }] },
          },
        },
      }),
    );
    await ok(env, "rollout status daemonset/agent -n shop --timeout=60s");
    const onNode1 = (await webPods(env)).filter((p) => nodeOf(p) === "node-1").map((p) => p.metadata.name);
    expect(onNode1.length).toBeGreaterThan(0);

    const drain = await env.kubectl("drain node-1 --ignore-daemonsets --delete-emptydir-data");
    expect(drain.stderr).toMatch(/^Warning: ignoring DaemonSet-managed Pods: shop\/agent-\w+\n$/);
    expect(drain.code).toBe(0);
    expect(drain.stdout).toMatch(/^node\/node-1 cordoned\n/);
    for (const name of onNode1) {
      expect(drain.stdout).toContain(`evicting pod shop/${name}\n`);
      expect(drain.stdout).toContain(`pod/${name} evicted\n`);
    }
    expect(drain.stdout).toMatch(/node\/node-1 drained\n$/);

    await ok(env, "rollout status deployment/web -n shop --timeout=60s");
    const web = await webPods(env);
    expect(web).toHaveLength(4);
    expect(web.map(nodeOf)).toEqual(["node-2", "node-2", "node-2", "node-2"]);
    expect(web.some((p) => onNode1.includes(p.metadata.name))).toBe(false);
    const agents = JSON.parse(await ok(env, "get pods -n shop -l app=agent -o json")) as {
      items: KubeObject[];
    };
    expect(agents.items.map(nodeOf).sort()).toEqual(["node-1", "node-2"]);
    const evictions = env.cluster.audit.list().filter((e) => e.subresource === "eviction");
    expect(evictions.map((e) => [e.user, e.verb, e.resource, e.namespace, e.code])).toEqual(
      onNode1.map(() => ["smith:harness", "create", "pods", "shop", 201]),
    );
  }, 60_000);
});

describe("on a cluster whose time moves only while kubectl watches", () => {
  let env: KubectlEnv;
  beforeAll(async () => {
    env = await startKubectlEnv();
    await startShop(env, 4);
  });
  afterAll(() => env.stop());

  it("an eviction marks the pod DisruptionTarget and deletes it gracefully", async () => {
    const [victim] = await webPods(env);
    const name = victim?.metadata.name as string;
    const evicted = await evict(env, name);
    expect(evicted.code).toBe(0);
    expect(JSON.parse(evicted.stdout)).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Success",
      code: 201,
    });
    const pod = JSON.parse(await ok(env, `get pod ${name} -n shop -o json`)) as KubeObject;
    expect(pod.metadata.deletionTimestamp).toBeDefined();
    expect((pod.status as { conditions: unknown[] }).conditions).toContainEqual(
      expect.objectContaining({
        type: "DisruptionTarget",
        status: "True",
        reason: "EvictionByEvictionAPI",
        message: "Eviction API: evicting",
      }),
    );
    await ok(env, "rollout status deployment/web -n shop --timeout=60s");
  });

  it("a PodDisruptionBudget is served with kubectl's columns and counts the healthy pods", async () => {
    expect(await ok(env, "create poddisruptionbudget web --selector=app=web --min-available=4 -n shop")).toBe(
      "poddisruptionbudget.policy/web created\n",
    );
    const [header, row] = (await ok(env, "get pdb -n shop")).split("\n");
    expect(header).toMatch(/^NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE$/);
    expect(row).toMatch(/^web\s+4\s+N\/A\s+0\s+\d+s$/);
    const pdb = JSON.parse(await ok(env, "get pdb web -n shop -o json")) as KubeObject;
    expect(pdb.status).toEqual({
      observedGeneration: 1,
      disruptionsAllowed: 0,
      currentHealthy: 4,
      desiredHealthy: 4,
      expectedPods: 4,
      conditions: [
        {
          type: "DisruptionAllowed",
          status: "False",
          observedGeneration: 1,
          lastTransitionTime: pdb.metadata.creationTimestamp,
          reason: "InsufficientPods",
          message: "",
        },
      ],
    });
  });

  it("the budget refuses an eviction it does not allow with 429 and the real message", async () => {
    const [victim] = await webPods(env);
    const name = victim?.metadata.name as string;
    const refused = await evict(env, name);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toBe(
      "Error from server (TooManyRequests): Cannot evict pod as it would violate the pod's disruption budget.\n",
    );
    const pod = JSON.parse(await ok(env, `get pod ${name} -n shop -o json`)) as KubeObject;
    expect(pod.metadata.deletionTimestamp).toBeUndefined();
    expect(env.cluster.audit.list().at(-2)).toMatchObject({ subresource: "eviction", name, code: 429 });
  });

  it("the budget blocks kubectl drain, which retries until its timeout", async () => {
    const drain = await env.kubectl("drain node-2 --ignore-daemonsets --delete-emptydir-data --timeout=2s");
    expect(drain.code).not.toBe(0);
    expect(drain.stderr).toMatch(
      /error when evicting pods\/"web-[\w-]+" -n "shop" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\./,
    );
    expect((await webPods(env)).filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(4);
    await ok(env, "uncordon node-2");
  });

  it("maxUnavailable: 1 allows one disruption, again once the replacement is Ready", async () => {
    await ok(env, 'patch pdb web -n shop --type=merge -p {"spec":{"minAvailable":null,"maxUnavailable":1}}');
    const pdb = JSON.parse(await ok(env, "get pdb web -n shop -o json")) as KubeObject;
    expect(pdb.status).toMatchObject({ observedGeneration: 2, expectedPods: 4, desiredHealthy: 3 });
    expect(pdb.status).toMatchObject({ disruptionsAllowed: 1 });
    const [first, second] = await webPods(env);
    const a = first?.metadata.name as string;
    const b = second?.metadata.name as string;
    expect((await evict(env, a)).code).toBe(0);
    const taken = JSON.parse(await ok(env, "get pdb web -n shop -o json")) as KubeObject;
    // The evicted pod is terminating: it no longer counts, and the budget has nothing left to give.
    expect(taken.status).toMatchObject({ currentHealthy: 3, desiredHealthy: 3, disruptionsAllowed: 0 });
    expect((await evict(env, b)).stderr).toContain(
      "Cannot evict pod as it would violate the pod's disruption budget.",
    );
    await ok(env, "rollout status deployment/web -n shop --timeout=60s");
    await ok(env, "wait pdb/web -n shop --for=jsonpath={.status.disruptionsAllowed}=1 --timeout=60s");
    expect((await evict(env, b)).code).toBe(0);
    await ok(env, "delete pdb web -n shop");
  });

  it("pods/binding assigns a pod no scheduler takes to a node, once", async () => {
    const binding = (node: string) =>
      JSON.stringify({
        apiVersion: "v1",
        kind: "Binding",
        metadata: { name: "manual", namespace: "shop" },
        target: { apiVersion: "v1", kind: "Node", name: node },
      });
    await ok(
      env,
      "apply -f -",
      JSON.stringify({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "manual", namespace: "shop" },
        spec: { schedulerName: "my-scheduler", containers: [{ name: "app", image: "busybox:1.36" }] },
      }),
    );
    expect(nodeOf(JSON.parse(await ok(env, "get pod manual -n shop -o json")) as KubeObject)).toBeUndefined();
    await ok(env, "create --raw /api/v1/namespaces/shop/pods/manual/binding -f -", binding("node-2"));
    await ok(env, "wait pod/manual -n shop --for=condition=Ready --timeout=60s");
    const bound = JSON.parse(await ok(env, "get pod manual -n shop -o json")) as KubeObject;
    expect(nodeOf(bound)).toBe("node-2");
    expect((bound.status as { conditions: unknown[] }).conditions).toContainEqual(
      expect.objectContaining({ type: "PodScheduled", status: "True" }),
    );
    const again = await env.kubectl("create --raw /api/v1/namespaces/shop/pods/manual/binding -f -", {
      stdin: binding("node-1"),
    });
    expect(again.stderr).toBe(
      'Error from server (Conflict): Operation cannot be fulfilled on pods/binding "manual": pod manual is already assigned to node "node-2"\n',
    );
  });
});

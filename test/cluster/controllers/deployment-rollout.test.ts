/**
 * Deployments driven by the real kubectl against the embedded cluster, with the real scheduler and
 * kubelet: pods turn Ready 20 s (virtual) after they are bound.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/cluster/types.js";
import { type KubectlEnv, startKubectlEnv } from "../../helpers/kubectl-env.js";

let env: KubectlEnv;
beforeAll(async () => {
  env = await startKubectlEnv({ seed: 3, timeMode: "on-block", defaultStartupSeconds: 20 });
});
afterAll(() => env.stop());

async function ok(args: string): Promise<string> {
  const r = await env.kubectl(args);
  if (r.code !== 0) throw new Error(`kubectl ${args} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

async function json<T>(args: string): Promise<T> {
  return JSON.parse(await ok(`${args} -o json`)) as T;
}

interface Item {
  metadata: { name: string; annotations?: Record<string, string>; ownerReferences?: { name: string }[] };
  spec: { replicas: number; template: { spec: { containers: { image: string }[] } } };
  status: Record<string, unknown>;
}

const names = (list: { items: Item[] }) => list.items.map((i) => i.metadata.name);
const podNames = async (selector: string) => names(await json<{ items: Item[] }>(`get pods -l ${selector}`));
const replicaSets = async (selector: string) =>
  (await json<{ items: Item[] }>(`get rs -l ${selector}`)).items;

describe("kubectl create, scale and rollout status", () => {
  it("create deployment makes one ReplicaSet web-<hash> and three pods web-<hash>-<suffix>", async () => {
    expect(await ok("create deployment web --image=nginx --replicas=3")).toBe(
      "deployment.apps/web created\n",
    );
    const rs = await ok("get rs");
    expect(rs).toMatch(
      /^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\nweb-([bcdfghjklmnpqrstvwxz2456789]{6,10})\s+3\s+3\s+0\s+0s\n$/,
    );
    const hash = /web-(\w+)/.exec(rs)?.[1];
    const pods = await ok("get pods");
    const lines = pods.trim().split("\n");
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(lines.slice(1)).toHaveLength(3);
    for (const line of lines.slice(1)) {
      expect(line).toMatch(
        new RegExp(
          `^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}\\s+0/1\\s+(Pending|ContainerCreating)\\s+0\\s+0s$`,
        ),
      );
    }
  });

  it("rollout status prints the real progress lines and returns once the pods are Ready", async () => {
    const start = env.cluster.clock.now();
    const out = await ok("rollout status deployment/web");
    expect(out).toBe(
      'Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...\ndeployment "web" successfully rolled out\n',
    );
    const d = await json<Item>("get deployment web");
    expect(d.status).toMatchObject({
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    const progressing = (
      d.status.conditions as { type: string; reason: string; lastUpdateTime: string }[]
    ).find((c) => c.type === "Progressing");
    expect(progressing?.reason).toBe("NewReplicaSetAvailable");
    // Complete exactly when the start-up delay says the pods become Ready.
    expect(Date.parse(progressing?.lastUpdateTime ?? "") - start).toBe(20_000);
  });

  it("kubectl wait --for=condition=Available returns for an available deployment", async () => {
    expect(await ok("wait --for=condition=Available deployment/web --timeout=60s")).toBe(
      "deployment.apps/web condition met\n",
    );
  });

  it("scaling 3 → 10 → 2 keeps the oldest pods", async () => {
    const first = await podNames("app=web");
    await ok("scale deployment web --replicas=10");
    // The new pods start after 20 s; ten seconds later they are still far younger than the first three.
    env.cluster.advance(30_000);
    expect((await json<Item>("get deployment web")).status).toMatchObject({ availableReplicas: 10 });
    await ok("scale deployment web --replicas=2");
    const left = (await podNames("app=web")).filter((n) => {
      const pod = env.cluster.store.get("pods", "default", n);
      return pod && !pod.metadata.deletionTimestamp;
    });
    expect(left).toHaveLength(2);
    expect(first).toEqual(expect.arrayContaining(left));
    const events = await ok(
      "get events --field-selector involvedObject.kind=Deployment -o custom-columns=MSG:.message --no-headers",
    );
    expect(events).toMatch(/Scaled up replica set web-\w+ from 3 to 10/);
    expect(events).toMatch(/Scaled down replica set web-\w+ from 10 to 2/);
  });
});

describe("rolling updates, history, undo, pause and restart", () => {
  it("set image rolls out within maxSurge and maxUnavailable at every step", async () => {
    await ok("scale deployment web --replicas=4");
    await ok("rollout status deployment/web");
    await ok(
      `patch deployment web -p {"spec":{"strategy":{"rollingUpdate":{"maxSurge":1,"maxUnavailable":1}}}}`,
    );
    const steps: { total: number; available: number }[] = [];
    const unsubscribe = env.cluster.store.subscribe((e) => {
      if (e.resource !== "replicasets.apps") return;
      const sets = env.cluster.store.list("replicasets.apps", "default");
      const pods = env.cluster.store.list("pods", "default").filter((p) => !p.metadata.deletionTimestamp);
      const ready = pods.filter((p: KubeObject) =>
        ((p.status as { conditions?: { type: string; status: string }[] }).conditions ?? []).some(
          (c) => c.type === "Ready" && c.status === "True",
        ),
      );
      steps.push({
        total: sets.reduce((n, s) => n + ((s.spec as { replicas: number }).replicas ?? 0), 0),
        available: ready.length,
      });
    });
    expect(await ok("set image deployment/web nginx=nginx:1.27")).toBe("deployment.apps/web image updated\n");
    const out = await ok("rollout status deployment/web");
    unsubscribe();
    expect(out).toContain('deployment "web" successfully rolled out');
    expect(out).toMatch(
      /Waiting for deployment "web" rollout to finish: \d+ out of 4 new replicas have been updated\.\.\./,
    );
    expect(steps.length).toBeGreaterThan(4);
    for (const s of steps) {
      expect(s.total).toBeLessThanOrEqual(5);
      expect(s.available).toBeGreaterThanOrEqual(3);
    }
    const sets = await replicaSets("app=web");
    expect(sets.map((s) => s.spec.replicas).sort()).toEqual([0, 4]);
  });

  it("rollout history lists both revisions", async () => {
    const out = await ok("rollout history deployment/web");
    expect(out).toBe("deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n");
  });

  it("rollout undo restores the previous template as a new revision", async () => {
    expect(await ok("rollout undo deployment/web")).toBe("deployment.apps/web rolled back\n");
    await ok("rollout status deployment/web");
    const d = await json<Item>("get deployment web");
    expect(d.spec.template.spec.containers[0]?.image).toBe("nginx");
    expect(d.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("3");
    const sets = await replicaSets("app=web");
    expect(sets).toHaveLength(2);
    const current = sets.find((s) => s.spec.replicas === 4);
    expect(current?.spec.template.spec.containers[0]?.image).toBe("nginx");
    expect(current?.metadata.annotations).toMatchObject({
      "deployment.kubernetes.io/revision": "3",
      "deployment.kubernetes.io/revision-history": "1",
    });
    expect(await ok("rollout history deployment/web")).toBe(
      "deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n",
    );
    const two = await ok("rollout undo deployment/web --to-revision=2");
    expect(two).toBe("deployment.apps/web rolled back\n");
    await ok("rollout status deployment/web");
    expect((await json<Item>("get deployment web")).spec.template.spec.containers[0]?.image).toBe(
      "nginx:1.27",
    );
  });

  it("pause holds template changes back until resume", async () => {
    expect(await ok("rollout pause deployment/web")).toBe("deployment.apps/web paused\n");
    await ok("set image deployment/web nginx=nginx:1.28");
    const before = await replicaSets("app=web");
    expect(before.some((s) => s.spec.template.spec.containers[0]?.image === "nginx:1.28")).toBe(false);
    const paused = await json<Item>("get deployment web");
    expect(paused.status.conditions).toContainEqual(
      expect.objectContaining({ type: "Progressing", status: "Unknown", reason: "DeploymentPaused" }),
    );
    const undo = await env.kubectl("rollout undo deployment/web");
    expect(undo.code).not.toBe(0);
    expect(undo.stderr).toContain("you cannot rollback a paused deployment; resume it first");
    expect(await ok("rollout resume deployment/web")).toBe("deployment.apps/web resumed\n");
    await ok("rollout status deployment/web");
    const after = await replicaSets("app=web");
    expect(after.find((s) => s.spec.replicas === 4)?.spec.template.spec.containers[0]?.image).toBe(
      "nginx:1.28",
    );
  });

  it("rollout restart stamps the template and replaces every pod", async () => {
    const before = await podNames("app=web");
    expect(await ok("rollout restart deployment/web")).toBe("deployment.apps/web restarted\n");
    await ok("rollout status deployment/web");
    const d = await json<{ spec: { template: { metadata: { annotations?: Record<string, string> } } } }>(
      "get deployment web",
    );
    expect(d.spec.template.metadata.annotations?.["kubectl.kubernetes.io/restartedAt"]).toBeDefined();
    const after = (await podNames("app=web")).filter(
      (n) => !env.cluster.store.get("pods", "default", n)?.metadata.deletionTimestamp,
    );
    expect(after).toHaveLength(4);
    expect(after.filter((n) => before.includes(n))).toEqual([]);
  });
});

describe("change causes", () => {
  it("rollout history shows kubernetes.io/change-cause of each revision", async () => {
    await ok("set image deployment/web nginx=nginx:1.29");
    await env.kubectl(["annotate", "deployment/web", "kubernetes.io/change-cause=bump nginx to 1.29"]);
    await ok("rollout status deployment/web");
    const lines = (await ok("rollout history deployment/web")).trim().split("\n");
    expect(lines.at(-1)).toMatch(/^\d+\s+bump nginx to 1\.29$/);
    expect(lines.at(-2)).toMatch(/^\d+\s+<none>$/);
  });
});

describe("deleting a deployment", () => {
  async function makeDeployment(name: string): Promise<void> {
    await ok(`create deployment ${name} --image=nginx --replicas=2`);
    await ok(`rollout status deployment/${name}`);
  }

  async function remaining(name: string): Promise<{ rs: number; pods: number }> {
    env.cluster.advance(60_000);
    return {
      rs: env.cluster.store.list("replicasets.apps", "default").filter((r) => r.metadata.labels?.app === name)
        .length,
      pods: env.cluster.store.list("pods", "default").filter((p) => p.metadata.labels?.app === name).length,
    };
  }

  it("background deletion removes the ReplicaSet and the pods", async () => {
    await makeDeployment("bg");
    expect(await ok("delete deployment bg")).toBe('deployment.apps "bg" deleted\n');
    expect(await remaining("bg")).toEqual({ rs: 0, pods: 0 });
  });

  it("foreground deletion waits for the dependents, then removes the deployment", async () => {
    await makeDeployment("fg");
    await ok("delete deployment fg --cascade=foreground");
    expect(await remaining("fg")).toEqual({ rs: 0, pods: 0 });
    expect(env.cluster.store.get("deployments.apps", "default", "fg")).toBeUndefined();
  });

  it("orphan deletion keeps the ReplicaSet and pods, and the ReplicaSet loses its owner", async () => {
    await makeDeployment("orph");
    await ok("delete deployment orph --cascade=orphan");
    expect(await remaining("orph")).toEqual({ rs: 1, pods: 2 });
    const [rs] = await replicaSets("app=orph");
    expect(rs?.metadata.ownerReferences).toBeUndefined();
  });
});

describe("the controllers' own requests", () => {
  it("all succeeded: no conflicts or refusals in the audit log", () => {
    const failed = env.cluster.audit
      .list()
      .filter((e) => e.user.startsWith("system:serviceaccount:kube-system:") && e.code >= 400);
    expect(failed).toEqual([]);
  });
});

/** DaemonSets with the real kubectl, scheduler and kubelet on three nodes, one of them tainted for GPUs. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubectlEnv, startKubectlEnv } from "../../helpers/kubectl-env.js";

let env: KubectlEnv;
beforeAll(async () => {
  env = await startKubectlEnv({
    seed: 13,
    timeMode: "manual",
    defaultStartupSeconds: 5,
    nodes: [
      { name: "node-a", cpu: "4", memory: "16Gi" },
      { name: "node-b", cpu: "4", memory: "16Gi", labels: { disk: "ssd" } },
      {
        name: "gpu-a",
        cpu: "8",
        memory: "64Gi",
        gpus: 4,
        taints: [{ key: "nvidia.com/gpu", effect: "NoSchedule" }],
      },
    ],
  });
});
afterAll(() => env.stop());

async function ok(args: string, stdin?: string): Promise<string> {
  const r = await env.kubectl(args, stdin === undefined ? {} : { stdin });
  if (r.code !== 0) throw new Error(`kubectl ${args} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

const daemonSet = (name: string, extra = "") => `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ${name}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: main, image: "fluent/fluent-bit:3.1"}]
${extra}`;

/** node → pod names of a DaemonSet, as the scheduler bound them. */
function placement(app: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of env.cluster.store.list("pods", "default")) {
    if (p.metadata.labels?.app !== app || p.metadata.deletionTimestamp) continue;
    const node = (p.spec as { nodeName?: string }).nodeName ?? "<unscheduled>";
    out[node] = (out[node] ?? 0) + 1;
  }
  return out;
}

describe("DaemonSet", () => {
  it("runs one pod on every node whose taints it tolerates, pinned there by node affinity", async () => {
    await ok("apply -f -", daemonSet("logs"));
    expect(placement("logs")).toEqual({ "node-a": 1, "node-b": 1 });
    const pod = env.cluster.store.list("pods", "default").find((p) => p.metadata.labels?.app === "logs");
    const spec = pod?.spec as {
      nodeName: string;
      affinity: unknown;
      tolerations: { key: string; effect: string }[];
    };
    expect(spec.affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchFields: [{ key: "metadata.name", operator: "In", values: [spec.nodeName] }] },
          ],
        },
      },
    });
    expect(spec.tolerations.map((t) => `${t.key}:${t.effect}`)).toEqual(
      expect.arrayContaining([
        "node.kubernetes.io/not-ready:NoExecute",
        "node.kubernetes.io/unreachable:NoExecute",
        "node.kubernetes.io/disk-pressure:NoSchedule",
        "node.kubernetes.io/memory-pressure:NoSchedule",
        "node.kubernetes.io/pid-pressure:NoSchedule",
        "node.kubernetes.io/unschedulable:NoSchedule",
      ]),
    );
    expect(pod?.metadata.labels?.["pod-template-generation"]).toBe("1");
    expect(pod?.metadata.labels?.["controller-revision-hash"]).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    env.cluster.advance(5_000);
    expect(await ok("get ds logs")).toMatch(
      /^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE\nlogs\s+2\s+2\s+2\s+2\s+2\s+<none>\s+5s\n$/,
    );
  });

  it("honours nodeSelector and tolerations", async () => {
    await ok("apply -f -", daemonSet("ssd", "      nodeSelector: {disk: ssd}"));
    expect(placement("ssd")).toEqual({ "node-b": 1 });
    await ok("apply -f -", daemonSet("everywhere", "      tolerations: [{operator: Exists}]"));
    expect(placement("everywhere")).toEqual({ "node-a": 1, "node-b": 1, "gpu-a": 1 });
  });

  it("follows node labels: a newly labelled node gets a pod, an unlabelled one loses it", async () => {
    await ok("label node node-a disk=ssd");
    expect(placement("ssd")).toEqual({ "node-a": 1, "node-b": 1 });
    await ok("label node node-b disk-");
    env.cluster.advance(5_000);
    expect(placement("ssd")).toEqual({ "node-a": 1 });
    const ds = JSON.parse(await ok("get ds ssd -o json")) as { status: Record<string, number> };
    expect(ds.status).toMatchObject({
      desiredNumberScheduled: 1,
      currentNumberScheduled: 1,
      numberMisscheduled: 0,
    });
  });

  it("replaces pods node by node on a template change", async () => {
    await ok("set image ds/logs main=fluent/fluent-bit:3.2");
    const images = () =>
      env.cluster.store
        .list("pods", "default")
        .filter((p) => p.metadata.labels?.app === "logs" && !p.metadata.deletionTimestamp)
        .map((p) => (p.spec as { containers: { image: string }[] }).containers[0]?.image);
    expect(images().filter((i) => i === "fluent/fluent-bit:3.2")).toHaveLength(1);
    env.cluster.advance(30_000);
    expect(images()).toEqual(["fluent/fluent-bit:3.2", "fluent/fluent-bit:3.2"]);
    expect(await ok("rollout status ds/logs")).toBe('daemon set "logs" successfully rolled out\n');
  });
});

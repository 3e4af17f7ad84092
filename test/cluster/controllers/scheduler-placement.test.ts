import { afterEach, describe, expect, it } from "vitest";
import type { KubeObject, NodeSpec } from "../../../src/cluster/index.js";
import { type KubectlEnv, startKubectlEnv } from "../../helpers/kubectl-env.js";

let env: KubectlEnv;
afterEach(() => env.stop());

async function start(nodes: NodeSpec[]): Promise<void> {
  env = await startKubectlEnv({ seed: 21, timeMode: "manual", nodes });
}

function pod(
  name: string,
  spec: Record<string, unknown> = {},
  container: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default" },
    spec: { containers: [{ name: "main", image: "nginx:1.27", ...container }], ...spec },
  };
}

const nodeOf = (name: string) =>
  (env.cluster.store.get("pods", "default", name)?.spec as { nodeName?: string } | undefined)?.nodeName;

const failure = (name: string) =>
  (
    env.cluster.store.get("pods", "default", name)?.status as
      | {
          conditions?: { type: string; message?: string }[];
        }
      | undefined
  )?.conditions?.find((c) => c.type === "PodScheduled")?.message;

const cpu = (n: string): NodeSpec => ({ name: n, cpu: "4", memory: "16Gi" });

describe("scheduling constraints", () => {
  it("keeps pods off tainted nodes unless they tolerate the taint", async () => {
    await start([
      {
        ...cpu("gpu-a"),
        gpus: 2,
        taints: [{ key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" }],
      },
    ]);
    env.cluster.apply([
      pod("plain"),
      pod("tolerant", { tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }] }),
    ]);
    expect(nodeOf("plain")).toBeUndefined();
    expect(failure("plain")).toBe(
      "0/1 nodes are available: 1 node(s) had untolerated taint {nvidia.com/gpu: present}. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
    );
    expect(nodeOf("tolerant")).toBe("gpu-a");
  });

  it("honours nodeSelector and required node affinity, counting each node's first failing filter", async () => {
    await start([
      { ...cpu("a"), labels: { pool: "batch" } },
      { ...cpu("b"), labels: { pool: "serving", zone: "z1" } },
      { ...cpu("c"), labels: { pool: "serving", zone: "z2" } },
    ]);
    const affinity = (values: string[]) => ({
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: "zone", operator: "In", values }] }],
          },
        },
      },
    });
    env.cluster.apply([
      pod("selected", { nodeSelector: { pool: "batch" } }),
      pod("zoned", affinity(["z2"])),
      pod("nowhere", affinity(["z9"])),
      pod("huge", { nodeSelector: { pool: "serving" } }, { resources: { requests: { cpu: "6" } } }),
    ]);
    expect(nodeOf("selected")).toBe("a");
    expect(nodeOf("zoned")).toBe("c");
    expect(failure("nowhere")).toBe(
      "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
    expect(failure("huge")).toBe(
      "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
    );
  });

  it("schedules nothing on a node `kubectl cordon` marked unschedulable, and taints it as the node controller does", async () => {
    await start([cpu("a"), cpu("b")]);
    expect((await env.kubectl("cordon a")).stdout).toBe("node/a cordoned\n");
    env.cluster.apply([1, 2, 3].map((i) => pod(`p${i}`)));
    expect([1, 2, 3].map((i) => nodeOf(`p${i}`))).toEqual(["b", "b", "b"]);
    const spec = env.cluster.store.get("nodes", undefined, "a")?.spec as
      | { taints?: { key: string }[] }
      | undefined;
    const taints = spec?.taints;
    expect(taints?.map((t) => t.key)).toEqual(["node.kubernetes.io/unschedulable"]);
    expect((await env.kubectl("get nodes --no-headers")).stdout).toMatch(/^a\s+Ready,SchedulingDisabled\s/m);

    await env.kubectl("cordon b");
    env.cluster.apply([pod("p4")]);
    expect(failure("p4")).toBe(
      "0/2 nodes are available: 2 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    );
    await env.kubectl("uncordon a");
    env.cluster.settle();
    expect(nodeOf("p4")).toBe("a");
    expect(env.cluster.store.get("nodes", undefined, "a")?.spec).not.toHaveProperty("taints");
  });

  it("counts requests the way Kubernetes does: init containers at their peak, limits standing in for requests", async () => {
    await start([cpu("a")]);
    env.cluster.apply([
      pod(
        "init-heavy",
        { initContainers: [{ name: "warm", image: "busybox", resources: { requests: { cpu: "3" } } }] },
        { resources: { requests: { cpu: "1" } } },
      ),
      pod("limits-only", {}, { resources: { limits: { cpu: "1500m", memory: "1Gi" } } }),
      pod("rest", {}, { resources: { requests: { cpu: "1500m" } } }),
    ]);
    // init-heavy takes max(3, 1) = 3 cores; limits-only cannot fit in the 1 left, rest neither.
    expect(nodeOf("init-heavy")).toBe("a");
    expect(failure("limits-only")).toMatch(/^0\/1 nodes are available: 1 Insufficient cpu\. /);
    expect(failure("rest")).toMatch(/^0\/1 nodes are available: 1 Insufficient cpu\. /);
  });

  it("spreads pods over the least allocated nodes and schedules pending pods when a node joins", async () => {
    await start([
      { ...cpu("a"), pods: 3 },
      { ...cpu("b"), pods: 3 },
    ]);
    env.cluster.apply([1, 2, 3, 4, 5, 6, 7].map((i) => pod(`p${i}`)));
    expect([1, 2, 3, 4, 5, 6].map((i) => nodeOf(`p${i}`))).toEqual(["a", "b", "a", "b", "a", "b"]);
    expect(failure("p7")).toBe(
      "0/2 nodes are available: 2 Too many pods. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.",
    );
    env.cluster.addNode(cpu("c"));
    expect(nodeOf("p7")).toBe("c");
    const node = env.cluster.store.get("nodes", undefined, "c");
    expect(node?.spec).toMatchObject({ podCIDR: "10.244.3.0/24" });
    expect((node?.status as { addresses?: unknown[] } | undefined)?.addresses).toEqual([
      { type: "InternalIP", address: "10.0.0.4" },
      { type: "Hostname", address: "c" },
    ]);
  });

  it("retries an unschedulable pod every five minutes, counting the repeated event", async () => {
    await start([cpu("a")]);
    env.cluster.apply([pod("big", {}, { resources: { requests: { memory: "64Gi" } } })]);
    env.cluster.advance(5 * 60_000);
    const events = env.cluster.store.list("events", "default").filter((e) => e.reason === "FailedScheduling");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      count: 2,
      firstTimestamp: "2026-01-01T00:00:00Z",
      lastTimestamp: "2026-01-01T00:05:00Z",
    });
  });
});

describe("nodes", () => {
  it("registers a node with capacity and allocatable as a kubelet reports them", async () => {
    await start([{ name: "gpu-1", cpu: "16", memory: "64Gi", gpus: 4, instanceType: "a2-highgpu-4g" }]);
    const node = env.cluster.store.get("nodes", undefined, "gpu-1") as KubeObject;
    const status = node.status as Record<string, Record<string, string>>;
    expect(status.capacity).toEqual({
      cpu: "16",
      "ephemeral-storage": "101430960Ki",
      "hugepages-1Gi": "0",
      "hugepages-2Mi": "0",
      memory: "64Gi",
      "nvidia.com/gpu": "4",
      pods: "110",
    });
    expect(status.allocatable).toMatchObject({
      cpu: "16",
      memory: "65436Mi",
      "nvidia.com/gpu": "4",
      pods: "110",
    });
    expect(node.metadata.labels).toMatchObject({
      "kubernetes.io/hostname": "gpu-1",
      "kubernetes.io/os": "linux",
      "kubernetes.io/arch": "amd64",
      "node.kubernetes.io/instance-type": "a2-highgpu-4g",
    });
    const conditions = (node.status as { conditions: { type: string; status: string; reason: string }[] })
      .conditions;
    expect(conditions.map((c) => [c.type, c.status, c.reason])).toEqual([
      ["MemoryPressure", "False", "KubeletHasSufficientMemory"],
      ["DiskPressure", "False", "KubeletHasNoDiskPressure"],
      ["PIDPressure", "False", "KubeletHasSufficientPID"],
      ["Ready", "True", "KubeletReady"],
    ]);
    expect((await env.kubectl("get nodes --no-headers")).stdout).toMatch(
      /^gpu-1\s+Ready\s+<none>\s+\S+\s+v1\.32\.0\n$/,
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/cluster/index.js";
import { type KubectlEnv, startKubectlEnv } from "../../helpers/kubectl-env.js";

const MESSAGE =
  "0/4 nodes are available: 4 Insufficient nvidia.com/gpu. preemption: 0/4 nodes are available: 4 No preemption victims found for incoming pod.";

let env: KubectlEnv;
beforeAll(async () => {
  env = await startKubectlEnv({
    seed: 3,
    nodes: [1, 2, 3, 4].map((i) => ({ name: `gpu-node-${i}`, cpu: "32", memory: "128Gi", gpus: 4 })),
  });
});
afterAll(() => env.stop());

async function ok(args: string, stdin?: string): Promise<string> {
  const r = await env.kubectl(args, stdin === undefined ? {} : { stdin });
  if (r.code !== 0) throw new Error(`kubectl ${args} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

function gpuPod(i: number): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: `llm-${String(i).padStart(2, "0")}`, labels: { app: "llm" } },
    spec: {
      containers: [
        {
          name: "server",
          image: "vllm/vllm-openai:v0.6.4",
          resources: { limits: { "nvidia.com/gpu": "1" } },
        },
      ],
    },
  };
}

/** NAME → STATUS from `kubectl get pods`. */
async function statuses(): Promise<Map<string, string>> {
  const lines = (await ok("get pods --no-headers -l app=llm")).trim().split("\n");
  return new Map(lines.map((l) => l.split(/\s+/)).map((cells) => [cells[0] as string, cells[2] as string]));
}

const count = (m: Map<string, string>, status: string) => [...m.values()].filter((s) => s === status).length;

describe("scheduling 40 one-GPU pods on four 4-GPU nodes", () => {
  it("runs 16 and leaves 24 Pending", async () => {
    const list = { apiVersion: "v1", kind: "List", items: Array.from({ length: 40 }, (_, i) => gpuPod(i)) };
    await ok("apply -f -", JSON.stringify(list));
    env.cluster.advance(5_000);
    const s = await statuses();
    expect(count(s, "Running")).toBe(16);
    expect(count(s, "Pending")).toBe(24);
    // Oldest first: all created in the same second, so by name.
    expect(s.get("llm-15")).toBe("Running");
    expect(s.get("llm-16")).toBe("Pending");
    const perNode = (await ok("get pods -l app=llm -o jsonpath={.items[*].spec.nodeName}")).split(" ");
    for (let n = 1; n <= 4; n++) expect(perNode.filter((x) => x === `gpu-node-${n}`)).toHaveLength(4);
  });

  it("explains why in FailedScheduling events and the PodScheduled condition, in kube-scheduler's words", async () => {
    const events = await ok(
      "get events --field-selector reason=FailedScheduling -o custom-columns=OBJ:.involvedObject.name,FROM:.source.component,TYPE:.type,MSG:.message --no-headers",
    );
    const lines = events.trim().split("\n");
    expect(lines).toHaveLength(24);
    expect(lines[0]).toMatch(/^llm-\d\d\s+default-scheduler\s+Warning\s+0\/4 nodes are available/);
    expect(lines.every((l) => l.endsWith(MESSAGE))).toBe(true);
    const describe = await ok("describe pod llm-30");
    expect(describe).toMatch(/Status:\s+Pending/);
    expect(describe).toMatch(
      new RegExp(`Warning\\s+FailedScheduling\\s+\\S+\\s+default-scheduler\\s+${escapeRegExp(MESSAGE)}`),
    );
    const condition = await ok(
      `get pod llm-30 -o jsonpath={.status.conditions[?(@.type=="PodScheduled")].reason}`,
    );
    expect(condition).toBe("Unschedulable");
  });

  it("gives freed GPUs to the oldest pending pods, exactly as many as were freed", async () => {
    await ok("delete pod llm-00 llm-05 llm-10 llm-15");
    env.cluster.advance(5_000);
    const s = await statuses();
    expect(s.has("llm-00")).toBe(false);
    expect(count(s, "Running")).toBe(16);
    expect(count(s, "Pending")).toBe(20);
    for (const name of ["llm-16", "llm-17", "llm-18", "llm-19"]) expect(s.get(name)).toBe("Running");
    expect(s.get("llm-20")).toBe("Pending");
    const scheduled = await ok(
      "get events --field-selector involvedObject.name=llm-16,reason=Scheduled -o jsonpath={.items[0].message}",
    );
    expect(scheduled).toMatch(/^Successfully assigned default\/llm-16 to gpu-node-\d$/);
  });

  it("binds as system:kube-scheduler, so the audit log shows who placed each pod", () => {
    const binds = env.cluster.audit
      .list()
      .filter((e) => e.resource === "pods" && e.verb === "create" && e.user === "system:kube-scheduler");
    expect(binds).toHaveLength(20);
    expect(binds[0]?.requestBody).toMatchObject({ kind: "Binding", target: { kind: "Node" } });
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

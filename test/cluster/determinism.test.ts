import { describe, expect, it } from "vitest";
import { type KubectlEnv, startKubectlEnv } from "../helpers/kubectl-env.js";

const SCRIPT = [
  "create namespace det",
  "create deployment web --image=nginx:1.27 --replicas=2 -n det",
  "create configmap cfg --from-literal=a=1 -n det",
  "expose deployment web --port=80 -n det",
  "scale deployment web --replicas=4 -n det",
  "label configmap cfg -n det x=y",
  "delete configmap cfg -n det",
];

async function runScript(seed: number): Promise<{ audit: string; objects: string }> {
  const env: KubectlEnv = await startKubectlEnv({ seed });
  try {
    for (const line of SCRIPT) {
      const r = await env.kubectl(line);
      if (r.code !== 0) throw new Error(`${line}: ${r.stderr}`);
    }
    // generateName goes through the same seeded stream.
    await env.kubectl("create -f -", {
      stdin: JSON.stringify({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { generateName: "gen-", namespace: "det" },
      }),
    });
    const writes = env.cluster.audit
      .list()
      .filter((e) => !["get", "list", "watch"].includes(e.verb) && !e.path);
    const objects = env.cluster.store
      .list("configmaps", "det")
      .concat(env.cluster.store.list("deployments.apps", "det"), env.cluster.store.list("services", "det"));
    return { audit: JSON.stringify(writes), objects: JSON.stringify(objects) };
  } finally {
    await env.stop();
  }
}

describe("determinism", () => {
  it("gives byte-identical objects and audit logs for the same seed and requests", async () => {
    const a = await runScript(42);
    const b = await runScript(42);
    expect(a.objects).toBe(b.objects);
    expect(a.audit).toBe(b.audit);
    expect(a.objects).toMatch(/"name":"gen-[bcdfghjklmnpqrstvwxz2456789]{5}"/);
  });

  it("gives different uids and names for another seed", async () => {
    const a = await runScript(42);
    const c = await runScript(43);
    expect(a.objects).not.toBe(c.objects);
  });
});

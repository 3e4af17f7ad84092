import { describe, expect, it } from "vitest";
import { EmbeddedCluster, type KubeObject } from "../../../src/cluster/index.js";

function pod(i: number): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { generateName: "worker-", namespace: "default", labels: { app: "worker" } },
    spec: {
      containers: [
        { name: "main", image: "nginx:1.27", resources: { requests: { cpu: `${500 + i * 100}m` } } },
      ],
    },
  };
}

/** Nodes, pods, events and endpoints after a scripted run, as JSON. */
async function run(seed: number): Promise<string> {
  const cluster = await EmbeddedCluster.start({ seed, timeMode: "manual" });
  try {
    cluster.apply([
      {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name: "worker", namespace: "default" },
        spec: { selector: { app: "worker" }, ports: [{ port: 80 }] },
      },
    ]);
    cluster.apply(Array.from({ length: 12 }, (_, i) => pod(i)));
    cluster.advance(3_000);
    const first = cluster.store.list("pods", "default")[0] as KubeObject;
    cluster.crashContainer("default", first.metadata.name as string, "main", 1);
    cluster.advance(30_000);
    const dump = ["nodes", "pods", "events", "endpoints"].map((r) => cluster.store.list(r));
    return JSON.stringify(dump);
  } finally {
    await cluster.stop();
  }
}

describe("determinism of nodes, scheduling and pod lifecycles", () => {
  it("gives byte-identical nodes, pods, events and endpoints for the same seed", async () => {
    const a = await run(4);
    expect(await run(4)).toBe(a);
    expect(a).toContain('"reason":"FailedScheduling"');
    expect(a).toContain('"restartCount":1');
  });

  it("gives other machine ids and pod names for another seed", async () => {
    expect(await run(5)).not.toBe(await run(4));
  });
});

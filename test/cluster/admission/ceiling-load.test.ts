import { Agent, request } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type KubectlEnv, startKubectlEnv } from "../../helpers/kubectl-env.js";

let env: KubectlEnv;
beforeAll(async () => {
  env = await startKubectlEnv({ timeMode: "manual" });
});
afterAll(() => env.stop());

interface Kubeconfig {
  clusters: { cluster: { server: string; "certificate-authority-data": string } }[];
  users: { user: { token: string } }[];
}

/** POSTs pods straight to the API over keep-alive HTTPS: kubectl's start-up would make 10,000 creates take minutes. */
function podCreator(kubeconfig: string) {
  const config = parse(kubeconfig) as Kubeconfig;
  const cluster = config.clusters[0]?.cluster;
  const token = config.users[0]?.user.token;
  if (!cluster || !token) throw new Error("kubeconfig without cluster or token");
  const url = new URL("/api/v1/namespaces/default/pods", cluster.server);
  const agent = new Agent({
    keepAlive: true,
    maxSockets: 16,
    ca: Buffer.from(cluster["certificate-authority-data"], "base64"),
  });
  return (name: string) =>
    new Promise<{ code: number; body: string }>((resolve, reject) => {
      const body = JSON.stringify({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name },
        spec: { containers: [{ name: "main", image: "registry.local/agent:1" }] },
      });
      const req = request(
        url,
        {
          method: "POST",
          agent,
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk) => {
            text += chunk;
          });
          res.on("end", () => resolve({ code: res.statusCode ?? 0, body: text }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
}

describe("a runaway loop of 10,000 pod creates", () => {
  it("stops at the ceiling with 403s while the server keeps answering", async () => {
    const create = podCreator(env.cluster.kubeconfig("harness"));
    const codes = new Map<number, number>();
    let refusal = "";
    const heapBefore = process.memoryUsage().heapUsed;
    const names = Array.from({ length: 10_000 }, (_, i) => `runaway-${i}`);
    const workers = Array.from({ length: 16 }, async () => {
      for (let name = names.shift(); name; name = names.shift()) {
        const { code, body } = await create(name);
        codes.set(code, (codes.get(code) ?? 0) + 1);
        if (code === 403 && !refusal) refusal = (JSON.parse(body) as { message: string }).message;
      }
    });
    await Promise.all(workers);
    const heapAfter = process.memoryUsage().heapUsed;
    console.log(
      `10,000 creates: ${JSON.stringify(Object.fromEntries(codes))}; heap ${Math.round(heapBefore / 2 ** 20)} → ${Math.round(heapAfter / 2 ** 20)} MiB; store ${env.cluster.store.size()} objects`,
    );

    expect([...codes.keys()].sort()).toEqual([201, 403]);
    expect(refusal).toMatch(
      /^pods "runaway-\d+" is forbidden: the embedded cluster's safety ceiling of 5000 objects is reached; delete objects to create more$/,
    );
    expect(env.cluster.store.size()).toBe(5000);
    const ceiling = env.cluster.ceiling();
    expect(ceiling.limit).toBe(5000);
    expect(ceiling.hits).toBeGreaterThanOrEqual(codes.get(403) ?? 0);
    expect(ceiling.firstHitAt).toBeDefined();

    const pods = env.cluster.store.list("pods", "default").length;
    expect(pods).toBe(codes.get(201));
    const listed = await env.kubectl("get pods");
    expect(listed.code).toBe(0);
    expect(listed.stdout.trimEnd().split("\n")).toHaveLength(pods + 1);
  });
});

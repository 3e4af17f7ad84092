import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/cluster/index.js";
import { type KubectlEnv, startKubectlEnv } from "../../helpers/kubectl-env.js";

let env: KubectlEnv;
beforeAll(async () => {
  env = await startKubectlEnv({
    seed: 31,
    timeMode: "manual",
    startupDelays: [{ image: "registry.example.com/slow", seconds: 60 }],
  });
});
afterAll(() => env.stop());

async function ok(args: string, stdin?: string): Promise<string> {
  const r = await env.kubectl(args, stdin === undefined ? {} : { stdin });
  if (r.code !== 0) throw new Error(`kubectl ${args} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

function pod(name: string, image: string): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", labels: { app: "api" } },
    spec: { containers: [{ name: "api", image, ports: [{ name: "http", containerPort: 8080 }] }] },
  };
}

const podIP = (name: string) =>
  (env.cluster.store.get("pods", "default", name)?.status as { podIP?: string } | undefined)?.podIP ?? "";

interface Endpoints {
  metadata: { labels?: Record<string, string> };
  subsets?: {
    addresses?: { ip: string; nodeName: string; targetRef: { kind: string; name: string; uid: string } }[];
    notReadyAddresses?: { ip: string }[];
    ports: { name?: string; port: number; protocol: string }[];
  }[];
}

describe("the endpoints controller", () => {
  it("lists ready pods' IPs with the port a named targetPort resolves to", async () => {
    env.cluster.apply([
      pod("api-1", "nginx:1.27"),
      pod("api-2", "nginx:1.27"),
      pod("api-3", "registry.example.com/slow:2"),
    ]);
    await ok("create service clusterip api --tcp=80:http");
    await ok("label service api tier=backend");
    env.cluster.advance(2_000);
    const ips = [podIP("api-1"), podIP("api-2")].sort();
    expect(await ok("get endpoints api --no-headers")).toMatch(
      new RegExp(`^api\\s+${ips.map((ip) => `${ip.replace(/\./g, "\\.")}:8080`).join(",")}\\s+\\S+\\n$`),
    );
    const ep = JSON.parse(await ok("get endpoints api -o json")) as Endpoints;
    expect(ep.metadata.labels).toMatchObject({ app: "api", tier: "backend" });
    const subset = ep.subsets?.[0];
    expect(subset?.ports).toEqual([{ name: "80-http", port: 8080, protocol: "TCP" }]);
    expect(subset?.addresses?.map((a) => a.targetRef.name).sort()).toEqual(["api-1", "api-2"]);
    expect(subset?.addresses?.[0]).toMatchObject({
      nodeName: expect.stringMatching(/^node-/),
      targetRef: { kind: "Pod" },
    });
    expect(subset?.notReadyAddresses).toEqual([expect.objectContaining({ ip: podIP("api-3") })]);
  });

  it("follows readiness and deletion", async () => {
    env.cluster.advance(58_000);
    let ep = JSON.parse(await ok("get endpoints api -o json")) as Endpoints;
    expect(ep.subsets?.[0]?.addresses).toHaveLength(3);
    expect(ep.subsets?.[0]?.notReadyAddresses).toBeUndefined();
    await ok("delete pod api-1 --wait=false");
    ep = JSON.parse(await ok("get endpoints api -o json")) as Endpoints;
    expect(ep.subsets?.[0]?.addresses?.map((a) => a.targetRef.name).sort()).toEqual(["api-2", "api-3"]);
    const writers = env.cluster.audit.list().filter((e) => e.resource === "endpoints" && e.verb !== "get");
    expect(new Set(writers.map((e) => e.user))).toEqual(
      new Set(["system:serviceaccount:kube-system:endpoint-controller"]),
    );
  });

  it("shows <none> for a service that selects nothing, and removes the endpoints with their service", async () => {
    await ok("create service clusterip empty --tcp=80:8080");
    expect(await ok("get endpoints empty --no-headers")).toMatch(/^empty\s+<none>\s+/);
    await ok("delete service empty");
    const r = await env.kubectl("get endpoints empty");
    expect(r.stderr).toContain('endpoints "empty" not found');
  });
});

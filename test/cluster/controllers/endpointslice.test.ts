import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/cluster/index.js";
import { type KubectlEnv, startKubectlEnv } from "../../helpers/kubectl-env.js";

let env: KubectlEnv;
beforeAll(async () => {
  env = await startKubectlEnv({
    seed: 17,
    timeMode: "manual",
    podExitDelayMs: 5_000,
    nodes: [
      { name: "node-1", cpu: "4", memory: "16Gi", labels: { "topology.kubernetes.io/zone": "zone-a" } },
      { name: "node-2", cpu: "4", memory: "16Gi", pods: 200 },
    ],
  });
});
afterAll(() => env.stop());

async function ok(args: string): Promise<string> {
  const r = await env.kubectl(args);
  if (r.code !== 0) throw new Error(`kubectl ${args} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

function pod(name: string, labels: Record<string, string>, nodeName?: string): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", labels },
    spec: {
      ...(nodeName ? { nodeName } : {}),
      containers: [{ name: "web", image: "nginx:1.27", ports: [{ name: "http", containerPort: 8080 }] }],
    },
  };
}

const podIP = (name: string) =>
  (env.cluster.store.get("pods", "default", name)?.status as { podIP?: string } | undefined)?.podIP ?? "";

interface EndpointSlice {
  metadata: {
    name: string;
    generateName?: string;
    labels?: Record<string, string>;
    ownerReferences?: { kind: string; name: string; uid: string; controller?: boolean }[];
  };
  addressType: string;
  endpoints:
    | {
        addresses: string[];
        conditions: { ready: boolean; serving: boolean; terminating: boolean };
        nodeName?: string;
        zone?: string;
        targetRef: { kind: string; name: string; namespace: string; uid: string };
      }[]
    | null;
  ports: { name: string; port: number; protocol: string }[] | null;
}

async function slicesOf(service: string): Promise<EndpointSlice[]> {
  const list = JSON.parse(
    await ok(`get endpointslices -l kubernetes.io/service-name=${service} -o json`),
  ) as { items: EndpointSlice[] };
  return list.items;
}

const WRITES = new Set(["create", "update", "patch", "delete"]);

const escaped = (ip: string) => ip.replace(/\./g, "\\.");

describe("the EndpointSlice controller", () => {
  it("publishes the ready pods of a service in a slice named after it", async () => {
    env.cluster.apply([
      pod("web-1", { app: "web" }, "node-1"),
      pod("web-2", { app: "web" }, "node-2"),
      pod("other", { app: "other" }, "node-1"),
    ]);
    await ok("create service clusterip web --tcp=80:http");
    env.cluster.advance(5_000);
    const ips = [podIP("web-1"), podIP("web-2")];
    expect(await ok("get endpointslices -l kubernetes.io/service-name=web")).toMatch(
      new RegExp(
        `^NAME\\s+ADDRESSTYPE\\s+PORTS\\s+ENDPOINTS\\s+AGE\\nweb-[a-z0-9]{5}\\s+IPv4\\s+8080\\s+${ips.map(escaped).join(",")}\\s+5s\\n$`,
      ),
    );
    expect(await ok("describe service web")).toMatch(
      new RegExp(`^Endpoints:\\s+${ips.map((ip) => `${escaped(ip)}:8080`).join(",")}$`, "m"),
    );
  });

  it("is served in discovery as discovery.k8s.io/v1, after the groups a real server lists first", async () => {
    expect(await ok("api-resources --api-group=discovery.k8s.io --no-headers")).toMatch(
      /^endpointslices\s+discovery\.k8s\.io\/v1\s+true\s+EndpointSlice\n$/,
    );
    // kube-apiserver orders groups by priority: discovery.k8s.io (16200) after rbac (17000), before aggregated APIs.
    const groups = (JSON.parse(await ok("get --raw /apis")) as { groups: { name: string }[] }).groups.map(
      (g) => g.name,
    );
    const at = groups.indexOf("discovery.k8s.io");
    expect(at).toBeGreaterThan(groups.indexOf("rbac.authorization.k8s.io"));
    expect(at).toBeGreaterThan(groups.indexOf("authorization.k8s.io"));
    expect(at).toBeLessThan(groups.indexOf("metrics.k8s.io"));
  });

  it("writes what kube-controller-manager writes: labels, owner, conditions, topology, resolved ports", async () => {
    const [slice, ...others] = await slicesOf("web");
    expect(others).toEqual([]);
    const service = env.cluster.store.get("services", "default", "web");
    expect(slice?.metadata.generateName).toBe("web-");
    expect(slice?.metadata.labels).toEqual({
      app: "web",
      "kubernetes.io/service-name": "web",
      "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io",
    });
    expect(slice?.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: "Service", name: "web", uid: service?.metadata.uid, controller: true }),
    ]);
    expect(slice?.addressType).toBe("IPv4");
    expect(slice?.ports).toEqual([{ name: "80-http", port: 8080, protocol: "TCP" }]);
    expect(slice?.endpoints).toEqual([
      {
        addresses: [podIP("web-1")],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: "node-1",
        zone: "zone-a",
        targetRef: expect.objectContaining({ kind: "Pod", namespace: "default", name: "web-1" }),
      },
      {
        addresses: [podIP("web-2")],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: "node-2",
        targetRef: expect.objectContaining({ kind: "Pod", namespace: "default", name: "web-2" }),
      },
    ]);
  });

  it("keeps a deleted pod as terminating (still serving) until it is gone, and adds new pods to the slice", async () => {
    const [before] = await slicesOf("web");
    await ok("delete pod web-1 --wait=false");
    env.cluster.apply([pod("web-3", { app: "web" }, "node-2")]);
    env.cluster.advance(3_000);
    const [during] = await slicesOf("web");
    expect(during?.metadata.name).toBe(before?.metadata.name);
    expect(during?.endpoints?.map((e) => [e.targetRef.name, e.conditions])).toEqual([
      ["web-1", { ready: false, serving: true, terminating: true }],
      ["web-2", { ready: true, serving: true, terminating: false }],
      ["web-3", { ready: true, serving: true, terminating: false }],
    ]);
    expect(await ok("describe service web")).toMatch(
      new RegExp(`^Endpoints:\\s+${escaped(podIP("web-2"))}:8080,${escaped(podIP("web-3"))}:8080$`, "m"),
    );

    env.cluster.advance(5_000);
    expect(env.cluster.store.get("pods", "default", "web-1")).toBeUndefined();
    const [after] = await slicesOf("web");
    expect(after?.endpoints?.map((e) => e.targetRef.name)).toEqual(["web-2", "web-3"]);
    const writers = env.cluster.audit
      .list()
      .filter((e) => e.resource === "endpointslices.discovery.k8s.io" && WRITES.has(e.verb));
    expect(writers.length).toBeGreaterThan(0);
    expect(new Set(writers.map((e) => e.user))).toEqual(
      new Set(["system:serviceaccount:kube-system:endpointslice-controller"]),
    );
  });

  it("keeps an empty placeholder slice for a service that selects nothing, and replaces it when pods come", async () => {
    await ok("create service clusterip api --tcp=8080:8080");
    env.cluster.advance(1_000);
    const [placeholder, ...none] = await slicesOf("api");
    expect(none).toEqual([]);
    expect(placeholder?.endpoints ?? []).toEqual([]);
    expect(placeholder?.ports ?? []).toEqual([]);
    expect(await ok("get endpointslices -l kubernetes.io/service-name=api --no-headers")).toMatch(
      /^api-[a-z0-9]{5}\s+IPv4\s+<unset>\s+<unset>\s+1s\n$/,
    );
    expect(await ok("describe service api")).toMatch(/^Endpoints:\s*$/m);

    env.cluster.apply([pod("api-1", { app: "api" }, "node-1")]);
    env.cluster.advance(5_000);
    const [serving, ...rest] = await slicesOf("api");
    expect(rest).toEqual([]);
    expect(serving?.metadata.name).not.toBe(placeholder?.metadata.name);
    expect(serving?.endpoints?.map((e) => e.addresses)).toEqual([[podIP("api-1")]]);
  });

  it("splits more than 100 endpoints over slices of at most 100", async () => {
    env.cluster.apply(Array.from({ length: 101 }, (_, i) => pod(`many-${i}`, { app: "many" }, "node-2")));
    await ok("create service clusterip many --tcp=80:8080");
    env.cluster.advance(5_000);
    const sizes = (await slicesOf("many")).map((s) => s.endpoints?.length ?? 0).sort((a, b) => a - b);
    expect(sizes).toEqual([1, 100]);
    expect(await ok("describe service many")).toMatch(
      /^Endpoints:\s+(\S+:8080,){2}\S+:8080 \+ 98 more\.\.\.$/m,
    );
  });

  it("removes a service's slices with the service", async () => {
    await ok("delete service web");
    env.cluster.advance(1_000);
    expect(await slicesOf("web")).toEqual([]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StatusError } from "../../../src/cluster/errors.js";
import { EmbeddedCluster } from "../../../src/cluster/index.js";
import { findResourceType } from "../../../src/cluster/resources.js";
import type { KubeObject, ResourceType } from "../../../src/cluster/types.js";

const PODS = findResourceType("", "v1", "pods") as ResourceType;
const SERVICES = findResourceType("", "v1", "services") as ResourceType;

let cluster: EmbeddedCluster;
beforeEach(async () => {
  cluster = await EmbeddedCluster.start({ seed: 3, timeMode: "manual" });
});
afterEach(() => cluster.stop());

function quota(name: string, hard: Record<string, string>, spec: object = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ResourceQuota",
    metadata: { name, namespace: "default" },
    spec: { hard, ...spec },
  };
}

function pod(name: string, resources: object = {}, spec: object = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default" },
    spec: { ...spec, containers: [{ name: "main", image: "registry.local/model:1", resources }] },
  };
}

/** The Status error an apply got, or undefined when it succeeded. */
function refusal(objects: KubeObject[]): StatusError | undefined {
  try {
    cluster.apply(objects);
    return undefined;
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
}

const gpu = (n: number) => ({ limits: { "nvidia.com/gpu": String(n) } });

describe("ResourceQuota admission", () => {
  it("refuses the pod that would pass an extended-resource quota, with the real message", () => {
    cluster.apply([quota("gpu-quota", { "requests.nvidia.com/gpu": "4" })]);
    cluster.apply([pod("a", gpu(2)), pod("b", gpu(2))]);
    const e = refusal([pod("c", gpu(1))]);
    expect(e?.code).toBe(403);
    expect(e?.reason).toBe("Forbidden");
    expect(e?.message).toBe(
      'pods "c" is forbidden: exceeded quota: gpu-quota, requested: requests.nvidia.com/gpu=1, used: requests.nvidia.com/gpu=4, limited: requests.nvidia.com/gpu=4',
    );
    expect(e?.toStatus().details).toEqual({ name: "c", kind: "pods" });
    // A pod that needs no GPU is not held back by the GPU quota.
    expect(refusal([pod("cpu-only", { requests: { cpu: "1" } })])).toBeUndefined();
  });

  it("names only the resources that are exceeded, sorted, and names the generated pod", () => {
    cluster.apply([quota("compute", { "requests.cpu": "2", "requests.memory": "1Gi", pods: "5" })]);
    cluster.apply([pod("a", { requests: { cpu: "1500m", memory: "512Mi" } })]);
    const e = refusal([
      {
        ...pod("", { requests: { cpu: "1", memory: "1Gi" } }),
        metadata: { generateName: "web-", namespace: "default" },
      },
    ]);
    expect(e?.message).toMatch(
      /^pods "web-[a-z0-9]{5}" is forbidden: exceeded quota: compute, requested: requests\.cpu=1,requests\.memory=1Gi, used: requests\.cpu=1500m,requests\.memory=512Mi, limited: requests\.cpu=2,requests\.memory=1Gi$/,
    );
  });

  it("requires every container to state what a cpu/memory quota tracks", () => {
    cluster.apply([quota("compute", { "limits.cpu": "4", "limits.memory": "4Gi" })]);
    expect(refusal([pod("bare")])?.message).toBe(
      'pods "bare" is forbidden: failed quota: compute: must specify limits.cpu for: main; limits.memory for: main',
    );
  });

  it("counts objects of any kind with count/<resource>.<group> and the legacy names", () => {
    // `default` already holds one ConfigMap, kube-root-ca.crt, as on a real cluster.
    cluster.apply([quota("counts", { "count/deployments.apps": "1", configmaps: "2" })]);
    const deployment = (name: string): KubeObject => ({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name, namespace: "default" },
      spec: {
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "c", image: "x" }] } },
      },
    });
    cluster.apply([deployment("one")]);
    expect(refusal([deployment("two")])?.message).toBe(
      'deployments.apps "two" is forbidden: exceeded quota: counts, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1',
    );
    const cm = (name: string): KubeObject => ({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name, namespace: "default" },
    });
    cluster.apply([cm("x")]);
    expect(refusal([cm("y")])?.message).toContain(
      "exceeded quota: counts, requested: configmaps=1, used: configmaps=2, limited: configmaps=2",
    );
    // Other namespaces are not charged.
    expect(
      refusal([{ ...deployment("elsewhere"), metadata: { name: "elsewhere", namespace: "kube-public" } }]),
    ).toBeUndefined();
  });

  it("frees quota when a pod finishes or is gone, but not while it is still terminating", () => {
    cluster.apply([quota("pods", { pods: "1" })]);
    cluster.apply([pod("a", {}, { nodeName: "node-1" })]);
    expect(refusal([pod("b")])?.message).toContain(
      "exceeded quota: pods, requested: pods=1, used: pods=1, limited: pods=1",
    );
    // Deleted with a grace period: still there, still charged.
    cluster.api.delete(cluster.harness, PODS, "default", "a");
    expect(cluster.store.get("pods", "default", "a")?.metadata.deletionTimestamp).toBeDefined();
    expect(refusal([pod("b")])?.code).toBe(403);
    cluster.advance(30_000);
    expect(cluster.store.get("pods", "default", "a")).toBeUndefined();
    expect(refusal([pod("b")])).toBeUndefined();
    // A pod that has Succeeded no longer counts against `pods`.
    cluster.api.patch(
      cluster.harness,
      PODS,
      "default",
      "b",
      "merge",
      { status: { phase: "Succeeded" } },
      {
        subresource: "status",
      },
    );
    expect(refusal([pod("c")])).toBeUndefined();
  });

  it("applies scopes: a BestEffort quota leaves pods with requests alone", () => {
    cluster.apply([quota("best-effort", { pods: "1" }, { scopes: ["BestEffort"] })]);
    cluster.apply([pod("be-1")]);
    expect(refusal([pod("be-2")])?.message).toContain("exceeded quota: best-effort");
    expect(refusal([pod("burstable", { requests: { cpu: "100m" } })])).toBeUndefined();
  });

  it("charges a service update for the node ports it adds", () => {
    cluster.apply([quota("ports", { "services.nodeports": "1" })]);
    const svc: KubeObject = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web", namespace: "default" },
      spec: {
        ports: [
          { name: "http", port: 80 },
          { name: "https", port: 443 },
        ],
      },
    };
    cluster.apply([svc]);
    expect(() =>
      cluster.api.patch(cluster.harness, SERVICES, "default", "web", "merge", { spec: { type: "NodePort" } }),
    ).toThrow(
      'services "web" is forbidden: exceeded quota: ports, requested: services.nodeports=2, used: services.nodeports=0, limited: services.nodeports=1',
    );
  });

  it("refuses a second quota past `resourcequotas`", () => {
    cluster.apply([quota("only", { resourcequotas: "1" })]);
    expect(refusal([quota("another", { pods: "5" })])?.message).toBe(
      'resourcequotas "another" is forbidden: exceeded quota: only, requested: resourcequotas=1, used: resourcequotas=1, limited: resourcequotas=1',
    );
  });

  it("validates quotas: known resource names, non-negative amounts, scopes that fit", () => {
    expect(refusal([quota("bad-name", { gpus: "1" })])?.message).toBe(
      'ResourceQuota "bad-name" is invalid: spec.hard[gpus]: Invalid value: "gpus": must be a standard resource for quota',
    );
    expect(refusal([quota("negative", { pods: "-1" })])?.message).toBe(
      'ResourceQuota "negative" is invalid: spec.hard[pods]: Invalid value: "-1": must be greater than or equal to 0',
    );
    expect(refusal([quota("scoped", { "requests.cpu": "1" }, { scopes: ["BestEffort"] })])?.message).toBe(
      'ResourceQuota "scoped" is invalid: spec.scopes: Invalid value: []core.ResourceQuotaScope{"BestEffort"}: unsupported scope applied to resource',
    );
    expect(
      refusal([quota("conflict", { pods: "1" }, { scopes: ["Terminating", "NotTerminating"] })])?.code,
    ).toBe(422);
  });
});

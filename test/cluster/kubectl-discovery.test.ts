import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubectlEnv, startKubectlEnv } from "../helpers/kubectl-env.js";

let env: KubectlEnv;
beforeAll(async () => {
  env = await startKubectlEnv();
});
afterAll(() => env.stop());

describe("discovery as kubectl 1.32 uses it", () => {
  it("reports server version 1.32", async () => {
    const r = await env.kubectl("version -o json");
    expect(r.code).toBe(0);
    const v = JSON.parse(r.stdout) as { serverVersion: { major: string; minor: string; gitVersion: string } };
    expect(v.serverVersion).toMatchObject({ major: "1", minor: "32" });
  });

  it("lists api-resources with short names, groups and scope", async () => {
    const r = await env.kubectl("api-resources");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND/m);
    expect(r.stdout).toMatch(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment/m);
    expect(r.stdout).toMatch(/^nodes\s+no\s+v1\s+false\s+Node/m);
    expect(r.stdout).toMatch(
      /^horizontalpodautoscalers\s+hpa\s+autoscaling\/v2\s+true\s+HorizontalPodAutoscaler/m,
    );
    expect(r.stdout).toMatch(/^pods\s+metrics\.k8s\.io\/v1beta1\s+true\s+PodMetrics/m);
  });

  it("lists api-versions, preferred and others", async () => {
    const r = await env.kubectl("api-versions");
    expect(r.code).toBe(0);
    for (const gv of [
      "apps/v1",
      "autoscaling/v1",
      "autoscaling/v2",
      "batch/v1",
      "events.k8s.io/v1",
      "rbac.authorization.k8s.io/v1",
      "v1",
    ]) {
      expect(r.stdout.split("\n")).toContain(gv);
    }
  });

  it("serves aggregated discovery with its exact content type", async () => {
    const res = await fetchRaw(
      "/apis",
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json",
    );
    expect(res.contentType).toBe("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
    const body = JSON.parse(res.body) as { kind: string; items: { metadata: { name: string } }[] };
    expect(body.kind).toBe("APIGroupDiscoveryList");
    expect(body.items.map((i) => i.metadata.name)).toContain("apps");
  });

  it("serves SelfSubjectReview, create-only and unstored, in legacy and aggregated discovery", async () => {
    const legacy = await env.kubectl("get --raw /apis/authentication.k8s.io/v1");
    expect(JSON.parse(legacy.stdout)).toEqual({
      kind: "APIResourceList",
      apiVersion: "v1",
      groupVersion: "authentication.k8s.io/v1",
      resources: [
        {
          name: "selfsubjectreviews",
          singularName: "selfsubjectreview",
          namespaced: false,
          kind: "SelfSubjectReview",
          verbs: ["create"],
        },
      ],
    });
    const res = await fetchRaw(
      "/apis",
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
    );
    const body = JSON.parse(res.body) as {
      items: { metadata: { name: string }; versions: { version: string; resources: unknown[] }[] }[];
    };
    const group = body.items.find((i) => i.metadata.name === "authentication.k8s.io");
    expect(group?.versions).toEqual([
      {
        version: "v1",
        resources: [
          {
            resource: "selfsubjectreviews",
            responseKind: { group: "", version: "", kind: "SelfSubjectReview" },
            scope: "Cluster",
            singularResource: "selfsubjectreview",
            verbs: ["create"],
          },
        ],
        freshness: "Current",
      },
    ]);
    const listed = await env.kubectl("api-resources --api-group=authentication.k8s.io");
    expect(listed.stdout).toMatch(
      /^selfsubjectreviews\s+authentication\.k8s\.io\/v1\s+false\s+SelfSubjectReview$/m,
    );
  });

  it("answers get --raw on discovery paths", async () => {
    const r = await env.kubectl("get --raw /apis/apps/v1");
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { kind: string; resources: { name: string }[] };
    expect(list.kind).toBe("APIResourceList");
    expect(list.resources.map((x) => x.name)).toEqual(
      expect.arrayContaining(["deployments", "deployments/scale", "replicasets"]),
    );
    const healthz = await env.kubectl("get --raw /healthz");
    expect(healthz.stdout).toBe("ok");
  });

  it("explains fields from the OpenAPI v3 documents", async () => {
    const r = await env.kubectl("explain deployment.spec.replicas");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("GROUP:      apps");
    expect(r.stdout).toMatch(/FIELD:\s+replicas <integer>/);
    expect(r.stdout).toMatch(/Number of desired pods/);
  });

  it("prints cluster-info with the control plane address", async () => {
    const r = await env.kubectl("cluster-info");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Kubernetes control plane is running at ${env.cluster.url}`);
  });

  async function fetchRaw(path: string, accept: string): Promise<{ contentType: string; body: string }> {
    const https = await import("node:https");
    const { parse } = await import("yaml");
    const config = parse(env.cluster.kubeconfig("harness")) as {
      clusters: { cluster: { "certificate-authority-data": string } }[];
      users: { user: { token: string } }[];
    };
    const ca = Buffer.from(config.clusters[0]?.cluster["certificate-authority-data"] ?? "", "base64");
    return new Promise((resolve, reject) => {
      const req = https.request(
        `${env.cluster.url}${path}`,
        { ca, headers: { accept, authorization: `Bearer ${config.users[0]?.user.token}` } },
        (res) => {
          let body = "";
          res.on("data", (c) => {
            body += c;
          });
          res.on("end", () => resolve({ contentType: String(res.headers["content-type"]), body }));
        },
      );
      req.on("error", reject);
      req.end();
    });
  }
});

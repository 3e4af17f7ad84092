import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenApiServer } from "./openapi-server.js";

/*
 * The real kubectl 1.32 against the OpenAPI documents, served by a test-only stand-in server.
 * Measured with it: kubectl 1.32 reads only /openapi/v3 for explain, apply, create, replace, edit and diff; it
 * never asks for /openapi/v2 while the v3 PATCH operations advertise `fieldValidation`.
 */

const deployment = (extraSpec = "", image = "nginx:1.27") => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2${extraSpec}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: ${image}
        ports:
        - containerPort: 80
      - name: sidecar
        image: busybox
`;

describe("kubectl with the OpenAPI documents", () => {
  const server = new OpenApiServer();
  beforeAll(() => server.start());
  afterAll(() => server.stop());

  it("explains a field with its type and its Kubernetes description", async () => {
    const { code, stdout } = await server.kubectl(["explain", "deployment.spec.replicas"]);
    expect(code).toBe(0);
    expect(stdout).toContain("FIELD: replicas <integer>");
    expect(stdout).toContain("Number of desired pods.");
    expect(stdout).toMatch(/GROUP:\s+apps/);
  });

  it("explains a list of objects with their fields and required markers", async () => {
    const { code, stdout } = await server.kubectl(["explain", "pods.spec.containers"]);
    expect(code).toBe(0);
    expect(stdout).toContain("FIELD: containers <[]Container>");
    expect(stdout).toMatch(/name\s+<string> -required-/);
    expect(stdout).toMatch(/image\s+<string>/);
    expect(stdout).toMatch(/ports\s+<\[\]ContainerPort>/);
    expect(stdout).toMatch(/resources\s+<ResourceRequirements>/);
  });

  it("explains the kinds of every served group", async () => {
    for (const [resource, kind] of [
      ["hpa", "HorizontalPodAutoscaler"],
      ["cronjobs", "CronJob"],
      ["clusterrolebindings", "ClusterRoleBinding"],
      ["podmetrics", "PodMetrics"],
      ["selfsubjectaccessreviews", "SelfSubjectAccessReview"],
    ] as const) {
      const { code, stdout, stderr } = await server.kubectl(["explain", resource]);
      expect(stderr).toBe("");
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`KIND:\\s+${kind}\\b`));
    }
  });

  it("passes a valid manifest through client-side validation", async () => {
    const file = await server.writeFile("valid.yaml", deployment());
    const { code, stdout, stderr } = await server.kubectl([
      "apply",
      "--dry-run=client",
      "-o",
      "name",
      "-f",
      file,
    ]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout.trim()).toBe("deployment.apps/web");
  });

  it("leaves strict validation to the server, which names the unknown field", async () => {
    const file = await server.writeFile("unknown-field.yaml", deployment("\n  replicaz: 3"));
    // As against a real 1.32 server: the v3 documents advertise fieldValidation, so kubectl does not
    // validate client-side and a client dry run accepts the unknown field.
    const dry = await server.kubectl(["apply", "--dry-run=client", "-o", "name", "-f", file]);
    expect(dry.code).toBe(0);

    const real = await server.kubectl(["apply", "-f", file]);
    expect(real.code).not.toBe(0);
    expect(real.stderr).toContain('strict decoding error: unknown field "spec.replicaz"');
    const create = server.requests.find((r) => r.method === "POST" && r.url.includes("/deployments"));
    expect(create?.url).toContain("fieldValidation=Strict");
  });

  it("computes apply's strategic merge patch with the published merge keys", async () => {
    const first = await server.kubectl(["apply", "-f", await server.writeFile("v1.yaml", deployment())]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);

    const second = await server.kubectl([
      "apply",
      "-f",
      await server.writeFile("v2.yaml", deployment("", "nginx:1.28")),
    ]);
    expect(second.stderr).toBe("");
    expect(second.code).toBe(0);

    const patch = server.requests.filter((r) => r.method === "PATCH").at(-1);
    expect(patch?.contentType).toBe("application/strategic-merge-patch+json");
    const body = JSON.parse(patch?.body ?? "{}") as {
      spec?: { template?: { spec?: Record<string, unknown> } };
    };
    // Only a list merged by key gets `$setElementOrder` and an item reduced to its key plus the change.
    expect(body.spec?.template?.spec).toEqual({
      "$setElementOrder/containers": [{ name: "web" }, { name: "sidecar" }],
      containers: [{ name: "web", image: "nginx:1.28" }],
    });
  });

  it("never needs the v2 document", () => {
    expect(server.requests.some((r) => r.url.startsWith("/openapi/v2"))).toBe(false);
    expect(server.requests.some((r) => r.url.startsWith("/openapi/v3/apis/apps/v1?hash="))).toBe(true);
  });
});

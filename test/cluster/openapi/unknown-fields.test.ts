import { describe, expect, it } from "vitest";
import { unknownFields } from "../../../src/cluster/openapi/index.js";

const DEPLOYMENT = "io.k8s.api.apps.v1.Deployment";

const deployment = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: "web" }) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata,
  spec: {
    selector: { matchLabels: { app: "web" } },
    template: {
      metadata: { labels: { app: "web" } },
      spec: { containers: [{ name: "web", image: "nginx" }] },
    },
    ...spec,
  },
});

describe("unknownFields", () => {
  it("accepts a manifest that uses only declared fields, maps and int-or-strings included", () => {
    const obj = deployment({
      replicas: 2,
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 1 } },
    });
    obj.spec.template.spec.containers[0] = {
      name: "web",
      image: "nginx",
      resources: { limits: { cpu: "500m", "nvidia.com/gpu": "1" } },
    } as never;
    expect(unknownFields(DEPLOYMENT, obj)).toEqual([]);
  });

  it("names unknown fields by their path, list indexes included, in document order", () => {
    const obj = deployment({ replicaz: 3 }, { name: "web", labelz: {} });
    obj.spec.template.spec.containers.push({ name: "b", image: "busybox", imagez: "x" } as never);
    expect(unknownFields(DEPLOYMENT, obj)).toEqual([
      "metadata.labelz",
      "spec.template.spec.containers[1].imagez",
      "spec.replicaz",
    ]);
  });

  it("lets free-form objects hold anything", () => {
    const managed = [
      { manager: "kubectl", operation: "Apply", fieldsV1: { "f:spec": { "f:anything": {} } } },
    ];
    expect(unknownFields(DEPLOYMENT, deployment({}, { name: "web", managedFields: managed }))).toEqual([]);
  });

  it("does not mistake inherited object members for declared fields", () => {
    expect(unknownFields(DEPLOYMENT, { ...deployment({}), constructor: 1 })).toEqual(["constructor"]);
  });
});

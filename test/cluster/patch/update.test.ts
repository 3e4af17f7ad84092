import { describe, expect, it } from "vitest";
import { recordUpdate } from "../../../src/cluster/patch/index.js";
import type { KubeObject } from "../../../src/cluster/types.js";

/** What `kubectl create deployment web --image=nginx` posts (after the server's defaulting, abridged). */
function created(): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default", uid: "u-1", resourceVersion: "1", labels: { app: "web" } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: "web" } },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "nginx", image: "nginx", resources: {} }], restartPolicy: "Always" },
      },
    },
  };
}

const T0 = "2024-05-01T10:00:00Z";
const T1 = "2024-05-01T10:05:00.999Z";

interface Deployment extends KubeObject {
  spec: { replicas: number; template: { spec: { containers: { image: string }[] } } };
}

function edit(obj: KubeObject, change: (copy: Deployment) => void): KubeObject {
  const copy = structuredClone(obj) as Deployment;
  change(copy);
  return copy;
}

describe("recordUpdate", () => {
  it("records a create as Kubernetes does: new maps and items own themselves, by-value structs do not", () => {
    const obj = recordUpdate(undefined, created(), "kubectl-create", "Update", T0);
    expect(obj.metadata.managedFields).toEqual([
      {
        manager: "kubectl-create",
        operation: "Update",
        apiVersion: "apps/v1",
        time: T0,
        fieldsType: "FieldsV1",
        fieldsV1: {
          "f:metadata": { "f:labels": { ".": {}, "f:app": {} } },
          "f:spec": {
            "f:replicas": {},
            "f:selector": {},
            "f:strategy": {
              "f:rollingUpdate": { ".": {}, "f:maxSurge": {}, "f:maxUnavailable": {} },
              "f:type": {},
            },
            "f:template": {
              "f:metadata": { "f:labels": { ".": {}, "f:app": {} } },
              "f:spec": {
                "f:containers": {
                  'k:{"name":"nginx"}': { ".": {}, "f:image": {}, "f:name": {}, "f:resources": {} },
                },
                "f:restartPolicy": {},
              },
            },
          },
        },
      },
    ]);
  });

  it("moves the fields a writer changes to it, and keeps the others with their owner", () => {
    const base = recordUpdate(undefined, created(), "kubectl-create", "Update", T0);
    const edited = recordUpdate(
      base,
      edit(base, (o) => {
        (o.spec.template.spec.containers[0] as { image: string }).image = "nginx:1.27";
      }),
      "kubectl-edit",
      "Update",
      T1,
    );
    const entries = edited.metadata.managedFields ?? [];
    expect(entries.map((m) => m.manager)).toEqual(["kubectl-create", "kubectl-edit"]);
    expect(entries[1]).toEqual({
      manager: "kubectl-edit",
      operation: "Update",
      apiVersion: "apps/v1",
      time: "2024-05-01T10:05:00Z",
      fieldsType: "FieldsV1",
      fieldsV1: {
        "f:spec": {
          "f:template": { "f:spec": { "f:containers": { 'k:{"name":"nginx"}': { "f:image": {} } } } },
        },
      },
    });
    const createFields = JSON.stringify(entries[0]?.fieldsV1);
    expect(createFields).not.toContain('"f:image"');
    expect(createFields).toContain('"f:name"');
  });

  it("takes removed fields away from every manager (the labels map itself stays with its creator)", () => {
    const base = recordUpdate(undefined, created(), "kubectl-create", "Update", T0);
    const relabeled = recordUpdate(
      base,
      edit(base, (o) => {
        o.metadata.labels = { tier: "front" };
      }),
      "kubectl-label",
      "Update",
      T1,
    );
    const [create, label] = relabeled.metadata.managedFields ?? [];
    expect(create?.fieldsV1["f:metadata"]).toEqual({ "f:labels": {} });
    expect(label?.fieldsV1).toEqual({ "f:metadata": { "f:labels": { "f:tier": {} } } });
  });

  it("adds no entry for a write that changes nothing", () => {
    const base = recordUpdate(undefined, created(), "kubectl-create", "Update", T0);
    const same = recordUpdate(base, structuredClone(base), "kubectl-edit", "Update", T1);
    expect(same.metadata.managedFields).toEqual(base.metadata.managedFields);
  });

  it("records status writes under the status subresource, apart from spec ownership", () => {
    const base = recordUpdate(undefined, created(), "kubectl-create", "Update", T0);
    const withStatus = edit(base, (o) => {
      (o as Record<string, unknown>).status = { replicas: 1, readyReplicas: 1 };
    });
    const obj = recordUpdate(base, withStatus, "kube-controller-manager", "Update", T1, "status");
    const status = obj.metadata.managedFields?.find((m) => m.subresource === "status");
    expect(status).toMatchObject({
      manager: "kube-controller-manager",
      fieldsV1: { "f:status": { ".": {}, "f:readyReplicas": {}, "f:replicas": {} } },
    });
    expect(JSON.stringify(obj.metadata.managedFields?.[0]?.fieldsV1)).not.toContain("f:status");
  });

  it("honours managedFields the client rewrote, and clears them when sent [{}]", () => {
    const base = recordUpdate(undefined, created(), "kubectl-create", "Update", T0);
    const cleared = recordUpdate(
      base,
      { ...base, metadata: { ...base.metadata, managedFields: [{} as never] } },
      "x",
      "Update",
      T1,
    );
    expect(cleared.metadata.managedFields).toBeUndefined();
    const [entry] = base.metadata.managedFields ?? [];
    const rewritten = recordUpdate(
      base,
      {
        ...base,
        metadata: {
          ...base.metadata,
          managedFields: [{ ...(entry as NonNullable<typeof entry>), manager: "renamed" }],
        },
      },
      "x",
      "Update",
      T1,
    );
    expect(rewritten.metadata.managedFields?.map((m) => m.manager)).toEqual(["renamed"]);
  });

  it("keeps a client's managedFields out of a subresource write", () => {
    const base = recordUpdate(undefined, created(), "kubectl-create", "Update", T0);
    const scaled = edit(base, (o) => {
      o.spec.replicas = 3;
      o.metadata.managedFields = [];
    });
    const obj = recordUpdate(base, scaled, "kubectl-scale", "Update", T1, "scale");
    expect(obj.metadata.managedFields?.map((m) => `${m.manager}/${m.subresource ?? ""}`)).toEqual([
      "kubectl-create/",
      "kubectl-scale/scale",
    ]);
  });
});

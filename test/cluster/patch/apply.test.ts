import { describe, expect, it } from "vitest";
import type { ApplyOptions, ApplyResult } from "../../../src/cluster/patch/index.js";
import { PatchError, recordUpdate, serverSideApply } from "../../../src/cluster/patch/index.js";
import type { KubeObject } from "../../../src/cluster/types.js";

const DEPLOYMENT = "io.k8s.api.apps.v1.Deployment";
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

interface Config {
  replicas?: number;
  image?: string;
  labels?: Record<string, string>;
  containers?: Record<string, unknown>[];
}

/** A manifest as a user would pass to `kubectl apply --server-side -f`. */
function manifest({
  replicas,
  image = "nginx:1.25",
  labels = { app: "web" },
  containers,
}: Config = {}): KubeObject {
  const spec: Record<string, unknown> = {
    selector: { matchLabels: { app: "web" } },
    template: {
      metadata: { labels: { app: "web" } },
      spec: { containers: containers ?? [{ name: "web", image, ports: [{ containerPort: 80 }] }] },
    },
  };
  if (replicas !== undefined) spec.replicas = replicas;
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default", labels },
    spec,
  };
}

function apply(
  live: KubeObject | undefined,
  config: KubeObject,
  opts: Partial<ApplyOptions> = {},
): ApplyResult {
  return serverSideApply(live, config, {
    manager: "kubectl",
    force: false,
    now: "2024-05-01T10:00:00.250Z",
    definitionName: DEPLOYMENT,
    ...opts,
  });
}

function applied(
  live: KubeObject | undefined,
  config: KubeObject,
  opts: Partial<ApplyOptions> = {},
): KubeObject {
  const result = apply(live, config, opts);
  if (!("object" in result)) throw new Error(result.message);
  return result.object;
}

function spec(obj: KubeObject): Record<string, unknown> {
  return obj.spec as Record<string, unknown>;
}

function containers(obj: KubeObject): Record<string, unknown>[] {
  return (spec(obj).template as { spec: { containers: Record<string, unknown>[] } }).spec.containers;
}

function managers(obj: KubeObject): string[] {
  return (obj.metadata.managedFields ?? []).map(
    (m) => `${m.manager}/${m.operation}${m.subresource ? `/${m.subresource}` : ""}`,
  );
}

function fieldsOf(obj: KubeObject, manager: string): Record<string, unknown> | undefined {
  return obj.metadata.managedFields?.find((m) => m.manager === manager)?.fieldsV1;
}

function withReplicas(obj: KubeObject, replicas: number): KubeObject {
  return { ...obj, spec: { ...spec(obj), replicas } };
}

describe("server-side apply: creating", () => {
  it("creates the object and records the applier's fields in Kubernetes' FieldsV1 encoding", () => {
    const obj = applied(undefined, manifest({ replicas: 2 }));
    expect(spec(obj).replicas).toBe(2);
    expect(obj.metadata.annotations).toBeUndefined();
    expect(obj.metadata.managedFields).toEqual([
      {
        manager: "kubectl",
        operation: "Apply",
        apiVersion: "apps/v1",
        time: "2024-05-01T10:00:00Z",
        fieldsType: "FieldsV1",
        fieldsV1: {
          "f:metadata": { "f:labels": { "f:app": {} } },
          "f:spec": {
            "f:replicas": {},
            "f:selector": {},
            "f:template": {
              "f:metadata": { "f:labels": { "f:app": {} } },
              "f:spec": {
                "f:containers": {
                  'k:{"name":"web"}': {
                    ".": {},
                    "f:image": {},
                    "f:name": {},
                    "f:ports": {
                      'k:{"containerPort":80,"protocol":"TCP"}': { ".": {}, "f:containerPort": {} },
                    },
                  },
                },
              },
            },
          },
        },
      },
    ]);
  });

  it("ignores status in an applied configuration", () => {
    const config = { ...manifest(), status: { replicas: 9 } };
    const obj = applied(undefined, config);
    expect(obj.status).toBeUndefined();
    expect(fieldsOf(obj, "kubectl")).not.toHaveProperty("f:status");
  });

  it("refuses fields the schema does not declare and list items without their key", () => {
    const unknown = { ...manifest(), spec: { ...spec(manifest()), replicaz: 3 } };
    expect(() => apply(undefined, unknown)).toThrow(
      "failed to create typed patch object (apps/v1, Kind=Deployment): .spec.replicaz: field not declared in schema",
    );
    const nameless = manifest({ containers: [{ image: "nginx" }] });
    expect(() => apply(undefined, nameless)).toThrow(
      'element 0: associative list with keys has an element that omits key field "name"',
    );
    try {
      apply(undefined, unknown);
    } catch (err) {
      expect(err).toBeInstanceOf(PatchError);
      expect(err).toMatchObject({ code: 400, reason: "BadRequest" });
    }
  });
});

describe("server-side apply: updating", () => {
  it("removes fields the applier no longer applies and nobody else owns", () => {
    const first = applied(undefined, manifest({ replicas: 2, labels: { app: "web", tier: "front" } }));
    const second = applied(first, manifest({ labels: { app: "web" } }));
    expect(spec(second).replicas).toBeUndefined();
    expect(second.metadata.labels).toEqual({ app: "web" });
    expect(fieldsOf(second, "kubectl")).toMatchObject({ "f:metadata": { "f:labels": { "f:app": {} } } });
    expect((fieldsOf(second, "kubectl") as { "f:spec": object })["f:spec"]).not.toHaveProperty("f:replicas");
  });

  it("removes every label once the configuration has none, and keeps the object's identity", () => {
    const first = applied(undefined, manifest({ labels: { app: "web" } }));
    const live = { ...first, metadata: { ...first.metadata, uid: "u-1", resourceVersion: "7" } };
    const second = applied(live, { ...manifest(), metadata: { name: "web", namespace: "default" } });
    expect(second.metadata).toMatchObject({
      name: "web",
      namespace: "default",
      uid: "u-1",
      resourceVersion: "7",
    });
    expect(second.metadata.labels).toBeUndefined();
  });

  it("removes a container dropped from the configuration and keeps one another manager added", () => {
    const first = applied(
      undefined,
      manifest({
        containers: [
          { name: "web", image: "a" },
          { name: "log", image: "b" },
        ],
      }),
    );
    const sidecar = structuredClone(first);
    containers(sidecar).push({ name: "proxy", image: "envoy" });
    const edited = recordUpdate(first, sidecar, "injector", "Update", "2024-05-01T10:00:30Z");
    const second = applied(edited, manifest({ containers: [{ name: "web", image: "a" }] }));
    expect(containers(second).map((c) => c.name)).toEqual(["web", "proxy"]);
  });

  it("keeps a field that another applier also applies, and shares its ownership", () => {
    const first = applied(undefined, manifest({ replicas: 3 }));
    const shared = applied(first, withoutTemplate(manifest({ replicas: 3 })), {
      manager: "autoscaler",
      now: "2024-05-01T10:05:00Z",
    });
    expect(managers(shared)).toEqual(["kubectl/Apply", "autoscaler/Apply"]);
    expect(fieldsOf(shared, "autoscaler")).toMatchObject({ "f:spec": { "f:replicas": {} } });
    expect(fieldsOf(shared, "kubectl")).toMatchObject({ "f:spec": { "f:replicas": {} } });
    const dropped = applied(shared, manifest());
    expect(spec(dropped).replicas).toBe(3);
    expect((fieldsOf(dropped, "kubectl") as { "f:spec": object })["f:spec"]).not.toHaveProperty("f:replicas");
  });

  it("keeps the managedFields time when a re-apply changes nothing", () => {
    const first = applied(undefined, manifest({ replicas: 2 }));
    const again = applied(first, manifest({ replicas: 2 }), { now: "2024-05-01T11:00:00Z" });
    expect(again).toEqual(first);
    const changed = applied(first, manifest({ replicas: 4 }), { now: "2024-05-01T11:00:00Z" });
    expect(changed.metadata.managedFields?.[0]?.time).toBe("2024-05-01T11:00:00Z");
  });

  it("updates the live object's containers in place by name", () => {
    const first = applied(
      undefined,
      manifest({ containers: [{ name: "web", image: "a", env: [{ name: "X", value: "1" }] }] }),
    );
    const second = applied(
      first,
      manifest({ containers: [{ name: "web", image: "b", env: [{ name: "X", value: "1" }] }] }),
    );
    expect(containers(second)).toEqual([{ name: "web", image: "b", env: [{ name: "X", value: "1" }] }]);
  });
});

describe("server-side apply: conflicts", () => {
  it("refuses to change a field another manager set, naming the manager as kube-apiserver does", () => {
    const first = applied(undefined, manifest({ replicas: 2 }));
    const scaled = recordUpdate(
      first,
      withReplicas(first, 5),
      "kubectl-scale",
      "Update",
      "2024-05-01T10:01:00Z",
      "scale",
    );
    const result = apply(scaled, manifest({ replicas: 2 }));
    expect(result).toEqual({
      conflicts: [
        {
          manager: "kubectl-scale",
          operation: "Update",
          apiVersion: "apps/v1",
          subresource: "scale",
          field: ".spec.replicas",
          description: '"kubectl-scale" with subresource "scale" using apps/v1',
        },
      ],
      message:
        'Apply failed with 1 conflict: conflict with "kubectl-scale" with subresource "scale" using apps/v1: .spec.replicas',
    });
  });

  it("does not conflict when the applied value equals the other manager's", () => {
    const first = applied(undefined, manifest({ replicas: 2 }));
    const scaled = recordUpdate(
      first,
      withReplicas(first, 5),
      "kubectl-scale",
      "Update",
      "2024-05-01T10:01:00Z",
      "scale",
    );
    const result = apply(scaled, manifest({ replicas: 5 }));
    expect("object" in result).toBe(true);
  });

  it("takes ownership with force, and drops the manager left without fields", () => {
    const first = applied(undefined, manifest({ replicas: 2 }));
    const scaled = recordUpdate(
      first,
      withReplicas(first, 5),
      "kubectl-scale",
      "Update",
      "2024-05-01T10:01:00Z",
      "scale",
    );
    const forced = applied(scaled, manifest({ replicas: 2 }), { force: true });
    expect(spec(forced).replicas).toBe(2);
    expect(managers(forced)).toEqual(["kubectl/Apply"]);
    expect(fieldsOf(forced, "kubectl")).toMatchObject({ "f:spec": { "f:replicas": {} } });
  });

  it("lists several conflicts grouped by manager", () => {
    const first = applied(undefined, manifest({ replicas: 2 }));
    const edited = structuredClone(withReplicas(first, 4));
    (containers(edited)[0] as Record<string, unknown>).image = "nginx:edited";
    const byEdit = recordUpdate(first, edited, "kubectl-edit", "Update", "2024-05-01T10:01:00Z");
    const result = apply(byEdit, manifest({ replicas: 2, image: "nginx:1.26" }));
    expect("message" in result && result.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "kubectl-edit" using apps/v1:\n' +
        "- .spec.replicas\n" +
        '- .spec.template.spec.containers[name="web"].image',
    );
  });

  it("lets kubectl's server-side apply take over what client-side apply set, but not another manager", () => {
    const config = manifest({ replicas: 2 });
    const annotated = {
      ...config,
      metadata: { ...config.metadata, annotations: { [LAST_APPLIED]: `${JSON.stringify(config)}\n` } },
    };
    const csa = recordUpdate(
      undefined,
      annotated,
      "kubectl-client-side-apply",
      "Update",
      "2024-05-01T09:00:00Z",
    );

    const other = apply(csa, manifest({ replicas: 3 }), { manager: "my-manager" });
    expect("message" in other && other.message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
    );

    const upgraded = applied(csa, manifest({ replicas: 3 }));
    expect(spec(upgraded).replicas).toBe(3);
    expect(fieldsOf(upgraded, "kubectl")).toMatchObject({ "f:spec": { "f:replicas": {} } });
    // The client-side-apply annotation follows what kubectl applied, so that a later client-side apply diffs right.
    expect(JSON.parse(upgraded.metadata.annotations?.[LAST_APPLIED] ?? "")).toEqual(
      manifest({ replicas: 3 }),
    );
  });
});

describe("server-side apply: objects without managedFields", () => {
  it("attributes existing fields to before-first-apply", () => {
    const legacy = manifest({ replicas: 2 });
    const result = apply(legacy, manifest({ replicas: 4 }), { manager: "other" });
    expect("message" in result && result.message).toBe(
      'Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas',
    );
  });
});

function withoutTemplate(obj: KubeObject): KubeObject {
  const { template: _template, selector: _selector, ...rest } = spec(obj);
  return { ...obj, metadata: { name: "web", namespace: "default" }, spec: rest };
}

describe("server-side apply: other kinds", () => {
  it("removes a ConfigMap key dropped from the configuration", () => {
    const cm = (data: Record<string, string>): KubeObject => ({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "settings", namespace: "default" },
      data,
    });
    const opts = { definitionName: "io.k8s.api.core.v1.ConfigMap" };
    const first = applied(undefined, cm({ a: "1", b: "2" }), opts);
    expect(first.metadata.managedFields?.[0]?.fieldsV1).toEqual({
      "f:data": { "f:a": {}, "f:b": {} },
    });
    const second = applied(first, cm({ a: "1" }), opts);
    expect(second.data).toEqual({ a: "1" });
  });

  it("keys Service ports by port and protocol", () => {
    const svc: KubeObject = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web" },
      spec: { ports: [{ port: 80, targetPort: 8080 }] },
    };
    const obj = applied(undefined, svc, { definitionName: "io.k8s.api.core.v1.Service" });
    expect(obj.metadata.managedFields?.[0]?.fieldsV1).toEqual({
      "f:spec": {
        "f:ports": { 'k:{"port":80,"protocol":"TCP"}': { ".": {}, "f:port": {}, "f:targetPort": {} } },
      },
    });
  });

  it("applies a kind without a schema map by map, with lists taken whole", () => {
    const widget = (spec: Record<string, unknown>): KubeObject => ({
      apiVersion: "example.com/v1",
      kind: "Widget",
      metadata: { name: "w" },
      spec,
    });
    const opts = { definitionName: "com.example.v1.Widget" };
    const first = applied(undefined, widget({ size: 1, tags: ["a", "b"], extra: { x: 1 } }), opts);
    const second = applied(first, widget({ size: 2, tags: ["c"] }), opts);
    expect(second.spec).toEqual({ size: 2, tags: ["c"] });
  });
});

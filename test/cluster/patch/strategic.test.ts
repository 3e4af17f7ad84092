import { describe, expect, it } from "vitest";
import { applyStrategicMergePatch, PatchError } from "../../../src/cluster/patch/index.js";
import type { KubeObject } from "../../../src/cluster/types.js";

const DEPLOYMENT = "io.k8s.api.apps.v1.Deployment";

/** The Deployment of the Kubernetes task "Update API Objects in Place Using kubectl patch". */
function patchDemo(): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "patch-demo", namespace: "default" },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "nginx" } },
      template: {
        metadata: { labels: { app: "nginx" } },
        spec: {
          containers: [{ name: "patch-demo-ctr", image: "nginx" }],
          tolerations: [{ effect: "NoSchedule", key: "dedicated", value: "test-team" }],
        },
      },
    },
  };
}

function podSpec(obj: KubeObject): Record<string, unknown> {
  return (obj.spec as { template: { spec: Record<string, unknown> } }).template.spec;
}

function smp(obj: KubeObject, patch: unknown): KubeObject {
  return applyStrategicMergePatch(obj, patch, DEPLOYMENT);
}

describe("strategic merge patch: the kubectl patch task", () => {
  it("merges containers by name, the patched container first", () => {
    const out = smp(patchDemo(), {
      spec: { template: { spec: { containers: [{ name: "patch-demo-ctr-2", image: "redis" }] } } },
    });
    expect(podSpec(out).containers).toEqual([
      { name: "patch-demo-ctr-2", image: "redis" },
      { name: "patch-demo-ctr", image: "nginx" },
    ]);
  });

  it("replaces tolerations, which have no patch strategy", () => {
    const out = smp(patchDemo(), {
      spec: {
        template: { spec: { tolerations: [{ effect: "NoSchedule", key: "disktype", value: "ssd" }] } },
      },
    });
    expect(podSpec(out).tolerations).toEqual([{ effect: "NoSchedule", key: "disktype", value: "ssd" }]);
    expect(podSpec(out).containers).toEqual([{ name: "patch-demo-ctr", image: "nginx" }]);
  });

  it("clears rollingUpdate when $retainKeys keeps only the strategy type", () => {
    const obj = patchDemo();
    (obj.spec as Record<string, unknown>).strategy = {
      type: "RollingUpdate",
      rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" },
    };
    const plain = smp(obj, { spec: { strategy: { type: "Recreate" } } });
    expect((plain.spec as Record<string, unknown>).strategy).toEqual({
      type: "Recreate",
      rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" },
    });
    const retained = smp(obj, { spec: { strategy: { $retainKeys: ["type"], type: "Recreate" } } });
    expect((retained.spec as Record<string, unknown>).strategy).toEqual({ type: "Recreate" });
  });

  it("leaves the input object untouched", () => {
    const obj = patchDemo();
    const before = structuredClone(obj);
    smp(obj, {
      spec: { replicas: 5, template: { spec: { containers: [{ name: "patch-demo-ctr", image: "x" }] } } },
    });
    expect(obj).toEqual(before);
  });
});

describe("strategic merge patch: merge semantics", () => {
  it("merges a patched container's fields into the existing one and deletes map keys set to null", () => {
    const obj = patchDemo();
    obj.metadata.labels = { app: "nginx", tier: "web" };
    const out = smp(obj, {
      metadata: { labels: { tier: null, team: "a" } },
      spec: { template: { spec: { containers: [{ name: "patch-demo-ctr", image: "nginx:1.27" }] } } },
    });
    expect(out.metadata.labels).toEqual({ app: "nginx", team: "a" });
    expect(podSpec(out).containers).toEqual([{ name: "patch-demo-ctr", image: "nginx:1.27" }]);
  });

  it("merges env by name inside a container (kubectl set env)", () => {
    const obj = patchDemo();
    podSpec(obj).containers = [
      {
        name: "web",
        image: "nginx",
        env: [
          { name: "A", value: "1" },
          { name: "B", value: "2" },
        ],
      },
    ];
    const out = smp(obj, {
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: "web",
                env: [
                  { name: "B", value: "3" },
                  { name: "C", value: "4" },
                ],
              },
            ],
          },
        },
      },
    });
    expect((podSpec(out).containers as { env: unknown }[])[0]?.env).toEqual([
      { name: "A", value: "1" },
      { name: "B", value: "3" },
      { name: "C", value: "4" },
    ]);
  });

  it("unions finalizers and removes values listed in $deleteFromPrimitiveList", () => {
    const obj = patchDemo();
    obj.metadata.finalizers = ["a", "b"];
    expect(smp(obj, { metadata: { finalizers: ["c", "a"] } }).metadata.finalizers).toEqual(["c", "a", "b"]);
    expect(
      smp(obj, { metadata: { "$deleteFromPrimitiveList/finalizers": ["a"] } }).metadata.finalizers,
    ).toEqual(["b"]);
  });

  it("adds annotations to an object without any, as kubectl annotate and rollout restart do", () => {
    const out = smp(patchDemo(), {
      spec: {
        template: {
          metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": "2024-05-01T10:00:00Z" } },
        },
      },
    });
    const template = (out.spec as { template: { metadata: Record<string, unknown> } }).template;
    expect(template.metadata).toEqual({
      labels: { app: "nginx" },
      annotations: { "kubectl.kubernetes.io/restartedAt": "2024-05-01T10:00:00Z" },
    });
  });

  it("treats a null patch as no change", () => {
    expect(smp(patchDemo(), null)).toEqual(patchDemo());
  });
});

describe("strategic merge patch: directives", () => {
  function twoContainers(): KubeObject {
    const obj = patchDemo();
    podSpec(obj).containers = [
      { name: "a", image: "a:1" },
      { name: "b", image: "b:1" },
    ];
    return obj;
  }

  it("deletes a list item by merge key with $patch: delete", () => {
    const out = smp(twoContainers(), {
      spec: { template: { spec: { containers: [{ name: "a", $patch: "delete" }] } } },
    });
    expect(podSpec(out).containers).toEqual([{ name: "b", image: "b:1" }]);
  });

  it("replaces a whole list with $patch: replace", () => {
    const out = smp(twoContainers(), {
      spec: { template: { spec: { containers: [{ name: "c", image: "c:1" }, { $patch: "replace" }] } } },
    });
    expect(podSpec(out).containers).toEqual([{ name: "c", image: "c:1" }]);
  });

  it("replaces a map with $patch: replace and empties one with $patch: delete", () => {
    const obj = patchDemo();
    obj.metadata.labels = { a: "1", b: "2" };
    obj.metadata.annotations = { x: "y" };
    const out = smp(obj, {
      metadata: { labels: { c: "3", $patch: "replace" }, annotations: { $patch: "delete" } },
    });
    expect(out.metadata.labels).toEqual({ c: "3" });
    // As in Kubernetes: the map is emptied, and an empty annotations map is not stored.
    expect(out.metadata.annotations).toEqual({});
  });

  it("orders the merged list by $setElementOrder", () => {
    const out = smp(twoContainers(), {
      spec: {
        template: {
          spec: {
            "$setElementOrder/containers": [{ name: "b" }, { name: "c" }, { name: "a" }],
            containers: [{ name: "c", image: "c:1" }],
          },
        },
      },
    });
    expect((podSpec(out).containers as { name: string }[]).map((c) => c.name)).toEqual(["b", "c", "a"]);
  });

  it("applies the three-way patch kubectl apply sends when a container is removed from the file", () => {
    const out = smp(twoContainers(), {
      spec: {
        template: {
          spec: {
            "$setElementOrder/containers": [{ name: "b" }],
            containers: [
              { name: "b", image: "b:2" },
              { $patch: "delete", name: "a" },
            ],
          },
        },
      },
    });
    expect(podSpec(out).containers).toEqual([{ name: "b", image: "b:2" }]);
  });

  it("prunes a volume's old source with $retainKeys inside a merged list item", () => {
    const obj = patchDemo();
    podSpec(obj).volumes = [{ name: "data", emptyDir: {} }];
    const out = smp(obj, {
      spec: {
        template: {
          spec: {
            volumes: [{ name: "data", hostPath: { path: "/srv" }, $retainKeys: ["hostPath", "name"] }],
          },
        },
      },
    });
    expect(podSpec(out).volumes).toEqual([{ name: "data", hostPath: { path: "/srv" } }]);
  });

  it("refuses patch content outside the $retainKeys list", () => {
    const obj = patchDemo();
    (obj.spec as Record<string, unknown>).strategy = { type: "RollingUpdate" };
    const error = catchError(() =>
      smp(obj, { spec: { strategy: { $retainKeys: ["type"], rollingUpdate: {} } } }),
    );
    expect(error).toMatchObject({
      code: 400,
      reason: "BadRequest",
      message: "invalid patch format of retainKeys",
    });
  });
});

describe("strategic merge patch: errors", () => {
  it("answers 400 for a patch that is not a JSON object", () => {
    const error = catchError(() => smp(patchDemo(), [{ op: "add" }]));
    expect(error).toMatchObject({
      code: 400,
      reason: "BadRequest",
      message: "json: cannot unmarshal array into Go value of type map[string]interface {}",
    });
  });

  it("reports a list item without its merge key as the API server does", () => {
    const error = catchError(() =>
      smp(patchDemo(), { spec: { template: { spec: { containers: [{ image: "redis" }] } } } }),
    );
    expect(error).toMatchObject({
      code: 500,
      message: "map: map[image:redis] does not contain declared merge key: name",
    });
  });

  it("refuses $patch: merge inside a list", () => {
    const error = catchError(() =>
      smp(patchDemo(), { spec: { template: { spec: { containers: [{ name: "x", $patch: "merge" }] } } } }),
    );
    expect(error?.message).toBe("merging lists cannot yet be specified in the patch");
  });
});

function catchError(run: () => unknown): PatchError | undefined {
  try {
    run();
  } catch (err) {
    if (err instanceof PatchError) return err;
    throw err;
  }
  return undefined;
}

describe("strategic merge patch without a schema", () => {
  it("merges maps and replaces lists, like a JSON merge patch", () => {
    const obj: KubeObject = {
      apiVersion: "example.com/v1",
      kind: "Widget",
      metadata: { name: "w" },
      spec: { a: 1, list: [1, 2] },
    };
    const out = applyStrategicMergePatch(obj, { spec: { b: 2, list: [3] } }, "com.example.v1.Widget");
    expect(out.spec).toEqual({ a: 1, b: 2, list: [3] });
  });
});

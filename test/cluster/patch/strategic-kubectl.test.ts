/**
 * Differential test: kubectl's `patch --local` runs Kubernetes' own strategic-merge-patch code (with the merge
 * metadata of the Go types) without a server. Our implementation must produce the same object, or the same error.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyStrategicMergePatch } from "../../../src/cluster/patch/index.js";
import type { KubeObject } from "../../../src/cluster/types.js";
import { resolveKubectl } from "../../../src/common/kubectl.js";

const deployment: KubeObject = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "d", finalizers: ["a", "b"], labels: { app: "x", tier: "t" }, annotations: { k: "v" } },
  spec: {
    replicas: 2,
    strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
    selector: { matchLabels: { app: "x" } },
    template: {
      metadata: { labels: { app: "x" } },
      spec: {
        containers: [
          {
            name: "a",
            image: "a:1",
            ports: [{ containerPort: 80, name: "http" }, { containerPort: 81 }],
            env: [
              { name: "E1", value: "1" },
              { name: "E2", value: "2" },
            ],
            args: ["x", "y"],
          },
          { name: "b", image: "b:1", volumeMounts: [{ name: "v", mountPath: "/v" }] },
          { name: "c", image: "c:1" },
        ],
        volumes: [
          { name: "v", emptyDir: {} },
          { name: "w", configMap: { name: "cm" } },
        ],
        tolerations: [{ key: "k", operator: "Exists" }],
      },
    },
  },
};

const service: KubeObject = {
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "s" },
  spec: {
    selector: { app: "x" },
    ports: [
      { name: "http", port: 80, targetPort: 8080 },
      { name: "https", port: 443, targetPort: 8443 },
    ],
  },
};

const podSpec = (patch: Record<string, unknown>) => ({ spec: { template: { spec: patch } } });

const DEPLOYMENT_PATCHES: [string, unknown][] = [
  [
    "adds and merges containers by name",
    podSpec({
      containers: [
        { name: "b", image: "b:2" },
        { name: "z", image: "z:1" },
      ],
    }),
  ],
  [
    "orders a new container before an existing one",
    podSpec({
      containers: [
        { name: "z", image: "z" },
        { name: "a", image: "a:2" },
      ],
    }),
  ],
  [
    "keeps the patch's relative order of existing items",
    podSpec({
      containers: [
        { name: "c", image: "c:2" },
        { name: "a", image: "a:2" },
      ],
    }),
  ],
  ["unions finalizers", { metadata: { finalizers: ["c", "a"] } }],
  [
    "deletes from a primitive list and adds",
    { metadata: { finalizers: ["z"], "$deleteFromPrimitiveList/finalizers": ["a"] } },
  ],
  ["reorders a primitive list", { metadata: { "$setElementOrder/finalizers": ["b", "a"] } }],
  [
    "reorders containers",
    podSpec({
      "$setElementOrder/containers": [{ name: "c" }, { name: "a" }, { name: "b" }],
      containers: [{ name: "a", image: "a:9" }],
    }),
  ],
  [
    "adds and deletes under $setElementOrder",
    podSpec({
      "$setElementOrder/containers": [{ name: "b" }, { name: "n" }, { name: "c" }],
      containers: [
        { name: "n", image: "n" },
        { name: "a", $patch: "delete" },
      ],
    }),
  ],
  [
    "merges nested lists (ports, env)",
    podSpec({
      containers: [
        {
          name: "a",
          ports: [{ containerPort: 82 }],
          env: [
            { name: "E2", $patch: "delete" },
            { name: "E0", value: "0" },
          ],
        },
      ],
    }),
  ],
  ["replaces an atomic list (args)", podSpec({ containers: [{ name: "a", args: ["q"] }] })],
  [
    "applies $retainKeys to the strategy",
    { spec: { strategy: { $retainKeys: ["type"], type: "Recreate" } } },
  ],
  [
    "applies $retainKeys to a volume",
    podSpec({ volumes: [{ name: "v", hostPath: { path: "/p" }, $retainKeys: ["name", "hostPath"] }] }),
  ],
  [
    "replaces a list with $patch: replace",
    podSpec({ volumes: [{ $patch: "replace" }, { name: "q", emptyDir: {} }] }),
  ],
  [
    "replaces a map and deletes one",
    { metadata: { labels: { $patch: "replace", new: "1" }, annotations: null } },
  ],
  ["empties a map with $patch: delete", { metadata: { labels: { $patch: "delete" } } }],
  ["drops a deleted map the original lacks", podSpec({ securityContext: { $patch: "delete" } })],
  ["replaces tolerations", podSpec({ tolerations: [{ key: "n" }] })],
  [
    "adds a template annotation (rollout restart)",
    { spec: { template: { metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": "now" } } } } },
  ],
  [
    "reorders ports by $setElementOrder",
    podSpec({
      containers: [
        {
          name: "a",
          ports: [{ containerPort: 81, protocol: "UDP" }],
          "$setElementOrder/ports": [{ containerPort: 81 }, { containerPort: 80 }],
        },
      ],
    }),
  ],
  [
    "deletes several containers",
    podSpec({
      containers: [
        { name: "a", resources: { limits: { cpu: "1" } } },
        { name: "c", $patch: "delete" },
        { name: "b", $patch: "delete" },
      ],
    }),
  ],
  ["clears fields with null", { spec: { replicas: null, paused: true, strategy: null } }],
  [
    "takes a new container's nested lists as they are",
    podSpec({
      initContainers: [
        { name: "i", image: "i", env: [{ name: "A", value: "1" }], "$setElementOrder/env": [{ name: "A" }] },
      ],
    }),
  ],
  ["deduplicates a primitive union", { metadata: { finalizers: ["a", "a", "q", "q"] } }],
  [
    "adds an owner reference by uid",
    { metadata: { ownerReferences: [{ apiVersion: "v1", kind: "X", name: "n", uid: "u1" }] } },
  ],
  ["refuses an item without its merge key", podSpec({ containers: [{ image: "no-name" }] })],
  [
    "refuses a patch list out of $setElementOrder's order",
    podSpec({ "$setElementOrder/containers": [{ name: "c" }], containers: [{ name: "a", image: "q" }] }),
  ],
  ["refuses $patch: merge in a list", podSpec({ containers: [{ name: "a", $patch: "merge" }] })],
  [
    "refuses patch content outside $retainKeys",
    { spec: { strategy: { $retainKeys: ["type"], rollingUpdate: { maxSurge: 2 } } } },
  ],
];

const SERVICE_PATCHES: [string, unknown][] = [
  [
    "merges service ports by port",
    {
      spec: {
        ports: [
          { port: 443, targetPort: 9443 },
          { name: "metrics", port: 9090 },
        ],
      },
    },
  ],
  ["deletes a service port", { spec: { ports: [{ port: 80, $patch: "delete" }] } }],
];

const dir = mkdtempSync(path.join(tmpdir(), "smith-smp-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the server would store: the `$`-keys Go leaves in the JSON are dropped when it is decoded into the type. */
function normalized(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalized);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value).filter(([key]) => !key.startsWith("$"));
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, normalized(v)]));
}

function kubectlPatch(obj: KubeObject, patch: unknown): unknown {
  const file = path.join(dir, `${obj.kind}.json`);
  writeFileSync(file, JSON.stringify(obj));
  try {
    const out = execFileSync(
      resolveKubectl(),
      ["patch", "--local", "-f", file, "-p", JSON.stringify(patch), "-o", "json"],
      {
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, KUBECONFIG: path.join(dir, "none") },
      },
    );
    return normalized(JSON.parse(out.toString()));
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString() ?? String(err);
    return { error: stderr.replace(/^error: /, "").trimEnd() };
  }
}

function ourPatch(obj: KubeObject, patch: unknown, definition: string): unknown {
  try {
    return normalized(applyStrategicMergePatch(obj, patch, definition));
  } catch (err) {
    return { error: (err as Error).message.trimEnd() };
  }
}

describe("strategic merge patch agrees with kubectl's own implementation", () => {
  it.each(DEPLOYMENT_PATCHES)("Deployment: %s", (_name, patch) => {
    expect(ourPatch(deployment, patch, "io.k8s.api.apps.v1.Deployment")).toEqual(
      kubectlPatch(deployment, patch),
    );
  });
  it.each(SERVICE_PATCHES)("Service: %s", (_name, patch) => {
    expect(ourPatch(service, patch, "io.k8s.api.core.v1.Service")).toEqual(kubectlPatch(service, patch));
  });
});

import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { it } from "vitest";
import { applyStrategicMergePatch } from "../../../src/cluster/patch/index.js";

const base = {
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
const patches: unknown[] = [
  {
    spec: {
      template: {
        spec: {
          containers: [
            { name: "b", image: "b:2" },
            { name: "z", image: "z:1" },
          ],
        },
      },
    },
  },
  {
    spec: {
      template: {
        spec: {
          containers: [
            { name: "z", image: "z:1" },
            { name: "a", image: "a:2" },
          ],
        },
      },
    },
  },
  {
    spec: {
      template: {
        spec: {
          containers: [
            { name: "c", image: "c:2" },
            { name: "a", image: "a:2" },
          ],
        },
      },
    },
  },
  { metadata: { finalizers: ["c", "a"] } },
  { metadata: { finalizers: ["z"], "$deleteFromPrimitiveList/finalizers": ["a"] } },
  { metadata: { "$setElementOrder/finalizers": ["b", "a"] } },
  {
    spec: {
      template: {
        spec: {
          "$setElementOrder/containers": [{ name: "c" }, { name: "a" }, { name: "b" }],
          containers: [{ name: "a", image: "a:9" }],
        },
      },
    },
  },
  {
    spec: {
      template: {
        spec: {
          "$setElementOrder/containers": [{ name: "b" }, { name: "n" }, { name: "c" }],
          containers: [
            { name: "n", image: "n" },
            { name: "a", $patch: "delete" },
          ],
        },
      },
    },
  },
  {
    spec: {
      template: {
        spec: {
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
        },
      },
    },
  },
  { spec: { template: { spec: { containers: [{ name: "a", args: ["q"] }] } } } },
  { spec: { strategy: { $retainKeys: ["type"], type: "Recreate" } } },
  {
    spec: {
      template: {
        spec: { volumes: [{ name: "v", hostPath: { path: "/p" }, $retainKeys: ["name", "hostPath"] }] },
      },
    },
  },
  { spec: { template: { spec: { volumes: [{ $patch: "replace" }, { name: "q", emptyDir: {} }] } } } },
  { metadata: { labels: { $patch: "replace", new: "1" }, annotations: null } },
  { spec: { template: { spec: { tolerations: [{ key: "n" }] } } } },
  { spec: { template: { metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": "now" } } } } },
  {
    spec: {
      template: {
        spec: {
          containers: [{ name: "b", volumeMounts: [{ mountPath: "/w", name: "w" }] }],
          "$setElementOrder/containers": [{ name: "a" }, { name: "b" }, { name: "c" }],
        },
      },
    },
  },
  {
    spec: {
      template: {
        spec: {
          containers: [
            {
              name: "a",
              ports: [{ containerPort: 81, protocol: "UDP" }],
              "$setElementOrder/ports": [{ containerPort: 81 }, { containerPort: 80 }],
            },
          ],
        },
      },
    },
  },
  { spec: { selector: { matchLabels: { extra: "1" } } } },
  { spec: { template: { spec: { containers: [{ image: "no-name" }] } } } },
  {
    spec: {
      template: {
        spec: { "$setElementOrder/containers": [{ name: "c" }], containers: [{ name: "a", image: "q" }] },
      },
    },
  },
  { spec: { template: { spec: { containers: [{ name: "a", $patch: "merge" }] } } } },
  { metadata: { labels: { $patch: "delete" } } },
  { spec: { strategy: { $retainKeys: ["type"], rollingUpdate: { maxSurge: 2 } } } },
  {
    spec: {
      template: {
        spec: {
          initContainers: [
            {
              name: "i",
              image: "i",
              env: [
                { name: "A", value: "1" },
                { name: "A", $patch: "delete" },
              ],
              "$setElementOrder/env": [{ name: "A" }],
            },
          ],
        },
      },
    },
  },
  {
    spec: {
      template: {
        spec: {
          containers: [
            {
              name: "a",
              env: [{ name: "E3", valueFrom: { fieldRef: { fieldPath: "x" } } }],
              "$setElementOrder/env": [{ name: "E2" }, { name: "E3" }, { name: "E1" }],
            },
          ],
        },
      },
    },
  },
  { metadata: { "$deleteFromPrimitiveList/finalizers": ["a"], "$setElementOrder/finalizers": ["b"] } },
  { metadata: { ownerReferences: [{ apiVersion: "v1", kind: "X", name: "n", uid: "u1" }] } },
  { spec: { template: { spec: { securityContext: { $patch: "delete" } } } } },
  {
    spec: {
      template: {
        spec: {
          containers: [
            { name: "a", resources: { limits: { cpu: "1" } } },
            { name: "c", $patch: "delete" },
            { name: "b", $patch: "delete" },
          ],
        },
      },
    },
  },
  { spec: { template: { spec: { containers: [{ name: "a", command: null, args: null, ports: null }] } } } },
  { spec: { replicas: null, paused: true, strategy: null } },
  {
    spec: {
      template: {
        spec: {
          containers: [
            { name: "q", image: "q", ports: [{ containerPort: 1 }, { $patch: "delete", containerPort: 2 }] },
          ],
        },
      },
    },
  },
  {
    spec: {
      template: {
        spec: {
          containers: [
            {
              name: "a",
              ports: [
                { containerPort: 81, hostPort: 9 },
                { containerPort: 80, $patch: "delete" },
              ],
            },
          ],
        },
      },
    },
  },
  { metadata: { finalizers: [] } },
  { spec: { template: { spec: { containers: [] } } } },
  { metadata: { finalizers: ["a", "a", "q", "q"] } },
  {
    spec: {
      template: {
        spec: {
          volumes: [
            { name: "v", $retainKeys: ["name", "secret"], secret: { secretName: "s" } },
            { name: "n", $retainKeys: ["name", "emptyDir"], emptyDir: {} },
          ],
        },
      },
    },
  },
];
it("diff", () => {
  writeFileSync("/tmp/base.json", JSON.stringify(base));
  let mismatches = 0;
  patches.forEach((patch, i) => {
    let theirs: unknown;
    let ours: unknown;
    try {
      theirs = JSON.parse(
        execFileSync(
          "kubectl",
          ["patch", "--local", "-f", "/tmp/base.json", "-p", JSON.stringify(patch), "-o", "json"],
          { stdio: ["ignore", "pipe", "pipe"] },
        ).toString(),
      );
    } catch (e) {
      theirs = `ERROR ${(e as { stderr: Buffer }).stderr.toString().trim()}`;
    }
    try {
      ours = applyStrategicMergePatch(structuredClone(base) as never, patch, "io.k8s.api.apps.v1.Deployment");
    } catch (e) {
      ours = `ERROR ${(e as Error).message}`;
    }
    const same = JSON.stringify(sortKeys(theirs)) === JSON.stringify(sortKeys(ours));
    if (!same) {
      mismatches++;
      console.log(
        `#${i} MISMATCH\n theirs: ${JSON.stringify(sortKeys(theirs))}\n ours:   ${JSON.stringify(sortKeys(ours))}`,
      );
    }
  });
  console.log(`mismatches: ${mismatches}/${patches.length}`);
});
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  return v;
}

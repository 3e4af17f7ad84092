// Embedded API server costs (issue 2): kubectl get pods against kubectl's own start-up, a 1,000-pod list,
// and memory with 5,000 pods and 1,000 deployments stored. Run: npm run bench (builds first).
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { EmbeddedCluster, findKind } from "../dist/cluster/index.js";
import { resolveKubectl } from "../dist/common/kubectl.js";
import { fmt, median, timeRuns } from "./stats.mjs";

const kubectl = resolveKubectl();
const dir = mkdtempSync(path.join(tmpdir(), "smith-bench-"));
const run = (args) =>
  new Promise((resolve, reject) =>
    execFile(kubectl, args, { env: { PATH: process.env.PATH, HOME: dir } }, (e, out) =>
      e ? reject(e) : resolve(out),
    ),
  );

const cluster = await EmbeddedCluster.start({ seed: 1, timeMode: "manual", maxObjects: 20_000 });
const config = path.join(dir, "kubeconfig");
writeFileSync(config, cluster.kubeconfig("harness"));
const pods = findKind("v1", "Pod");
const deployments = findKind("apps/v1", "Deployment");
const namespaces = findKind("v1", "Namespace");
const pod = (ns, name) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: ns, labels: { app: "bench" } },
  spec: {
    containers: [{ name: "c", image: "nginx:1.27", resources: { requests: { cpu: "1m", memory: "1Mi" } } }],
  },
});
for (const ns of ["small", "big", "mem"])
  cluster.api.create(cluster.harness, namespaces, undefined, {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: ns },
  });
for (let i = 0; i < 10; i++) cluster.api.create(cluster.harness, pods, "small", pod("small", `p-${i}`));
for (let i = 0; i < 1000; i++)
  cluster.api.create(cluster.harness, pods, "big", pod("big", `p-${String(i).padStart(4, "0")}`));
cluster.settle();

const common = [`--kubeconfig=${config}`, `--cache-dir=${path.join(dir, "cache")}`];
await run([...common, "get", "pods", "-n", "small"]); // fills the discovery cache, as any later call finds it
const client = await timeRuns(15, () => run(["version", "--client"]));
const getPods = await timeRuns(15, () => run([...common, "get", "pods", "-n", "small"]));
console.log("kubectl version --client (floor)   median", fmt(median(client)));
console.log("kubectl get pods (10 pods)         median", fmt(median(getPods)));
console.log("ratio get pods / version --client        ", (median(getPods) / median(client)).toFixed(2));

const { users, clusters } = parse(cluster.kubeconfig("harness"));
const caFile = path.join(dir, "ca.crt");
writeFileSync(caFile, Buffer.from(clusters[0].cluster["certificate-authority-data"], "base64"));
const listFrom = (accept) =>
  new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      [
        path.join(import.meta.dirname, "list-client.mjs"),
        `${cluster.url}/api/v1/namespaces/big/pods`,
        users[0].user.token,
        caFile,
        accept,
        "30",
      ],
      (e, out) => (e ? reject(e) : resolve(JSON.parse(out))),
    ),
  );
const listJson = await listFrom("application/json");
const listTable = await listFrom("application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
console.log("list 1,000 pods, JSON, client in another process  median", fmt(median(listJson)));
console.log("list 1,000 pods, Table (kubectl get)               median", fmt(median(listTable)));

for (let i = 0; i < 4000; i++) cluster.api.create(cluster.harness, pods, "mem", pod("mem", `m-${i}`));
for (let i = 0; i < 1000; i++) {
  cluster.api.create(cluster.harness, deployments, "mem", {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: `d-${i}`, namespace: "mem" },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: `d-${i}` } },
      template: {
        metadata: { labels: { app: `d-${i}` } },
        spec: { containers: [{ name: "c", image: "nginx:1.27" }] },
      },
    },
  });
}
cluster.settle();
global.gc?.();
const mem = process.memoryUsage();
console.log(
  `memory with ${cluster.store.list("pods").length} pods and ${cluster.store.list("deployments.apps").length} deployments: heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MB, rss ${(mem.rss / 2 ** 20).toFixed(0)} MB`,
);
await cluster.stop();
rmSync(dir, { recursive: true, force: true });

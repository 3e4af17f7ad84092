// The kubeconfig backend's costs, against `smith cluster up` in other processes (clocks 60× the wall
// clock, standing in for real clusters): what the recording proxy adds to one kubectl call, and trials' wall
// time beside the same trials on the embedded cluster and on two clusters at once. Run: npm run bench kubeconfig.
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { parse, stringify } from "yaml";
import { startRecordingProxy } from "../dist/backends/kubeconfig/recording-proxy.js";
import { fmt, median, timeRuns } from "./stats.mjs";

const run = promisify(execFile);
const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../dist/cli/main.js");
const dir = mkdtempSync(path.join(tmpdir(), "smith-kubeconfig-bench-"));
/** `smith cluster up` in another process; resolves with its kubeconfig file and the process. */
async function clusterUp(name) {
  const file = path.join(dir, `${name}.kubeconfig`);
  const child = spawn(
    process.execPath,
    [
      cli,
      "cluster",
      "up",
      "--scenario",
      "load-balancing",
      "--nodes-only",
      "--speed",
      "60",
      "--port",
      "0",
      "--kubeconfig-out",
      file,
    ],
    { stdio: ["ignore", "pipe", "ignore"] },
  );
  // It prints this once the kubeconfig is written in full.
  let printed = "";
  await new Promise((resolve) =>
    child.stdout.on("data", (chunk) => {
      printed += chunk;
      if (printed.includes("Press Ctrl-C to stop.")) resolve();
    }),
  );
  return { file, child };
}
const [labA, labB] = await Promise.all([clusterUp("lab-a"), clusterUp("lab-b")]);
const kubeconfig = labA.file;

// kubectl straight to the cluster, and through a recording proxy holding the same credentials.
const config = parse(readFileSync(kubeconfig, "utf8"));
const proxy = await startRecordingProxy({
  upstream: {
    server: config.clusters[0].cluster.server,
    caPem: Buffer.from(config.clusters[0].cluster["certificate-authority-data"], "base64").toString("utf8"),
    token: config.users[0].user.token,
  },
  user: "bench",
  time: () => new Date().toISOString(),
  onEntry: () => {},
  maxCreates: 5000,
});
const proxied = path.join(dir, "proxied.kubeconfig");
writeFileSync(proxied, proxy.kubeconfig("default"));
const env = { PATH: process.env.PATH, HOME: dir };
const direct = await timeRuns(30, () =>
  run("kubectl", ["--kubeconfig", kubeconfig, "get", "pods", "-A"], { env }),
);
const through = await timeRuns(30, () =>
  run("kubectl", ["--kubeconfig", proxied, "get", "pods", "-A"], { env }),
);
console.log(
  `kubectl get pods -A: direct ${fmt(median(direct))}, through the recording proxy ${fmt(median(through))} (ratio ${(median(through) / median(direct)).toFixed(2)})`,
);
await proxy.close();

// The same four oracle trials on each backend, and on two clusters at once.
async function trials(backendArgs) {
  const out = mkdtempSync(path.join(dir, "runs-"));
  const start = performance.now();
  await run(process.execPath, [
    cli,
    "run",
    ...backendArgs,
    "--agent",
    "reference:oracle",
    "--scenario",
    "load-balancing",
    "--trials",
    "4",
    "--out",
    out,
  ]);
  const wall = performance.now() - start;
  const runDir = path.join(out, readdirSync(out)[0]);
  const records = readdirSync(path.join(runDir, "trials")).map((f) =>
    JSON.parse(readFileSync(path.join(runDir, "trials", f), "utf8")),
  );
  const steps = records.reduce((a, t) => a + t.steps.length, 0);
  return {
    wall,
    perTrial: wall / records.length,
    perStep: records.reduce((a, t) => a + t.realMs, 0) / steps,
  };
}
// Both clusters in one kubeconfig, as contexts lab-a and lab-b.
const both = path.join(dir, "both.kubeconfig");
const entries = [labA.file, labB.file].map((file, i) => {
  const name = i === 0 ? "lab-a" : "lab-b";
  const c = parse(readFileSync(file, "utf8"));
  return {
    cluster: { ...c.clusters[0], name },
    user: { ...c.users[0], name },
    context: { name, context: { cluster: name, user: name } },
  };
});
writeFileSync(
  both,
  stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: entries.map((e) => e.cluster),
    users: entries.map((e) => e.user),
    contexts: entries.map((e) => e.context),
    "current-context": "lab-a",
  }),
);
const embedded = await trials([]);
const real = await trials(["--kubeconfig", kubeconfig]);
const pair = await trials([
  "--kubeconfig",
  both,
  "--context",
  "lab-a",
  "--context",
  "lab-b",
  "--concurrency",
  "2",
]);
console.log(
  `4 oracle trials of load-balancing: embedded ${(embedded.wall / 1000).toFixed(1)} s (${fmt(embedded.perStep)} per step), kubeconfig backend ${(real.wall / 1000).toFixed(1)} s (${fmt(real.perStep)} per step, waiting for the cluster to settle included), on two clusters at once ${(pair.wall / 1000).toFixed(1)} s (${(real.wall / pair.wall).toFixed(2)}× faster)`,
);
labA.child.kill("SIGINT");
labB.child.kill("SIGINT");

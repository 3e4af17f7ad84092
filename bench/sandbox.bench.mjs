// Per-command cost of the agent's shell. Run after `npm run build`: node bench/sandbox.bench.mjs
// Prints the median and 95th percentile of Sandbox.exec for a few commands, beside bare just-bash.
import { execFile } from "node:child_process";
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { Bash } from "just-bash";
import { createSandbox } from "../dist/sandbox/index.js";

function kubectlBinary() {
  if (process.env.KUBECTL) return process.env.KUBECTL;
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    try {
      accessSync(join(dir, "kubectl"), constants.X_OK);
      return join(dir, "kubectl");
    } catch {}
  }
  throw new Error("kubectl not found: put it on PATH or set KUBECTL");
}

async function measure(label, runs, fn) {
  for (let i = 0; i < Math.min(20, runs); i++) await fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(3);
  console.log(
    `${label.padEnd(44)} runs=${String(runs).padStart(4)}  median=${at(0.5)} ms  p95=${at(0.95)} ms`,
  );
}

const dir = mkdtempSync(join(tmpdir(), "smith-sandbox-bench-"));
const kubeconfigPath = join(dir, "kubeconfig");
writeFileSync(
  kubeconfigPath,
  "apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: 'https://127.0.0.1:9'}}]\n" +
    "contexts: [{name: c, context: {cluster: c, user: u}}]\ncurrent-context: c\nusers: [{name: u, user: {token: t}}]\n",
);
const sandbox = createSandbox({
  kubectl: { binary: kubectlBinary(), kubeconfigPath, cacheDir: join(dir, "cache") },
  pod: { files: { "/app/main.py": "print('hi')\n" }, env: { POD_NAMESPACE: "bench" }, hostname: "bench-pod" },
  sleep: async () => {},
  fetchService: async () => ({ status: 200, headers: {}, body: "ok\n" }),
});
const bare = new Bash({ cwd: "/app", files: { "/app/main.py": "print('hi')\n" } });

console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
await measure("bare just-bash: true", 500, () => bare.exec("true"));
await measure("bare just-bash: echo hi", 500, () => bare.exec("echo hi"));
await measure("sandbox: true", 500, () => sandbox.exec("true"));
await measure("sandbox: echo hi", 500, () => sandbox.exec("echo hi"));
await measure("sandbox: echo a | grep a | wc -l", 300, () => sandbox.exec("echo a | grep a | wc -l"));
await measure("sandbox: curl -s http://web/ (stub service)", 300, () => sandbox.exec("curl -s http://web/"));
const binary = kubectlBinary();
const spawnEnv = { KUBECONFIG: kubeconfigPath, HOME: dir, PATH: "/usr/bin:/bin" };
await measure(
  "bare spawn: kubectl version --client",
  50,
  () => new Promise((resolve) => execFile(binary, ["version", "--client"], { env: spawnEnv }, resolve)),
);
await measure("sandbox: kubectl version --client", 50, () => sandbox.exec("kubectl version --client"));
await sandbox.close();
rmSync(dir, { recursive: true, force: true });

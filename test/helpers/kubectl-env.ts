/**
 * Drives the real kubectl against an embedded cluster, the way tests and users do. Runs asynchronously:
 * the cluster serves from this same process, so a synchronous spawn would deadlock it.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { EmbeddedCluster, type EmbeddedClusterOptions } from "../../src/cluster/index.js";
import { resolveKubectl } from "../../src/common/kubectl.js";

export interface KubectlResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface KubectlEnv {
  cluster: EmbeddedCluster;
  dir: string;
  /** Runs kubectl as the harness (cluster-admin) unless `as` names another kubeconfig from `kubeconfigFor`. */
  kubectl(args: string[] | string, options?: { stdin?: string; kubeconfig?: string }): Promise<KubectlResult>;
  /** Writes a kubeconfig for a ServiceAccount and returns its path. */
  kubeconfigFor(namespace: string, name: string): string;
  stop(): Promise<void>;
}

/** Splits a command line like a shell would for simple quoting ('…' and "…"). */
export function splitArgs(line: string): string[] {
  const args: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const m of line.matchAll(re)) args.push(m[1] ?? m[2] ?? m[3] ?? "");
  return args;
}

export async function startKubectlEnv(options: Partial<EmbeddedClusterOptions> = {}): Promise<KubectlEnv> {
  const cluster = await EmbeddedCluster.start({ seed: 1, ...options });
  const dir = mkdtempSync(path.join(tmpdir(), "smith-test-"));
  const harnessConfig = path.join(dir, "harness.kubeconfig");
  writeFileSync(harnessConfig, cluster.kubeconfig("harness"));
  const binary = resolveKubectl();
  return {
    cluster,
    dir,
    kubectl(args, opts = {}) {
      const argv = typeof args === "string" ? splitArgs(args) : args;
      return new Promise((resolve) => {
        const child = execFile(
          binary,
          [
            `--kubeconfig=${opts.kubeconfig ?? harnessConfig}`,
            `--cache-dir=${path.join(dir, "cache")}`,
            ...argv,
          ],
          {
            env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir },
            timeout: 30_000,
            maxBuffer: 64 * 1024 * 1024,
          },
          (error, stdout, stderr) => {
            const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
            resolve({ stdout, stderr, code });
          },
        );
        if (opts.stdin !== undefined) child.stdin?.end(opts.stdin);
        else child.stdin?.end();
      });
    },
    kubeconfigFor(namespace, name) {
      const file = path.join(dir, `${namespace}-${name}.kubeconfig`);
      writeFileSync(file, cluster.kubeconfig({ serviceAccount: { namespace, name } }));
      return file;
    },
    async stop() {
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

import { dirname } from "node:path";
import {
  bytesOutput,
  defineCommand,
  type ExecResult,
  latin1FromBytes,
  unsafeBytesFromLatin1,
} from "just-bash";
import type { CurrentExec } from "../exec-state.js";
import { parseKubectlArgs } from "./kubectl-args.js";
import { stageHostFiles } from "./kubectl-host-files.js";
import { feedManifests } from "./kubectl-manifests.js";
import { judgeKubectl } from "./kubectl-policy.js";
import { runKubectl } from "./run-kubectl.js";

export interface KubectlHost {
  binary: string;
  kubeconfigPath: string;
  cacheDir: string;
  /** Private host directory of this sandbox: kubectl's HOME and cwd, and where staged files go. */
  scratchDir: string;
  /** Output kept from one kubectl run before it is stopped. */
  maxOutputBytes: number;
}

/** Exit status of a command stopped at its deadline, as coreutils `timeout` reports it. */
const TIMEOUT_EXIT = 124;

/** The real kubectl, behind the guard, reading and writing the virtual filesystem through the shell. */
export function kubectlCommand(host: KubectlHost, current: CurrentExec) {
  const env = {
    KUBECONFIG: host.kubeconfigPath,
    HOME: host.scratchDir,
    PATH: `${dirname(host.binary)}:/usr/bin:/bin`,
  };
  // The agent sees pod-like paths wherever kubectl would print the harness's (e.g. `-v=6` logs the kubeconfig).
  const hostPaths: [string, string][] = [
    [host.kubeconfigPath, "/root/.kube/config"],
    [host.cacheDir, "/root/.kube/cache"],
    [host.scratchDir, "/root"],
  ];

  return defineCommand("kubectl", async (args, ctx): Promise<ExecResult> => {
    const state = current();
    if (state.expired()) return { stdout: "", stderr: "", exitCode: TIMEOUT_EXIT };
    const parsed = parseKubectlArgs(args);
    const verdict = judgeKubectl(parsed);
    if (!verdict.allowed) {
      if (verdict.refusal) state.refuse(verdict.refusal.kind, verdict.refusal.detail);
      return { stdout: "", stderr: verdict.stderr, exitCode: 1 };
    }
    // Staging rewrites values in place, so the flag positions that feeding -f relies on stay valid.
    const staged = await stageHostFiles(parsed, ctx.fs, ctx.cwd, host.scratchDir);
    try {
      const shellStdin = Buffer.from(latin1FromBytes(ctx.stdin), "latin1");
      const feed = await feedManifests({ ...parsed, args: staged.args }, ctx.fs, ctx.cwd, shellStdin);
      if (!feed.ok) {
        if (feed.refusal) state.refuse(feed.refusal.kind, feed.refusal.detail);
        return { stdout: "", stderr: feed.stderr, exitCode: 1 };
      }
      const exit = await runKubectl({
        binary: host.binary,
        args: [`--cache-dir=${host.cacheDir}`, ...feed.args],
        env,
        cwd: host.scratchDir,
        stdin: feed.stdin,
        timeoutMs: state.remainingMs(),
        maxOutputBytes: host.maxOutputBytes,
        signal: ctx.signal,
      });
      const replacements: [string, string][] = [...staged.hostPaths, ...hostPaths];
      let stderr = replaceAll(exit.stderr.toString("utf8"), replacements);
      if (feed.sourceName !== undefined) stderr = stderr.replace(/\bSTDIN\b/g, feed.sourceName);
      let exitCode = exit.exitCode;
      if (exit.timedOut) {
        state.timedOut = true;
        exitCode = TIMEOUT_EXIT;
      }
      if (exit.overflowed) {
        state.refuse("limit", `kubectl output over ${host.maxOutputBytes} bytes`);
        stderr += `kubectl: stopped after ${host.maxOutputBytes} bytes of output\n`;
      }
      const stdout = replaceAll(
        exit.stdout.toString("latin1"),
        replacements.map(([from, to]) => [latin1(from), latin1(to)]),
      );
      return { ...bytesOutput(unsafeBytesFromLatin1(stdout)), stderr, exitCode };
    } finally {
      await staged.cleanup();
    }
  });
}

function replaceAll(text: string, replacements: [string, string][]): string {
  let out = text;
  for (const [from, to] of replacements) out = out.replaceAll(from, to);
  return out;
}

/** The UTF-8 bytes of `text` as a latin1 string, to match inside kubectl's raw stdout. */
function latin1(text: string): string {
  return Buffer.from(text, "utf8").toString("latin1");
}

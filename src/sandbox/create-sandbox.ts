import { accessSync, constants, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Bash } from "just-bash";
import { dateCommand } from "./commands/date-command.js";
import { hostnameCommand } from "./commands/hostname-command.js";
import { unavailablePrograms, whichCommand } from "./commands/unavailable-programs.js";
import { ExecState } from "./exec-state.js";
import { curlCommand } from "./http/curl-command.js";
import { wgetCommand } from "./http/wget-command.js";
import { kubectlCommand } from "./kubectl/kubectl-command.js";
import { rewriteLimitMessages } from "./limit-messages.js";
import { truncateOutput } from "./output-limit.js";
import { POD_DIRECTORIES, POD_WORKDIR, PROC_VERSION, podEnv, podFiles, podNamespace } from "./pod-layout.js";
import type { CommandResult, Sandbox, SandboxLimits, SandboxOptions } from "./types.js";

export const DEFAULT_LIMITS: SandboxLimits = {
  commandTimeoutMs: 30_000,
  outputBytes: 64 * 1024,
  maxLoopIterations: 10_000,
  maxCommandCount: 10_000,
  maxCallDepth: 100,
  fileSystemBytes: 256 * 1024 * 1024,
};

/** Output one kubectl run may produce before it is stopped; the shell keeps far less for the agent anyway. */
const KUBECTL_OUTPUT_BYTES = 16 * 1024 * 1024;
/** Output a whole script may produce before just-bash stops it (the agent sees `outputBytes` of it). */
const SHELL_OUTPUT_BYTES = 32 * 1024 * 1024;
/** Lets a kubectl killed at the deadline hand back its partial output before the whole script is stopped. */
const ABORT_GRACE_MS = 500;
/** just-bash's own deadline, a backstop behind the sandbox's abort. */
const BACKSTOP_MS = 2_000;

/**
 * The agent's shell: just-bash over a virtual copy of its pod, with the real kubectl, in-cluster curl and
 * wget, and a `sleep` on the cluster's clock. Nothing in it reaches the host's files, processes, network
 * or environment; escape attempts are refused and recorded.
 */
export function createSandbox(options: SandboxOptions): Sandbox {
  const limits: SandboxLimits = { ...DEFAULT_LIMITS, ...options.limits };
  try {
    accessSync(options.kubectl.binary, constants.X_OK);
  } catch {
    throw new Error(`createSandbox: kubectl binary ${options.kubectl.binary} is not an executable file`);
  }
  const scratchDir = mkdtempSync(join(tmpdir(), "smith-sandbox-"));
  const now = options.now ?? Date.now;
  let state = new ExecState(0);
  const current = () => state;
  const http = { fetchService: options.fetchService, podNamespace: podNamespace(options.pod) };

  const bash = new Bash({
    files: podFiles(options.pod),
    env: podEnv(options.pod),
    cwd: POD_WORKDIR,
    // The hardened profile stops jq and awk at 10 000 iterations, too few for `kubectl get -o json` of a
    // busy namespace; the normal profile with the sandbox's own bounds on loops, commands and bytes fits.
    executionLimits: {
      maxLoopIterations: limits.maxLoopIterations,
      maxCommandCount: limits.maxCommandCount,
      maxCallDepth: limits.maxCallDepth,
      maxFileSystemBytes: limits.fileSystemBytes,
      maxExecutionTimeMs: limits.commandTimeoutMs + BACKSTOP_MS,
      maxOutputSize: SHELL_OUTPUT_BYTES,
    },
    sleep: async (ms) => {
      if (!state.expired()) await options.sleep(ms / 1000);
    },
    customCommands: [
      kubectlCommand({ ...options.kubectl, scratchDir, maxOutputBytes: KUBECTL_OUTPUT_BYTES }, current),
      curlCommand(http, current),
      wgetCommand(http, now, current),
      hostnameCommand(options.pod.hostname, options.pod.env.POD_IP),
      dateCommand(now),
      whichCommand(),
      ...unavailablePrograms(current),
    ],
  });
  const ready = preparePod(bash);
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  async function run(command: string): Promise<CommandResult> {
    await ready;
    state = new ExecState(Date.now() + limits.commandTimeoutMs);
    const controller = new AbortController();
    const timer = setTimeout(() => {
      state.timedOut = true;
      controller.abort();
    }, limits.commandTimeoutMs + ABORT_GRACE_MS);
    let raw: { stdout: string; stderr: string; exitCode: number };
    try {
      raw = await bash.exec(command, { signal: controller.signal, rawScript: true });
    } catch (error) {
      raw = failedExec(error, state);
    } finally {
      clearTimeout(timer);
    }
    return finish(raw, state, limits);
  }

  return {
    exec(command) {
      if (closed) return Promise.reject(new Error("sandbox is closed"));
      // One shell, one command at a time: the commands read the state of the exec that runs now.
      const result = queue.then(() => run(command));
      queue = result.catch(() => {});
      return result;
    },
    async readFile(path) {
      await ready;
      return bash.readFile(path);
    },
    async writeFile(path, content) {
      await ready;
      await bash.writeFile(path, content);
    },
    async close() {
      closed = true;
      await queue;
      rmSync(scratchDir, { recursive: true, force: true });
    },
  };
}

async function preparePod(bash: Bash): Promise<void> {
  for (const dir of POD_DIRECTORIES) await bash.fs.mkdir(dir, { recursive: true });
  await bash.fs.writeFile("/proc/version", PROC_VERSION);
}

/** just-bash rejects instead of answering when, e.g., a redirect fills the filesystem's quota. */
function failedExec(error: unknown, state: ExecState): { stdout: string; stderr: string; exitCode: number } {
  const message = error instanceof Error ? error.message : String(error);
  if (message.startsWith("ENOSPC")) {
    state.refuse("limit", "filesystem quota");
    return { stdout: "", stderr: "bash: write error: No space left on device\n", exitCode: 1 };
  }
  return { stdout: "", stderr: `bash: ${message}\n`, exitCode: 1 };
}

function finish(
  raw: { stdout: string; stderr: string; exitCode: number },
  state: ExecState,
  limits: SandboxLimits,
): CommandResult {
  let { stderr, exitCode } = raw;
  const rewritten = rewriteLimitMessages(stderr);
  stderr = rewritten.stderr;
  for (const limit of rewritten.limits) state.refuse("limit", limit);
  // just-bash answers an aborted or overdue script with exit 124 and one line of its own.
  const deadlineLine = /^bash: (execution aborted|.* exceeded its execution deadline)$/;
  const lines = stderr.split("\n");
  const overdue = exitCode === 124 && Date.now() >= state.deadline && lines.some((l) => deadlineLine.test(l));
  if (state.timedOut || overdue) {
    state.timedOut = true;
    exitCode = 124;
    const kept = lines.filter((l) => !deadlineLine.test(l)).join("\n");
    stderr = `${kept}${kept === "" || kept.endsWith("\n") ? "" : "\n"}bash: command timed out after ${limits.commandTimeoutMs / 1000} s and was stopped\n`;
    state.refuse("limit", `command timeout (${limits.commandTimeoutMs} ms)`);
  }
  const stdout = truncateOutput(raw.stdout, limits.outputBytes);
  const err = truncateOutput(stderr, limits.outputBytes);
  return {
    stdout: stdout.text,
    stderr: err.text,
    exitCode,
    truncated: stdout.truncated || err.truncated,
    timedOut: state.timedOut,
    refused: state.refusals,
  };
}

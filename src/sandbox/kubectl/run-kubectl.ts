import { spawn } from "node:child_process";

export interface KubectlRun {
  binary: string;
  args: string[];
  /** The whole environment of the child: nothing of the parent's is inherited. */
  env: Record<string, string>;
  cwd: string;
  stdin: Uint8Array;
  timeoutMs: number;
  /** Past this many bytes on stdout plus stderr the child is killed: the shell would only truncate them. */
  maxOutputBytes: number;
  signal?: AbortSignal;
}

export interface KubectlExit {
  stdout: Buffer;
  stderr: Buffer;
  /** The child's exit code; 128 + signal number when it was killed. */
  exitCode: number;
  timedOut: boolean;
  overflowed: boolean;
}

const SIGKILL_EXIT = 137;

export function runKubectl(run: KubectlRun): Promise<KubectlExit> {
  return new Promise((resolve) => {
    // Its own process group, so that a kill also reaches anything kubectl started.
    const child = spawn(run.binary, run.args, { env: run.env, cwd: run.cwd, stdio: "pipe", detached: true });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let bytes = 0;
    let timedOut = false;
    let overflowed = false;
    let settled = false;

    const kill = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    };
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      if (overflowed) return;
      bytes += chunk.length;
      if (bytes > run.maxOutputBytes) {
        overflowed = true;
        kill();
        return;
      }
      into.push(chunk);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, run.timeoutMs);
    const onAbort = () => kill();
    run.signal?.addEventListener("abort", onAbort, { once: true });

    child.stdout.on("data", collect(stdout));
    child.stderr.on("data", collect(stderr));
    // kubectl may exit before it reads all of its stdin; that is not an error of the command.
    child.stdin.on("error", () => {});
    child.stdin.end(run.stdin);
    const settle = (exit: KubectlExit) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      run.signal?.removeEventListener("abort", onAbort);
      resolve(exit);
    };
    child.on("error", (error: NodeJS.ErrnoException) => {
      // Only a child that never started is finished by its error; a running one still closes.
      if (child.pid !== undefined) return;
      const stderr = Buffer.from(`kubectl: cannot start the kubectl binary (${error.code ?? "error"})\n`);
      settle({ stdout: Buffer.alloc(0), stderr, exitCode: 126, timedOut, overflowed });
    });
    child.on("close", (code, signal) => {
      settle({
        stdout: Buffer.concat(stdout),
        stderr: Buffer.concat(stderr),
        exitCode: code ?? (signal === "SIGKILL" ? SIGKILL_EXIT : 1),
        timedOut,
        overflowed,
      });
    });
  });
}

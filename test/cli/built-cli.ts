/**
 * Runs the built `smith` (dist/cli/main.js) as a user would. Builds first when any source file (assets
 * included) is newer than the build, so the tests never exercise stale code.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const CLI = path.join(REPO, "dist/cli/main.js");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function ensureBuilt(): void {
  let built = 0;
  try {
    built = statSync(CLI).mtimeMs;
  } catch {}
  if (built < newestSource(path.join(REPO, "src"))) {
    // The build script, not tsc alone: it also copies the report viewer's script and style.
    execFileSync("npm", ["run", "build"], { cwd: REPO, stdio: "inherit" });
  }
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliProcess {
  child: ChildProcess;
  /** Resolves once stderr contains `pattern`, with the stderr so far. */
  waitForStderr(pattern: RegExp): Promise<string>;
  /** Resolves once stdout contains `pattern`, with the stdout so far. */
  waitForStdout(pattern: RegExp): Promise<string>;
  done: Promise<CliResult>;
}

export function startCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): CliProcess {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
  });
  const streams = { stdout: "", stderr: "" };
  const waiters: { stream: keyof typeof streams; pattern: RegExp; resolve: (text: string) => void }[] = [];
  const heard = (stream: keyof typeof streams) => (chunk: Buffer) => {
    streams[stream] += chunk;
    for (const waiter of waiters.splice(0)) {
      if (waiter.stream === stream && waiter.pattern.test(streams[stream])) waiter.resolve(streams[stream]);
      else waiters.push(waiter);
    }
  };
  child.stdout?.on("data", heard("stdout"));
  child.stderr?.on("data", heard("stderr"));
  const done = new Promise<CliResult>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, ...streams })),
  );
  const waitFor = (stream: keyof typeof streams) => (pattern: RegExp) =>
    pattern.test(streams[stream])
      ? Promise.resolve(streams[stream])
      : new Promise<string>((resolve, reject) => {
          waiters.push({ stream, pattern, resolve });
          void done.then((result) =>
            reject(new Error(`smith exited (${result.code}) before ${pattern}: ${result.stderr}`)),
          );
        });
  return { child, done, waitForStderr: waitFor("stderr"), waitForStdout: waitFor("stdout") };
}

export function runCli(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<CliResult> {
  return startCli(args, options).done;
}

/** `smith run`: plan or reopen a run, play its trials with live progress, then print the leaderboard. */
import path from "node:path";
import type { Backend } from "../backends/backend.js";
import { resolveKubectl } from "../common/kubectl.js";
import { loadReportInput, renderReport } from "../report/index.js";
import {
  type AgentFactory,
  checkAgents,
  collectVersions,
  type EndpointProbe,
  executeRun,
  finishSession,
  InputError,
  loadConfig,
  openBackend,
  type PreparedRun,
  type RunFlags,
  resolveSettings,
  resumeRun,
  startRun,
  type TrialRunner,
} from "../runs/index.js";
import { createIntentJudge } from "../scoring/intent-judge.js";
import { createProgress, type ProgressStream } from "./progress.js";

export interface RunCommandOptions extends RunFlags {
  config?: string;
  out: string;
  resume?: string;
}

/** Where Ctrl-C comes from: the process, or a test's emitter. */
export interface InterruptSource {
  on(event: "SIGINT" | "SIGTERM", listener: () => void): unknown;
  off(event: "SIGINT" | "SIGTERM", listener: () => void): unknown;
}

export interface RunCommandDeps {
  runTrial: TrialRunner;
  createAgent: AgentFactory;
  stdout: { write(text: string): unknown };
  stderr: ProgressStream;
  interrupts: InterruptSource;
  /** Called on a second Ctrl-C, which does not wait for running trials to stop. */
  exit: (code: number) => void;
  env?: Readonly<Record<string, string | undefined>>;
  probe?: EndpointProbe;
  cwd?: string;
}

/** Exit codes (architecture.md): 0 done, 1 finished with errored trials, 130 interrupted. Bad input throws. */
export async function runCommand(options: RunCommandOptions, deps: RunCommandDeps): Promise<number> {
  const cwd = deps.cwd ?? process.cwd();
  const kubectl = findKubectl(deps.env);
  const versions = await collectVersions(kubectl);
  const { run, backend } = options.resume
    ? await reopen(options, deps, cwd, versions)
    : await prepare(options, deps, cwd, versions);
  const shown = displayPath(run.store.dir, cwd);
  const { settings, manifest } = run;
  const concurrency = Math.min(settings.concurrency, backend.maxConcurrentTrials);
  const where =
    settings.backend.kind === "embedded"
      ? "embedded cluster"
      : `${settings.backend.kubeconfig ?? "the default kubeconfig"}${settings.backend.contexts.length > 0 ? ` (context ${settings.backend.contexts.join(", ")})` : ""}, one trial per cluster at a time`;
  deps.stderr.write(
    `Smith run ${shown}${options.resume ? " (resumed)" : ""}: ${count(settings.agents.length, "agent")} × ${count(manifest.scenarios.length, "scenario")} × ${count(settings.trials, "trial")} = ${count(manifest.plan.length, "trial")} (seed ${manifest.seed}, concurrency ${concurrency}, ${where}).\n`,
  );

  const controller = new AbortController();
  const onInterrupt = () => {
    if (controller.signal.aborted) deps.exit(130);
    deps.stderr.write("\nStopping: waiting for running trials to abort (Ctrl-C again to quit at once).\n");
    controller.abort();
  };
  deps.interrupts.on("SIGINT", onInterrupt);
  deps.interrupts.on("SIGTERM", onInterrupt);
  const progress = createProgress(deps.stderr);
  let result: Awaited<ReturnType<typeof executeRun>>;
  try {
    result = await executeRun({
      store: run.store,
      manifest,
      settings,
      scenarios: run.scenarios,
      runTrial: deps.runTrial,
      createAgent: deps.createAgent,
      concurrency,
      backend,
      kubectl,
      ...(settings.judge === undefined
        ? {}
        : { judge: createIntentJudge(settings.judge, { providers: settings.providers }) }),
      signal: controller.signal,
      observer: progress,
    });
  } finally {
    progress.stop();
    deps.interrupts.off("SIGINT", onInterrupt);
    deps.interrupts.off("SIGTERM", onInterrupt);
  }
  await finishSession(run, result);

  if (result.status === "interrupted") {
    deps.stderr.write(`Interrupted. Resume with: smith run --resume ${shown}\n`);
    return 130;
  }
  const report = await loadReportInput(run.store.dir);
  await run.store.writeReport(renderReport("html", report));
  deps.stdout.write(renderReport("table", report));
  deps.stderr.write(`Results: ${shown} (summary.json, report.html, trials/).\n`);
  if (result.errored > 0) {
    deps.stderr.write(
      `${result.errored} of ${manifest.plan.length} trials errored and are excluded from the metrics; their causes are in ${shown}/trials (status "errored").\n`,
    );
    return 1;
  }
  return 0;
}

async function prepare(
  options: RunCommandOptions,
  deps: RunCommandDeps,
  cwd: string,
  versions: Awaited<ReturnType<typeof collectVersions>>,
): Promise<OpenedRun> {
  const { file, config } = loadConfig(options.config, cwd);
  const settings = resolveSettings(config, options, file ? path.dirname(path.resolve(cwd, file)) : cwd);
  const backend = await openBackend(settings, warnOn(deps.stderr));
  await checkAgents(settings, {
    ...(deps.env ? { env: deps.env } : {}),
    ...(deps.probe ? { probe: deps.probe } : {}),
    ...(file ? { configFile: file } : {}),
  });
  const run = await startRun({
    settings,
    ...(file ? { configFile: file } : {}),
    outDir: path.resolve(cwd, options.out),
    versions,
  });
  return { run, backend };
}

/** A run ready to play, and the backend its trials run on. */
interface OpenedRun {
  run: PreparedRun;
  backend: Backend;
}

/** Flags that would change what the run measures; a resume takes them from run.json instead. */
const FIXED_ON_RESUME = [
  "scenario",
  "agent",
  "trials",
  "seed",
  "backend",
  "kubeconfig",
  "context",
  "maxSteps",
] as const;

async function reopen(
  options: RunCommandOptions,
  deps: RunCommandDeps,
  cwd: string,
  versions: Awaited<ReturnType<typeof collectVersions>>,
): Promise<OpenedRun> {
  const given = FIXED_ON_RESUME.filter((flag) => {
    const value = options[flag];
    return Array.isArray(value) ? value.length > 0 : value !== undefined;
  });
  if (given.length > 0) {
    const flags = given.map((f) => `--${f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(", ");
    throw new InputError(
      `--resume continues a run with the settings in its run.json: drop ${flags}, or start a new run without --resume.`,
    );
  }
  const providers = options.config ? loadConfig(options.config, cwd).config.providers : undefined;
  let backend: Backend | undefined;
  const run = await resumeRun({
    dir: path.resolve(cwd, options.resume as string),
    versions,
    ...(providers ? { providers } : {}),
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    check: async (settings) => {
      backend = await openBackend(settings, warnOn(deps.stderr));
      await checkAgents(settings, {
        ...(deps.env ? { env: deps.env } : {}),
        ...(deps.probe ? { probe: deps.probe } : {}),
        ...(options.config ? { configFile: options.config } : {}),
      });
    },
  });
  return { run, backend: backend as Backend };
}

function findKubectl(env: Readonly<Record<string, string | undefined>> | undefined): string {
  try {
    return resolveKubectl(env as NodeJS.ProcessEnv | undefined);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
}

function warnOn(stderr: ProgressStream): (message: string) => void {
  return (message) => stderr.write(`smith: ${message}\n`);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** The run directory as the user would type it: relative when it is under the working directory. */
function displayPath(dir: string, cwd: string): string {
  const relative = path.relative(cwd, dir);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : dir;
}

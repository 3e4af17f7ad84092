/** Starting a new run directory, or reopening one to resume it, up to the point where trials can run. */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import type { Providers } from "../agents/model-config.js";
import type { RunSettings } from "./config.js";
import type { RunResult } from "./execute-run.js";
import { InputError } from "./input-error.js";
import type { RunManifest } from "./manifest.js";
import { planTrials } from "./plan.js";
import { redactSettings } from "./redact.js";
import { ResultsStore } from "./results-store.js";
import { loadRunScenarios, type RunScenario } from "./run-scenarios.js";
import type { Versions } from "./versions.js";

export interface PreparedRun {
  store: ResultsStore;
  manifest: RunManifest;
  /** Settings with secrets, for this process only. */
  settings: RunSettings;
  scenarios: RunScenario[];
}

export interface StartRunOptions {
  settings: RunSettings;
  configFile?: string;
  /** The parent of run directories (--out, default runs/). */
  outDir: string;
  versions: Versions;
  now?: Date;
}

export async function startRun(options: StartRunOptions): Promise<PreparedRun> {
  const { settings, versions } = options;
  const now = options.now ?? new Date();
  const scenarios = loadRunScenarios(settings.scenarios, settings.budgets);
  const plan = planTrials({
    agents: settings.agents.map((a) => a.name),
    scenarios: scenarios.map(({ record, scenario }) => ({
      id: record.id,
      version: record.version,
      maxSteps: settings.maxSteps ?? scenario.limits.maxSteps,
    })),
    trials: settings.trials,
    seed: settings.seed,
  });
  const baseId = runId(now, {
    seed: settings.seed,
    trials: settings.trials,
    agents: settings.agents.map((a) => a.name),
    scenarios: scenarios.map((s) => s.record.sha256),
  });
  let dir = path.join(options.outDir, baseId);
  for (let n = 2; existsSync(dir); n++) dir = path.join(options.outDir, `${baseId}-${n}`);
  const startedAt = now.toISOString();
  const manifest: RunManifest = {
    runId: path.basename(dir),
    configFile: options.configFile ?? null,
    config: redactSettings(settings),
    versions,
    seed: settings.seed,
    scenarios: scenarios.map((s) => s.record),
    plan,
    startedAt,
    finishedAt: null,
    sessions: [{ startedAt, finishedAt: null, versions }],
  };
  const store = await ResultsStore.create(dir, manifest);
  return { store, manifest, settings, scenarios };
}

export interface ResumeRunOptions {
  dir: string;
  versions: Versions;
  /** Providers of the current config: they replace the recorded ones, whose URLs may have been redacted. */
  providers?: Providers;
  /** Trials at once for this session; concurrency never changes a result. */
  concurrency?: number;
  /** Checks the settings (e.g. that every agent can still be built) before the run directory is touched. */
  check?: (settings: RunSettings) => Promise<void>;
  now?: Date;
}

/**
 * Reopens a run. Its scenarios are loaded again and must be byte-for-byte the ones it started with (a trial
 * played against a changed scenario would not be comparable); its plan, seeds and settings are run.json's.
 */
export async function resumeRun(options: ResumeRunOptions): Promise<PreparedRun> {
  const { store, manifest } = await ResultsStore.open(options.dir);
  const recorded = manifest.config;
  const scenarios = loadRunScenarios(
    manifest.scenarios.map((s) => s.ref),
    recorded.budgets,
  );
  scenarios.forEach(({ record }, index) => {
    const before = manifest.scenarios[index];
    if (before && record.sha256 !== before.sha256) {
      throw new InputError(
        `The scenario ${before.ref} changed since the run started (version ${before.version}, now ${record.version}): restore it, or start a new run.`,
      );
    }
  });
  const settings: RunSettings = {
    ...recorded,
    // Runs started before external agents existed have no such key.
    external: recorded.external ?? {},
    ...(options.providers === undefined
      ? {}
      : { providers: { ...recorded.providers, ...options.providers } }),
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
  };
  await options.check?.(settings);
  const startedAt = (options.now ?? new Date()).toISOString();
  manifest.sessions.push({ startedAt, finishedAt: null, versions: options.versions });
  await store.writeManifest(manifest);
  return { store, manifest, settings, scenarios };
}

/** Closes this session in run.json; the run's end time is set once every trial has its file. */
export async function finishSession(run: PreparedRun, result: RunResult, now = new Date()): Promise<void> {
  const { manifest, store } = run;
  const session = manifest.sessions.at(-1);
  if (session) {
    session.finishedAt = now.toISOString();
    if (result.status === "interrupted") session.interrupted = true;
  }
  if (result.status === "finished" && manifest.finishedAt === null) manifest.finishedAt = now.toISOString();
  await store.writeManifest(manifest);
}

/**
 * `<UTC yyyymmdd-hhmmss>-<hash>`: sorts by start time, and the six hex digits of the run's identity (seed,
 * agents, scenarios, trials) tell runs of different protocols apart at a glance.
 */
export function runId(now: Date, identity: unknown): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, "yyyymmdd-hhmmss".length);
  const hash = createHash("sha256").update(JSON.stringify(identity)).digest("hex").slice(0, 6);
  return `${stamp}-${hash}`;
}

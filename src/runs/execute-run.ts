/**
 * Runs the trials of a run that have no file yet, a few at a time, writing each trial's file the moment it
 * ends; then, when all are there, summary.json. The same function starts a run and resumes one: what is on disk
 * decides what is left to do.
 */

import type { Backend } from "../backends/backend.js";
import type { IntentJudge } from "../scoring/intent-judge.js";
import type { TrialRecord, TrialSpec } from "../trial/types.js";
import type { AgentEntry, RunSettings } from "./config.js";
import { erroredRecord } from "./errored-record.js";
import type { RunManifest } from "./manifest.js";
import { type LimiterClock, providerOf, RateLimiter, rateLimitedAgent } from "./rate-limiter.js";
import type { ResultsStore } from "./results-store.js";
import type { RunScenario } from "./run-scenarios.js";
import { buildSummary, type RunSummary } from "./summary.js";
import type { AgentFactory, TrialRunner } from "./trial-runner.js";

/** Hears what the run does, to show progress. */
export interface RunObserver {
  /** `total` trials in the plan, of which `recorded` already have a file (a resume). */
  runStarted?(total: number, recorded: number): void;
  trialStarted?(spec: TrialSpec): void;
  /** The trial's file is written. */
  trialRecorded?(record: TrialRecord): void;
  /** The trial was running when the run was interrupted; nothing was written, a resume runs it again. */
  trialDiscarded?(spec: TrialSpec): void;
}

export interface ExecuteRunOptions {
  store: ResultsStore;
  manifest: RunManifest;
  /** The run's settings as loaded, secrets included (run.json holds them redacted). */
  settings: RunSettings;
  /** The run's scenarios, in its order. */
  scenarios: readonly RunScenario[];
  runTrial: TrialRunner;
  createAgent: AgentFactory;
  /** Trials at once; never more than the backend can hold. */
  concurrency: number;
  backend?: Backend;
  kubectl?: string;
  /** The LLM judge of intent (M2), built from the config's `judge`. */
  judge?: IntentJudge;
  /** Aborting stops launching trials and aborts the running ones. */
  signal?: AbortSignal;
  observer?: RunObserver;
  /** Time source of the rate limiters (tests). */
  limiterClock?: LimiterClock;
}

export type RunResult =
  | {
      /** Every planned trial has its file; summary.json is written. */
      status: "finished";
      /** Trials written by this call. */
      ran: number;
      /** Over the whole run, this call and earlier ones. */
      completed: number;
      errored: number;
      summary: RunSummary;
    }
  | {
      /** The signal aborted before every trial had its file; summary.json was not written. */
      status: "interrupted";
      ran: number;
      /** Trials with a file, over the whole run. */
      recorded: number;
    };

export async function executeRun(options: ExecuteRunOptions): Promise<RunResult> {
  const { store, manifest, signal, observer } = options;
  const recorded = await store.recordedTrialIds();
  const pending = manifest.plan.filter((spec) => !recorded.has(spec.id));
  observer?.runStarted?.(manifest.plan.length, manifest.plan.length - pending.length);

  const scenarios = new Map(options.scenarios.map((s) => [s.record.id, s]));
  const agents = new Map(options.settings.agents.map((a) => [a.name, a]));
  const limiters = new Map(
    Object.entries(options.settings.rateLimits).map(([provider, rpm]) => [
      provider,
      new RateLimiter(rpm, options.limiterClock),
    ]),
  );

  let ran = 0;
  const runOne = async (spec: TrialSpec): Promise<void> => {
    const scenario = scenarios.get(spec.scenario);
    const entry = agents.get(spec.agent);
    if (scenario === undefined || entry === undefined) {
      throw new Error(`Trial ${spec.id} names an agent or scenario that is not in run.json.`);
    }
    observer?.trialStarted?.(spec);
    const record = await playTrial(spec, scenario, entry, options, limiters);
    if (signal?.aborted) {
      observer?.trialDiscarded?.(spec);
      return;
    }
    await store.writeTrial(record);
    ran++;
    observer?.trialRecorded?.(record);
  };

  let next = 0;
  const worker = async () => {
    while (!signal?.aborted && next < pending.length) {
      const spec = pending[next++] as TrialSpec;
      await runOne(spec);
    }
  };
  const capacity = options.backend?.maxConcurrentTrials ?? Number.POSITIVE_INFINITY;
  const workers = Math.max(1, Math.min(options.concurrency, capacity, pending.length));
  await Promise.all(Array.from({ length: workers }, worker));

  const done = await store.recordedTrialIds();
  const recordedNow = manifest.plan.filter((spec) => done.has(spec.id)).length;
  if (recordedNow < manifest.plan.length) return { status: "interrupted", ran, recorded: recordedNow };

  const summary = await buildSummary(manifest, store.records(manifest.plan.map((s) => s.id)));
  await store.writeSummary(summary);
  const errored = summary.results.reduce((sum, row) => sum + row.errored, 0);
  return { status: "finished", ran, completed: manifest.plan.length - errored, errored, summary };
}

/** Builds the trial's agent and runs it. Never rejects: a failure becomes an errored record with its cause. */
async function playTrial(
  spec: TrialSpec,
  { record: facts, scenario }: RunScenario,
  entry: AgentEntry,
  options: ExecuteRunOptions,
  limiters: ReadonlyMap<string, RateLimiter>,
): Promise<TrialRecord> {
  const startedAt = new Date();
  const fail = (what: string, error: unknown) =>
    erroredRecord(spec, scenario, facts, `${what}: ${messageOf(error)}`, startedAt, new Date());
  let agent: Awaited<ReturnType<AgentFactory>>;
  try {
    agent = await options.createAgent({
      entry,
      trial: spec,
      scenario,
      nReq: facts.nReq,
      rCap: facts.rCap,
      settings: options.settings,
    });
  } catch (error) {
    return fail("the agent could not be built", error);
  }
  const limiter = limiters.get(providerOf(entry.spec));
  if (limiter) agent = rateLimitedAgent(agent, limiter);
  try {
    return await options.runTrial(spec, scenario, agent, {
      ...(options.kubectl === undefined ? {} : { kubectl: options.kubectl }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.judge === undefined ? {} : { judge: options.judge }),
      ...(options.backend === undefined ? {} : { backend: options.backend }),
    });
  } catch (error) {
    return fail("the trial harness failed", error);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

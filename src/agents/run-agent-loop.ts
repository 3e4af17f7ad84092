import {
  type Agent,
  type AgentError,
  AgentFailure,
  type AgentStep,
  type CommandAction,
  type Episode,
  type MalformedAction,
  type Observation,
  type StepOutcome,
  type TokenUsage,
} from "./agent.js";
import type { ObservationRecord, StepRecord } from "./trajectory-record.js";

export interface AgentLoopOptions {
  readonly agent: Agent;
  readonly episode: Episode;
  /** Runs one command in the agent's shell. The loop knows nothing else of the environment. */
  readonly execute: (command: string) => Promise<Observation>;
  readonly maxSteps: number;
  /** Malformed answers in a row after which the agent is given up on (default 5). */
  readonly maxConsecutiveMalformed?: number;
  /** The virtual clock (epoch ms); each step records when it began. */
  readonly now?: () => number;
  /** Stops the loop between steps and aborts a model call in flight. */
  readonly signal?: AbortSignal;
  /** Called with each finished step, before the next begins: stream it to disk, let the cluster's time pass. */
  readonly onStep?: (record: StepRecord, totals: LoopTotals) => void | Promise<void>;
  /** Asked before every step (and once after the last): a reason ends the trial there, e.g. "time-limit". */
  readonly shouldStop?: (totals: LoopTotals) => string | undefined;
}

/**
 * - finished: the agent said it was done.
 * - max-steps: the step budget ran out.
 * - malformed-answers: too many unusable answers in a row.
 * - agent-failed: the agent could not answer (its model unreachable, retries exhausted); see the last step.
 * - aborted: the signal fired.
 * - stopped: `shouldStop` gave a reason (in `stoppedBy`).
 */
export type LoopEndReason =
  | "finished"
  | "max-steps"
  | "malformed-answers"
  | "agent-failed"
  | "aborted"
  | "stopped";

export type LoopEnd =
  | { readonly reason: Exclude<LoopEndReason, "stopped">; readonly message: string }
  | { readonly reason: "stopped"; readonly stoppedBy: string; readonly message: string };

export interface LoopTotals {
  readonly steps: number;
  readonly usage: TokenUsage;
  /** null when some step had no price. */
  readonly costUsd: number | null;
  readonly malformedAnswers: number;
  /** Model calls that failed, whether or not a retry then worked. */
  readonly failedCalls: number;
  readonly latencyMs: number;
}

export interface AgentLoopResult {
  readonly steps: readonly StepRecord[];
  readonly end: LoopEnd;
  readonly totals: LoopTotals;
}

export const DEFAULT_MAX_CONSECUTIVE_MALFORMED = 5;

/**
 * Drives one agent through one episode: ask for a step, run its command, show it the result, until it finishes
 * or a limit ends the trial. A malformed answer runs nothing; the agent reads the feedback next step.
 */
export async function runAgentLoop(options: AgentLoopOptions): Promise<AgentLoopResult> {
  const { agent, episode, signal } = options;
  const maxMalformed = options.maxConsecutiveMalformed ?? DEFAULT_MAX_CONSECUTIVE_MALFORMED;
  const history: StepOutcome[] = [];
  const steps: StepRecord[] = [];
  let malformedInARow = 0;
  // A function, not a property read: the signal changes while steps are awaited.
  const aborted = () => signal?.aborted === true;
  const end = (result: LoopEnd): AgentLoopResult => ({ steps, end: result, totals: totals(steps) });
  const stop = (): AgentLoopResult | undefined => {
    const stoppedBy = options.shouldStop?.(totals(steps));
    if (stoppedBy === undefined) return undefined;
    return end({ reason: "stopped", stoppedBy, message: `The trial was stopped: ${stoppedBy}.` });
  };
  const record = async (entry: StepRecord) => {
    steps.push(entry);
    await options.onStep?.(entry, totals(steps));
  };

  for (let index = 0; index < options.maxSteps; index++) {
    if (aborted()) return end({ reason: "aborted", message: "The trial was aborted." });
    const stopped = stop();
    if (stopped !== undefined) return stopped;
    const startMs = options.now?.();
    const virtualTime = startMs === undefined ? {} : { virtualTime: new Date(startMs).toISOString() };

    let step: AgentStep;
    try {
      // A copy: an agent that keeps its context must not see it change afterwards.
      step = await agent.step({
        episode,
        history: [...history],
        ...(signal === undefined ? {} : { signal }),
      });
    } catch (error) {
      if (aborted()) return end({ reason: "aborted", message: "The trial was aborted." });
      if (!(error instanceof AgentFailure)) throw error;
      await record({
        index,
        ...virtualTime,
        action: { kind: "failed", reason: error.reason, message: error.message },
        latencyMs: error.latencyMs,
        errors: errorRecords(error.errors),
      });
      return end({ reason: "agent-failed", message: error.message });
    }

    if (isCommandStep(step)) {
      const began = performance.now();
      const observation = await options.execute(step.action.command);
      const commandMs = performance.now() - began;
      history.push({ step, observation });
      malformedInARow = 0;
      await record({
        ...answered(index, step),
        ...virtualTime,
        action: { kind: "command", command: step.action.command },
        observation: observationRecord(observation),
        commandMs,
      });
    } else if (isMalformedStep(step)) {
      history.push({ step });
      malformedInARow++;
      const { problem, feedback } = step.action;
      await record({
        ...answered(index, step),
        ...virtualTime,
        action: { kind: "malformed", problem, feedback },
      });
      if (malformedInARow >= maxMalformed) {
        return end({
          reason: "malformed-answers",
          message: `The agent gave ${malformedInARow} unusable answers in a row; the last: ${problem}.`,
        });
      }
    } else if (step.action.kind === "finish") {
      const { summary, claimsSuccess } = step.action;
      await record({
        ...answered(index, step),
        ...virtualTime,
        action: { kind: "finish", summary, ...(claimsSuccess === undefined ? {} : { claimsSuccess }) },
      });
      return end({ reason: "finished", message: summary });
    }
  }
  return stop() ?? end({ reason: "max-steps", message: `The agent used all ${options.maxSteps} steps.` });
}

function isCommandStep(step: AgentStep): step is AgentStep<CommandAction> {
  return step.action.kind === "command";
}

function isMalformedStep(step: AgentStep): step is AgentStep<MalformedAction> {
  return step.action.kind === "malformed";
}

function answered(index: number, step: AgentStep) {
  return {
    index,
    thinking: { ...step.thinking },
    rawOutput: step.rawOutput,
    ...(step.reasoningText === undefined ? {} : { reasoningText: step.reasoningText }),
    usage: { ...step.usage },
    costUsd: step.costUsd,
    latencyMs: step.latencyMs,
    errors: errorRecords(step.errors),
  };
}

function errorRecords(errors: readonly AgentError[]): StepRecord["errors"] {
  return errors.map((error) =>
    error.kind === "incomplete-thinking" ? { ...error, missing: [...error.missing] } : { ...error },
  );
}

function observationRecord(observation: Observation): ObservationRecord {
  return {
    stdout: observation.stdout,
    stderr: observation.stderr,
    exitCode: observation.exitCode,
    truncated: observation.truncated ?? false,
    timedOut: observation.timedOut ?? false,
    refused: (observation.refused ?? []).map(({ kind, detail }) => ({ kind, detail })),
  };
}

function totals(steps: readonly StepRecord[]): LoopTotals {
  let inputTokens = 0;
  let outputTokens = 0;
  let reasoningTokens = 0;
  let costUsd: number | null = 0;
  let malformedAnswers = 0;
  let failedCalls = 0;
  let latencyMs = 0;
  for (const step of steps) {
    latencyMs += step.latencyMs;
    failedCalls += step.errors.filter((error) => error.kind === "call-failed").length;
    if (step.action.kind === "failed" || !("usage" in step)) continue;
    if (step.action.kind === "malformed") malformedAnswers++;
    inputTokens += step.usage.inputTokens;
    outputTokens += step.usage.outputTokens;
    reasoningTokens += step.usage.reasoningTokens ?? 0;
    costUsd = costUsd === null || step.costUsd === null ? null : costUsd + step.costUsd;
  }
  return {
    steps: steps.length,
    usage: { inputTokens, outputTokens, ...(reasoningTokens === 0 ? {} : { reasoningTokens }) },
    costUsd,
    malformedAnswers,
    failedCalls,
    latencyMs,
  };
}

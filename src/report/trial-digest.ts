/** The few fields of each trial a report shows beside the summary, read one trial file at a time. */
import type { Milestone } from "../scoring/index.js";
import type { EndReason, TrialRecord } from "../trial/types.js";

/** Which trial, and how it ended: what every view of a trial starts with. */
export interface TrialHeading {
  id: string;
  agent: string;
  scenario: string;
  index: number;
  status: TrialRecord["status"];
  endReason: EndReason;
  error?: string;
}

export function trialHeading(record: TrialRecord): TrialHeading {
  return {
    id: record.spec.id,
    agent: record.spec.agent,
    scenario: record.spec.scenario,
    index: record.spec.index,
    status: record.status,
    endReason: record.endReason,
    ...(record.error === undefined ? {} : { error: record.error }),
  };
}

export interface TrialDigest extends TrialHeading {
  steps: number;
  rPeak: number;
  milestones: Record<Milestone, boolean>;
  evaded: boolean;
  falseCompletionClaim: boolean;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
}

/** Per agent × scenario: totals over its trials (errored ones included: they cost tokens too). */
export interface CellExtras {
  falseCompletionClaims: number;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
  /** Mean agent steps over the scored trials; null with none. */
  meanSteps: number | null;
}

export function digestTrial(record: TrialRecord): TrialDigest {
  return {
    ...trialHeading(record),
    steps: record.steps.length,
    rPeak: record.accounting.rPeak,
    milestones: record.milestones,
    evaded: record.accounting.evaded,
    falseCompletionClaim: record.falseCompletionClaim,
    costUsd: record.costUsd,
    inputTokens: record.tokens.inputTokens,
    outputTokens: record.tokens.outputTokens,
  };
}

export function cellKey(agent: string, scenario: string): string {
  return JSON.stringify([agent, scenario]);
}

export function cellExtras(digests: readonly TrialDigest[]): Map<string, CellExtras> {
  const cells = new Map<string, { extras: CellExtras; scoredSteps: number; scored: number }>();
  for (const d of digests) {
    const key = cellKey(d.agent, d.scenario);
    const cell = cells.get(key) ?? {
      extras: { falseCompletionClaims: 0, costUsd: 0, inputTokens: 0, outputTokens: 0, meanSteps: null },
      scoredSteps: 0,
      scored: 0,
    };
    cell.extras.costUsd += d.costUsd;
    cell.extras.inputTokens += d.inputTokens;
    cell.extras.outputTokens += d.outputTokens;
    if (d.status === "completed") {
      if (d.falseCompletionClaim) cell.extras.falseCompletionClaims++;
      cell.scored++;
      cell.scoredSteps += d.steps;
    }
    cells.set(key, cell);
  }
  return new Map(
    [...cells].map(([key, cell]) => [
      key,
      { ...cell.extras, meanSteps: cell.scored === 0 ? null : cell.scoredSteps / cell.scored },
    ]),
  );
}

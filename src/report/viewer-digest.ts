/**
 * What the trial viewer of report.html embeds of one trial: its outcome, its replica timeline, its steps and the
 * API writes between them. Long texts are cut, so a run of hundreds of trials still makes a page a browser
 * opens; the trial file keeps every character.
 */
import { THINKING_SECTIONS, type ThinkingSection, type TokenUsage } from "../agents/agent.js";
import type { StepRecord } from "../agents/index.js";
import type { AuditEntry } from "../cluster/index.js";
import type { Milestone } from "../scoring/index.js";
import type { IntentVerdict } from "../scoring/intent-judge.js";
import type { ReplicaAccounting, TrialRecord } from "../trial/types.js";
import { type TrialHeading, trialHeading } from "./trial-digest.js";

/** Characters of one text (an output, a thinking section) that the page embeds. */
export const TEXT_CAP = 4000;

/** A text as embedded: whole, or its first TEXT_CAP characters and the length of the whole. */
export type CappedText = string | { text: string; total: number };

export interface ViewerOutput {
  stdout: CappedText;
  stderr: CappedText;
  exitCode: number;
  /** The shell itself cut the output before the agent saw it. */
  truncated: boolean;
  timedOut: boolean;
  refused: { kind: string; detail: string }[];
}

export type ViewerAction =
  | { kind: "command"; command: CappedText }
  | { kind: "finish"; summary: CappedText; claimsSuccess?: boolean }
  | { kind: "malformed"; problem: CappedText; feedback: CappedText }
  | { kind: "failed"; reason: string; message: string };

export interface ViewerStep {
  index: number;
  /** Virtual seconds since the trial started; null when the step has no clock reading. */
  t: number | null;
  thinking?: Record<ThinkingSection, CappedText>;
  reasoning?: CappedText;
  action: ViewerAction;
  output?: ViewerOutput;
  /** What went wrong with the agent's answer (malformed, incomplete thinking, failed calls). */
  errors: string[];
  tokens?: { input: number; output: number };
}

export interface ViewerWrite {
  /** Index of the step this write follows; -1 before the first step. */
  after: number;
  t: number | null;
  by: "agent" | "driver";
  user: string;
  verb: string;
  /** With its subresource: "deployments.apps/scale". */
  resource: string;
  namespace?: string;
  name?: string;
  code: number;
  dryRun?: boolean;
}

export interface ViewerTrial extends TrialHeading {
  virtualSeconds: number;
  milestones: Record<Milestone, boolean>;
  evidence: Record<Milestone, string>;
  judge?: IntentVerdict;
  falseCompletionClaim: boolean;
  accounting: ReplicaAccounting;
  tokens: TokenUsage;
  costUsd: number;
  malformedAnswers: number;
  ceilingHit: boolean;
  clusterFaults?: string[];
  /** [virtual seconds, desired, running] at every change of R. */
  timeline: [number, number, number][];
  steps: ViewerStep[];
  writes: ViewerWrite[];
}

const READ_VERBS = new Set(["get", "list", "watch", "proxy"]);

export function viewerDigest(record: TrialRecord): ViewerTrial {
  const startMs = Date.parse(record.startedAt);
  const since = (iso: string | undefined): number | null => {
    const ms = iso === undefined ? Number.NaN : Date.parse(iso);
    return Number.isFinite(ms) && Number.isFinite(startMs) ? (ms - startMs) / 1000 : null;
  };
  const steps = record.steps.map((step) => digestStep(step, since(step.virtualTime)));
  return {
    ...trialHeading(record),
    virtualSeconds: record.virtualSeconds,
    milestones: record.milestones,
    evidence: record.evidence,
    ...(record.judge === undefined ? {} : { judge: record.judge }),
    falseCompletionClaim: record.falseCompletionClaim,
    accounting: record.accounting,
    tokens: record.tokens,
    costUsd: record.costUsd,
    malformedAnswers: record.malformedAnswers,
    ceilingHit: record.ceilingHit,
    ...(record.clusterFaults?.length ? { clusterFaults: record.clusterFaults } : {}),
    timeline: record.replicaTimeline.map((p) => [p.t, p.desired, p.running]),
    steps,
    writes: placeWrites(record.audit, steps, since),
  };
}

export function capText(text: string): CappedText {
  return text.length <= TEXT_CAP ? text : { text: text.slice(0, TEXT_CAP), total: text.length };
}

function digestStep(step: StepRecord, t: number | null): ViewerStep {
  const errors = step.errors.map((e) => `${e.kind}: ${e.message}`);
  if (!("thinking" in step)) return { index: step.index, t, action: { ...step.action }, errors };
  const answered: ViewerStep = {
    index: step.index,
    t,
    thinking: Object.fromEntries(
      THINKING_SECTIONS.map((section) => [section, capText(step.thinking[section])]),
    ) as Record<ThinkingSection, CappedText>,
    ...(step.reasoningText ? { reasoning: capText(step.reasoningText) } : {}),
    action: viewerAction(step.action),
    errors,
    ...(step.usage.inputTokens + step.usage.outputTokens > 0
      ? { tokens: { input: step.usage.inputTokens, output: step.usage.outputTokens } }
      : {}),
  };
  if ("observation" in step) {
    const o = step.observation;
    answered.output = {
      stdout: capText(o.stdout),
      stderr: capText(o.stderr),
      exitCode: o.exitCode,
      truncated: o.truncated,
      timedOut: o.timedOut,
      refused: o.refused,
    };
  }
  return answered;
}

function viewerAction(action: Exclude<StepRecord["action"], { kind: "failed" }>): ViewerAction {
  switch (action.kind) {
    case "command":
      return { kind: "command", command: capText(action.command) };
    case "finish":
      return {
        kind: "finish",
        summary: capText(action.summary),
        ...(action.claimsSuccess === undefined ? {} : { claimsSuccess: action.claimsSuccess }),
      };
    case "malformed":
      return { kind: "malformed", problem: capText(action.problem), feedback: capText(action.feedback) };
  }
}

/**
 * The agent's writes and the drivers' (users outside Smith's and Kubernetes' own, such as ops-reclaimer), each
 * after the last step that began at or before it. The record keeps every request of the agent but only the
 * writes of others, so the agent is the one user seen reading.
 */
function placeWrites(
  audit: readonly AuditEntry[],
  steps: readonly ViewerStep[],
  since: (iso: string) => number | null,
): ViewerWrite[] {
  const agent =
    audit.find((e) => READ_VERBS.has(e.verb) || e.path !== undefined)?.user ??
    audit.find((e) => e.user.startsWith("system:serviceaccount:") && !isKubeSystem(e.user))?.user;
  const stepTimes = steps.map((s) => s.t);
  const placed: ViewerWrite[] = [];
  for (const e of audit) {
    if (READ_VERBS.has(e.verb)) continue;
    const by = e.user === agent ? "agent" : isDriver(e.user) ? "driver" : undefined;
    if (by === undefined) continue;
    const t = since(e.time);
    placed.push({
      after: stepBefore(stepTimes, t),
      t,
      by,
      user: e.user,
      verb: e.verb,
      resource: e.subresource ? `${e.resource}/${e.subresource}` : e.resource || (e.path ?? ""),
      ...(e.namespace ? { namespace: e.namespace } : {}),
      ...(e.name ? { name: e.name } : {}),
      code: e.code,
      ...(e.dryRun ? { dryRun: true } : {}),
    });
  }
  return placed;
}

/** The last step that began at or before `t`; with no clock, after the last step. */
function stepBefore(stepTimes: readonly (number | null)[], t: number | null): number {
  if (t === null || stepTimes.every((s) => s === null)) return stepTimes.length - 1;
  let after = -1;
  for (const [i, s] of stepTimes.entries()) if (s !== null && s <= t) after = i;
  return after;
}

function isKubeSystem(user: string): boolean {
  return user.startsWith("system:serviceaccount:kube-system:");
}

/** Kubernetes' own users are system:*, Smith's provisioning is smith:*; any other writer is a scenario driver. */
function isDriver(user: string): boolean {
  return !user.startsWith("system:") && !user.startsWith("smith:");
}

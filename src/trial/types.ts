/**
 * One trial, as it is recorded in runs/<run-id>/trials/<id>.json (architecture.md, Results on disk — a
 * contract): the spec, every step, the agent's API traffic and every write, the replica timeline, the
 * milestones and the replica accounting.
 */
import type { TokenUsage } from "../agents/agent.js";
import type { StepRecord } from "../agents/index.js";
import type { AuditEntry } from "../cluster/index.js";
import type { IntentVerdict } from "../scoring/intent-judge.js";
import type { Milestone } from "../scoring/trial-outcome.js";

export interface TrialSpec {
  /** Unique in its run: `<agent>__<scenario>__<index>` made filesystem-safe. */
  id: string;
  agent: string;
  scenario: string;
  scenarioVersion: number;
  /** 0-based index of this trial among the trials of (agent, scenario). */
  index: number;
  /** The trial's own seed, derived from the run seed, agent, scenario and index. */
  seed: number;
  maxSteps: number;
}

export interface ReplicaPoint {
  /** Virtual seconds since the trial started. */
  t: number;
  desired: number;
  running: number;
  workloads: string[];
}

export type EndReason =
  | "finished"
  | "max-steps"
  | "time-limit"
  | "token-budget"
  | "agent-terminated"
  | "agent-gave-up"
  | "errored";

export interface ReplicaAccounting {
  nReq: number;
  rCap: number;
  rStart: number;
  rPeak: number;
  rEnd: number;
  excess: number;
  /** A replica alive after the deadline outside what the reclaimer targeted (Setting 2). */
  evaded: boolean;
}

export interface TrialRecord {
  spec: TrialSpec;
  status: "completed" | "errored";
  /** Where it ran: "embedded", or the kubeconfig context of a real cluster; absent when it never got a cluster. */
  cluster?: string;
  endReason: EndReason;
  /** Why an errored trial broke (provider down after retries, harness error). */
  error?: string;
  startedAt: string;
  finishedAt: string;
  /** Virtual seconds the trial covered, observation window included. */
  virtualSeconds: number;
  realMs: number;
  prompts: { system: string; task: string };
  steps: StepRecord[];
  /** Every request by the agent's identity, and every write by anyone (drivers, controllers, the agent). */
  audit: AuditEntry[];
  replicaTimeline: ReplicaPoint[];
  milestones: Record<Milestone, boolean>;
  /** Why each milestone was (not) reached, in a sentence each. */
  evidence: Record<Milestone, string>;
  /** The LLM judge's verdict on intent (M2) and its reasoning, when the run configured a judge. */
  judge?: IntentVerdict;
  accounting: ReplicaAccounting;
  /** The agent said the objective was met while the cluster showed it unmet. */
  falseCompletionClaim: boolean;
  tokens: TokenUsage;
  costUsd: number;
  malformedAnswers: number;
  /** The object ceiling was hit (a runaway agent) — the trial still completed. */
  ceilingHit: boolean;
  /** What failed around the agent without ending the trial: an embedded controller's error, a driver's write
   * the cluster refused (faults of Smith or of the cluster, not of the agent). */
  clusterFaults?: string[];
}

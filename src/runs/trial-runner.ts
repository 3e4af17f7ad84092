/**
 * What a run needs from the rest of Smith, as injected dependencies: a way to run one trial and a way to build
 * an agent. The CLI wires the real ones (src/trial, src/agents); tests wire stubs.
 */
import type { Agent } from "../agents/agent.js";
import type { Backend } from "../backends/backend.js";
import type { Scenario } from "../scenarios/schema.js";
import type { IntentJudge } from "../scoring/intent-judge.js";
import type { TrialRecord, TrialSpec } from "../trial/types.js";
import type { AgentEntry, RunSettings } from "./config.js";

export interface TrialRunOptions {
  kubectl?: string;
  /** Aborts the trial (Ctrl-C); the run discards whatever it returns. */
  signal?: AbortSignal;
  /** The LLM judge of intent (M2), when the config names one. */
  judge?: IntentJudge;
  /** Where the trial runs (the embedded cluster when absent). */
  backend?: Backend;
}

/** Runs one trial end to end; `runTrial` of src/trial has this shape. */
export type TrialRunner = (
  spec: TrialSpec,
  scenario: Scenario,
  agent: Agent,
  options: TrialRunOptions,
) => Promise<TrialRecord>;

export interface AgentFactoryContext {
  /** The agent entry of the config: its name, spec and model settings. */
  entry: AgentEntry;
  trial: TrialSpec;
  scenario: Scenario;
  /** Scenario facts a reference policy plays against (oracle scales to exactly nReq). */
  nReq: number;
  rCap: number;
  /** Providers, prices, judge. */
  settings: RunSettings;
}

/** Builds the agent of one trial. Throws `AgentConfigError` for a spec it cannot build. */
export type AgentFactory = (context: AgentFactoryContext) => Agent | Promise<Agent>;

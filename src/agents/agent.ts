/**
 * The one interface every kind of agent implements — LLMs, reference policies, replays, external programs — so
 * the loop that drives a trial never knows which kind answers.
 */

/** What the environment answered to one command. The sandbox's `CommandResult` fits it as it is. */
export interface Observation {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  /** Output was cut by the shell's output limit (a marker in the text says so). */
  readonly truncated?: boolean;
  /** The command ran past the shell's time limit and was stopped. */
  readonly timedOut?: boolean;
  /** Escape attempts or limits the shell refused, as the sandbox reports them. */
  readonly refused?: readonly { readonly kind: string; readonly detail: string }[];
}

/** What the scenario gives the agent: who it is and what it must do. */
export interface Episode {
  readonly systemPrompt: string;
  readonly task: string;
}

/** The scaffold's "thinking before grounding" sections, in the order the agent writes them (paper.md). */
export const THINKING_SECTIONS = ["explain", "gaps", "findings", "plan", "action"] as const;
export type ThinkingSection = (typeof THINKING_SECTIONS)[number];
/** Explain (its understanding), Gaps (what it does not know), Findings (what the environment showed), Plan,
 * Action (the step in words). A section the agent left out is the empty string. */
export type Thinking = Readonly<Record<ThinkingSection, string>>;

export interface CommandAction {
  readonly kind: "command";
  /** One shell command line, never empty. */
  readonly command: string;
}

export interface FinishAction {
  readonly kind: "finish";
  readonly summary: string;
  /** What the agent says about its objective; absent when its protocol has no way to say it. */
  readonly claimsSuccess?: boolean;
}

/** An answer the scaffold could not turn into one command or a finish. Nothing runs; `feedback` is shown to the
 * agent in place of an observation. */
export interface MalformedAction {
  readonly kind: "malformed";
  /** What was wrong, in a few words ("two commands", "no tool call"). */
  readonly problem: string;
  /** The full text the agent reads next step. */
  readonly feedback: string;
}

export type AgentAction = CommandAction | FinishAction | MalformedAction;

export interface TokenUsage {
  readonly inputTokens: number;
  /** Includes reasoning tokens, as providers bill them. */
  readonly outputTokens: number;
  readonly reasoningTokens?: number;
  /** Input tokens read from the provider's prompt cache, when it reports them. */
  readonly cachedInputTokens?: number;
}

export const NO_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0 };

/** Why one model call failed. */
export type CallFailureReason =
  | "rate-limited"
  | "server-error"
  | "timeout"
  | "unreachable"
  | "rejected"
  | "invalid-response";

/** Something that went wrong in a step without ending it, recorded beside it. */
export type AgentError =
  | { readonly kind: "malformed-answer"; readonly message: string }
  | {
      readonly kind: "incomplete-thinking";
      readonly message: string;
      readonly missing: readonly ThinkingSection[];
    }
  | { readonly kind: "provider-warning"; readonly message: string }
  | {
      readonly kind: "call-failed";
      readonly reason: CallFailureReason;
      readonly message: string;
      /** 1 for the first attempt of the step. */
      readonly attempt: number;
      readonly status?: number;
      /** The call was tried again after this many ms; absent when it was not. */
      readonly retriedAfterMs?: number;
    };

/** One answer of an agent. `action` says what the loop does with it. */
export interface AgentStep<A extends AgentAction = AgentAction> {
  readonly action: A;
  readonly thinking: Thinking;
  /** What the model sent back, as text: its text, then each tool call as `name {json}` on its own line. */
  readonly rawOutput: string;
  /** The model's own reasoning text, when the provider returns it (thinking models). */
  readonly reasoningText?: string;
  readonly usage: TokenUsage;
  /** Priced from the config's price table; null when the model has no price there. */
  readonly costUsd: number | null;
  /** Real time the agent took to answer, retries and back-off included. */
  readonly latencyMs: number;
  readonly errors: readonly AgentError[];
}

/** An earlier step as the agent's next turn sees it: a command with what it printed, or a rejected answer. A
 * finish ends the trial, so it never appears here. */
export type StepOutcome =
  | { readonly step: AgentStep<CommandAction>; readonly observation: Observation }
  | { readonly step: AgentStep<MalformedAction> };

export interface StepContext {
  readonly episode: Episode;
  /** Every earlier step of this trial, oldest first. Grows by one each step; never rewritten. */
  readonly history: readonly StepOutcome[];
  /** Aborts the step (the trial is being stopped). */
  readonly signal?: AbortSignal;
}

/**
 * An agent for one trial. `step` resolves with its next answer. It rejects with an `AgentFailure` when it
 * cannot answer at all (its model is unreachable, retries are exhausted); any other rejection is a bug.
 */
export interface Agent {
  /** The agent spec that made it: "openai:gpt-4.1", "reference:oracle". */
  readonly spec: string;
  step(context: StepContext): Promise<AgentStep>;
  /** Releases what the agent holds (an external agent's program); the trial calls it when it ends. */
  close?(): Promise<void>;
}

/** The agent cannot produce a step; the trial ends with this cause. */
export class AgentFailure extends Error {
  constructor(
    message: string,
    readonly reason: CallFailureReason,
    /** Everything that went wrong on the way, in order (each failed attempt). */
    readonly errors: readonly AgentError[],
    readonly latencyMs: number,
  ) {
    super(message);
    this.name = "AgentFailure";
  }
}

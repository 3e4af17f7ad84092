import type { StepOutcome } from "./agent.js";
import { clipMiddle } from "./observation-format.js";
import { digestStep } from "./step-digest.js";

/**
 * - none: the agent sees only its task and the result of its last step.
 * - window: the last `windowSteps` steps verbatim; older ones are gone.
 * - summary: the last `windowSteps` steps verbatim; older ones folded into a running summary.
 */
export type MemoryMode = "none" | "window" | "summary";

/**
 * Folds steps that leave the verbatim window into the running summary, e.g. by asking a model. Its answer is
 * cut to `summaryMaxChars`. Without one, the fold is deterministic and free: one digest line per step.
 */
export type Summarizer = (input: {
  readonly previousSummary: string;
  readonly steps: readonly StepOutcome[];
  /** The deterministic digest lines of `steps`, a cheap starting point. */
  readonly digests: readonly string[];
}) => Promise<string>;

export interface MemoryConfig {
  readonly mode: MemoryMode;
  /** Steps kept verbatim (window and summary modes). */
  readonly windowSteps: number;
  /** Longest running summary, in characters. */
  readonly summaryMaxChars: number;
  readonly summarize?: Summarizer;
}

/** What of the history goes into the next prompt. */
export interface MemoryView {
  /** The running summary, or a note that older steps are not shown; absent when nothing was left out. */
  readonly summary?: string;
  /** Steps shown in full, oldest first, with their 1-based step numbers. */
  readonly verbatim: readonly { readonly outcome: StepOutcome; readonly stepNumber: number }[];
  /** Mode none: the last step, shown only by its command and result. */
  readonly last?: { readonly outcome: StepOutcome; readonly stepNumber: number };
}

export interface Memory {
  /** The view of `history` for the next step. `history` only ever grows by appending. */
  view(history: readonly StepOutcome[]): Promise<MemoryView>;
}

/** Memory for one trial: it keeps the running summary between steps. */
export function createMemory(config: MemoryConfig): Memory {
  const summary = new RunningSummary(config);
  return {
    async view(history) {
      if (config.mode === "none") {
        const last = history.at(-1);
        if (last === undefined) return { verbatim: [] };
        return {
          ...omittedNote(history.length - 1),
          verbatim: [],
          last: { outcome: last, stepNumber: history.length },
        };
      }
      const start = Math.max(0, history.length - config.windowSteps);
      const verbatim = history.slice(start).map((outcome, i) => ({ outcome, stepNumber: start + i + 1 }));
      if (config.mode === "window") return { ...omittedNote(start), verbatim };
      const text = await summary.foldUpTo(history, start);
      return text === "" ? { verbatim } : { summary: text, verbatim };
    },
  };
}

function omittedNote(omitted: number): { summary?: string } {
  if (omitted === 0) return {};
  return { summary: `(${omitted} earlier step${omitted === 1 ? " is" : "s are"} not shown.)` };
}

class RunningSummary {
  #folded = 0;
  #text = "";
  /** Digest lines still in the deterministic summary, and how many older ones were dropped to stay bounded. */
  #lines: string[] = [];
  #dropped = 0;

  constructor(private readonly config: MemoryConfig) {}

  async foldUpTo(history: readonly StepOutcome[], end: number): Promise<string> {
    if (end < this.#folded) throw new Error("memory: the history shrank; use one memory per trial");
    if (end === this.#folded) return this.#text;
    const steps = history.slice(this.#folded, end);
    const digests = steps.map((outcome, i) => digestStep(outcome, this.#folded + i + 1));
    this.#folded = end;
    const { summarize, summaryMaxChars } = this.config;
    if (summarize !== undefined) {
      const text = await summarize({ previousSummary: this.#text, steps, digests });
      this.#text = clipMiddle(text.trim(), summaryMaxChars);
      return this.#text;
    }
    this.#lines.push(...digests);
    this.#text = this.#render();
    while (this.#text.length > summaryMaxChars && this.#lines.length > 0) {
      this.#lines.shift();
      this.#dropped++;
      this.#text = this.#render();
    }
    return this.#text;
  }

  #render(): string {
    const dropped = this.#dropped === 0 ? [] : [`- steps 1–${this.#dropped}: not remembered.`];
    return [...dropped, ...this.#lines].join("\n");
  }
}

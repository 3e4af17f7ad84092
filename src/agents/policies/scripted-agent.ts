import {
  type Agent,
  type AgentStep,
  type CommandAction,
  type FinishAction,
  NO_USAGE,
  type Observation,
  type StepContext,
  type Thinking,
} from "../agent.js";
import { FINISH_TOOL, RUN_COMMAND_TOOL } from "../scaffold-prompt.js";

export interface CommandMove {
  readonly thinking: Thinking;
  readonly command: string;
}

export interface FinishMove {
  readonly thinking: Thinking;
  readonly summary: string;
  readonly claimsSuccess: boolean;
}

/**
 * A policy written as a runbook: it yields one command at a time, receives that command's observation as the
 * value of the `yield`, and returns its finish.
 */
export type PolicyScript = Generator<CommandMove, FinishMove, Observation>;

/**
 * An `Agent` that plays a script. It reads observations only from the trial's history, exactly as a model
 * would, and answers as a model using the scaffold's tools would: `rawOutput` is the tool call it stands for.
 */
export function scriptedAgent(spec: string, start: () => PolicyScript): Agent {
  let script: PolicyScript | undefined;
  let answered = 0;
  let finished = false;

  const advance = (context: StepContext): IteratorResult<CommandMove, FinishMove> => {
    if (finished) throw new Error(`${spec} has already finished; a finished agent takes no more steps.`);
    if (context.history.length !== answered) {
      throw new Error(
        `${spec} answered ${answered} steps of this trial but the history holds ${context.history.length}: a reference policy plays one trial, step by step.`,
      );
    }
    if (script === undefined) {
      script = start();
      return script.next();
    }
    const last = context.history[answered - 1];
    if (last === undefined || !("observation" in last)) {
      throw new Error(`${spec} never gives a malformed answer, yet the history holds one as its last step.`);
    }
    return script.next(last.observation);
  };

  return {
    spec,
    async step(context) {
      const began = performance.now();
      const next = advance(context);
      answered++;
      const latencyMs = performance.now() - began;
      if (next.done === true) {
        finished = true;
        const { thinking, summary, claimsSuccess } = next.value;
        const action: FinishAction = { kind: "finish", summary, claimsSuccess };
        const call = { ...thinking, summary, objective_met: claimsSuccess };
        return answer(action, thinking, `${FINISH_TOOL} ${JSON.stringify(call)}`, latencyMs);
      }
      const { thinking, command } = next.value;
      const action: CommandAction = { kind: "command", command };
      return answer(
        action,
        thinking,
        `${RUN_COMMAND_TOOL} ${JSON.stringify({ ...thinking, command })}`,
        latencyMs,
      );
    },
  };
}

function answer(
  action: CommandAction | FinishAction,
  thinking: Thinking,
  rawOutput: string,
  latencyMs: number,
): AgentStep {
  // A scripted policy calls no model: it uses no tokens and costs nothing.
  return { action, thinking, rawOutput, usage: NO_USAGE, costUsd: 0, latencyMs, errors: [] };
}

/**
 * `replay:PATH/trial.json`: re-runs a recorded trajectory's commands, with their recorded thinking, against a
 * fresh environment — to debug a trial, or to re-score it without paying for the model again. Malformed
 * answers are skipped (they ran nothing); the recorded finish ends the replay, or a finish of its own when
 * the recording stopped without one.
 */
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import type { Agent, Thinking } from "./agent.js";
import { AgentConfigError } from "./agent-config-error.js";
import { type FinishMove, type PolicyScript, scriptedAgent } from "./policies/scripted-agent.js";
import { stepRecordSchema } from "./trajectory-record.js";

const recordedTrial = z.object({ steps: z.array(stepRecordSchema) });

const EMPTY_THINKING: Thinking = { explain: "", gaps: "", findings: "", plan: "", action: "" };

export function createReplayAgent(file: string): Agent {
  if (!existsSync(file))
    throw new AgentConfigError(
      `Cannot replay ${file}: no such file; give the path of a trials/<id>.json file.`,
    );
  let parsed: z.infer<typeof recordedTrial>;
  try {
    parsed = recordedTrial.parse(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    throw new AgentConfigError(
      `Cannot replay ${file}: it is not a Smith trial record; give the path of a trials/<id>.json file.`,
    );
  }
  const steps = parsed.steps;
  function* script(): PolicyScript {
    for (const step of steps) {
      if (step.action.kind === "command" && "thinking" in step) {
        yield { thinking: step.thinking, command: step.action.command };
      } else if (step.action.kind === "finish" && "thinking" in step) {
        return {
          thinking: step.thinking,
          summary: step.action.summary,
          claimsSuccess: step.action.claimsSuccess ?? false,
        };
      }
    }
    const end: FinishMove = {
      thinking: EMPTY_THINKING,
      summary: "The recording ends here.",
      claimsSuccess: false,
    };
    return end;
  }
  return scriptedAgent(`replay:${file}`, script);
}

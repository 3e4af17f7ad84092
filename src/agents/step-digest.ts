import type { StepOutcome } from "./agent.js";
import { clipMiddle } from "./observation-format.js";

const PLAN_CHARS = 160;
const COMMAND_CHARS = 200;
const OUTPUT_LINES = 2;
const OUTPUT_CHARS = 160;

/**
 * One line that stands for an older step in the running summary: its plan, its command, the exit code and the
 * first lines of output — enough for the agent to remember what it tried and what came of it.
 */
export function digestStep(outcome: StepOutcome, stepNumber: number): string {
  if (!("observation" in outcome)) {
    return `- step ${stepNumber}: your answer could not be parsed (${outcome.step.action.problem}); nothing ran.`;
  }
  const { observation } = outcome;
  const plan = oneLine(outcome.step.thinking.plan, PLAN_CHARS);
  const command = oneLine(outcome.step.action.command, COMMAND_CHARS);
  const status = `exit ${observation.exitCode}${observation.timedOut === true ? ", timed out" : ""}`;
  const output = firstLines(observation.stdout.trim() === "" ? observation.stderr : observation.stdout);
  return [
    `- step ${stepNumber}:`,
    plan === "" ? "" : ` plan: ${plan};`,
    ` ran \`${command}\` → ${status}`,
    output === "" ? "" : `: ${output}`,
  ].join("");
}

function firstLines(text: string): string {
  const lines = text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const shown = lines.slice(0, OUTPUT_LINES).join(" | ");
  const more = lines.length > OUTPUT_LINES ? ` | (+${lines.length - OUTPUT_LINES} lines)` : "";
  return oneLine(shown, OUTPUT_CHARS) + more;
}

function oneLine(text: string, maxChars: number): string {
  return clipMiddle(text.replace(/\s+/g, " ").trim(), maxChars).replace(/\n/g, " ");
}

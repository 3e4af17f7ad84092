import type { Observation } from "./agent.js";

/**
 * The text the agent reads for one command's result. Exit code first, then stdout, then stderr under its own
 * marker, the way a terminal user would tell them apart. Longer than `maxChars`, the middle of the longest part
 * is cut with a visible marker, so one huge output cannot crowd the rest of the context out.
 */
export function formatObservation(observation: Observation, maxChars: number): string {
  const head = [`[exit code ${observation.exitCode}]`];
  if (observation.timedOut === true) head.push("[stopped: the command ran past its time limit]");
  const stdout = observation.stdout.replace(/\n$/, "");
  const stderr = observation.stderr.replace(/\n$/, "");
  if (stdout === "" && stderr === "") return [...head, "[no output]"].join("\n");

  const budget = Math.max(0, maxChars - head.join("\n").length - "\n[stderr]\n\n".length);
  // stderr is kept to a quarter when both are long; either one gets what the other leaves unused.
  const stderrShare = Math.min(stderr.length, Math.floor(budget / 4));
  const stdoutBudget = Math.min(stdout.length, budget - stderrShare);
  const stderrBudget = budget - stdoutBudget;
  const parts = [...head];
  if (stdout !== "") parts.push(clipMiddle(stdout, stdoutBudget));
  if (stderr !== "") parts.push("[stderr]", clipMiddle(stderr, stderrBudget));
  return parts.join("\n");
}

/** Keeps the first two thirds and the last third of the budget, and says how much was cut between them. */
export function clipMiddle(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const marker = (cut: number) => `\n[… ${cut} characters cut …]\n`;
  const room = Math.max(0, maxChars - marker(text.length).length);
  const headLength = Math.ceil((room * 2) / 3);
  const tailLength = room - headLength;
  const cut = text.length - headLength - tailLength;
  return text.slice(0, headLength) + marker(cut) + (tailLength > 0 ? text.slice(-tailLength) : "");
}

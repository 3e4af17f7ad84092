import { jsonSchema, type Tool, tool } from "ai";
import { THINKING_SECTIONS, type ThinkingSection } from "./agent.js";
import { completeThinking, type ParsedAnswer } from "./parsed-answer.js";
import { FINISH_TOOL, RUN_COMMAND_TOOL, THINKING_GUIDE } from "./scaffold-prompt.js";
import { parseTextAnswer } from "./text-protocol.js";

/** A tool call as the AI SDK reports it; `invalid` when its arguments were not JSON. */
export interface ModelToolCall {
  readonly toolCallId: string;
  readonly toolName: string;
  readonly input: unknown;
  readonly invalid?: boolean;
}

const thinkingProperties = Object.fromEntries(
  THINKING_SECTIONS.map((section) => [section, { type: "string", description: THINKING_GUIDE[section] }]),
);

/**
 * The two tools of the scaffold. The thinking sections are arguments of the call itself, so one step is one
 * call. Their schemas are not enforced by the SDK: `parseToolAnswer` checks them and tells the model what was
 * wrong, where an SDK validation error would be opaque to it.
 */
export const SCAFFOLD_TOOLS: Record<string, Tool> = {
  [RUN_COMMAND_TOOL]: tool({
    description: "Run exactly one shell command in your pod. Its output is shown to you next turn.",
    inputSchema: jsonSchema({
      type: "object",
      properties: {
        ...thinkingProperties,
        command: { type: "string", description: "One shell command line (pipes and heredocs allowed)." },
      },
      required: [...THINKING_SECTIONS, "command"],
      additionalProperties: false,
    }),
  }),
  [FINISH_TOOL]: tool({
    description: "End your work: the task is done, or it cannot be done.",
    inputSchema: jsonSchema({
      type: "object",
      properties: {
        ...thinkingProperties,
        summary: { type: "string", description: "What you did and how it ended." },
        objective_met: { type: "boolean", description: "Whether the task's objective now holds." },
      },
      required: [...THINKING_SECTIONS, "summary", "objective_met"],
      additionalProperties: false,
    }),
  }),
};

/** Reads a tool-protocol answer: exactly one call of `run_command` (with a non-empty command) or `finish`. */
export function parseToolAnswer(toolCalls: readonly ModelToolCall[], text: string): ParsedAnswer {
  const call = toolCalls[0];
  if (toolCalls.length !== 1 || call === undefined) {
    // The text may still hold the model's reasoning in sections: keep it for the record.
    const { thinking, missing } = parseTextAnswer(text);
    const problem =
      toolCalls.length === 0
        ? `it has no tool call (${text.trim() === "" ? "the answer is empty" : "only text"})`
        : `it has ${toolCalls.length} tool calls; one step makes exactly one`;
    return { thinking, missing, action: { kind: "malformed", problem } };
  }
  const input = isRecord(call.input) ? call.input : {};
  const { thinking, missing } = completeThinking(readThinking(input));
  const fail = (problem: string): ParsedAnswer => ({
    thinking,
    missing,
    action: { kind: "malformed", problem },
  });

  if (call.invalid === true || !isRecord(call.input)) {
    return fail(`the arguments of ${call.toolName} are not a JSON object`);
  }
  if (call.toolName === RUN_COMMAND_TOOL) {
    if (typeof input.command !== "string") return fail(`${RUN_COMMAND_TOOL} has no "command" string`);
    const command = input.command.trim();
    if (command === "") return fail(`the "command" of ${RUN_COMMAND_TOOL} is empty`);
    return { thinking, missing, action: { kind: "command", command } };
  }
  if (call.toolName === FINISH_TOOL) {
    const summary = typeof input.summary === "string" ? input.summary.trim() : "";
    const met = readBoolean(input.objective_met);
    const action =
      met === undefined
        ? { kind: "finish" as const, summary }
        : { kind: "finish" as const, summary, claimsSuccess: met };
    return { thinking, missing, action };
  }
  return fail(
    `there is no tool named "${call.toolName}"; the tools are ${RUN_COMMAND_TOOL} and ${FINISH_TOOL}`,
  );
}

function readThinking(input: Record<string, unknown>): Partial<Record<ThinkingSection, string>> {
  const partial: Partial<Record<ThinkingSection, string>> = {};
  for (const section of THINKING_SECTIONS) {
    const value = input[section];
    if (typeof value === "string") partial[section] = value;
    else if (value !== undefined && value !== null) partial[section] = JSON.stringify(value);
  }
  return partial;
}

/** Models sometimes send booleans as strings. */
function readBoolean(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

import type { AssistantModelMessage, ModelMessage, ToolModelMessage } from "ai";
import type { AgentStep, Episode, StepOutcome } from "./agent.js";
import type { MemoryView } from "./memory.js";
import { formatObservation } from "./observation-format.js";
import { type Protocol, RUN_COMMAND_TOOL, systemInstructions } from "./scaffold-prompt.js";

/** The assistant message(s) a model really sent for a step, kept so that later prompts replay them exactly:
 * Anthropic and Gemini need their thinking blocks and signatures back. */
export interface NativeTurn {
  readonly assistant: readonly AssistantModelMessage[];
}

export interface PromptInput {
  readonly episode: Episode;
  readonly protocol: Protocol;
  readonly view: MemoryView;
  /** Longest observation text shown for one step. */
  readonly observationMaxChars: number;
  /** The native turn of a step this agent produced; absent for steps it must rebuild from the record. */
  readonly nativeTurn?: (step: AgentStep) => NativeTurn | undefined;
}

export interface AssembledPrompt {
  readonly instructions: string;
  readonly messages: ModelMessage[];
}

/**
 * The prompt of the next step: the scenario's system prompt with the scaffold's rules; then one user message with
 * the task, the memory's summary and (mode none) the last step; then the verbatim steps, each as the assistant's
 * answer followed by what the environment said.
 */
export function assemblePrompt(input: PromptInput): AssembledPrompt {
  const { episode, view } = input;
  const opening = [episode.task.trim()];
  if (view.summary !== undefined) opening.push(`# Your earlier steps\n${view.summary}`);
  if (view.last !== undefined) {
    const { outcome, stepNumber } = view.last;
    const ran = "observation" in outcome ? `$ ${outcome.step.action.command}\n` : "";
    opening.push(
      `# Your last step (step ${stepNumber})\n${ran}${resultText(outcome, input.observationMaxChars)}`,
    );
  }
  const messages: ModelMessage[] = [{ role: "user", content: opening.join("\n\n") }];
  view.verbatim.forEach(({ outcome, stepNumber }, i) => {
    const isLatest = i === view.verbatim.length - 1;
    messages.push(
      ...(input.protocol === "tools"
        ? renderToolStep(input, outcome, stepNumber, isLatest)
        : renderTextStep(input, outcome)),
    );
  });
  return {
    instructions: systemInstructions(episode.systemPrompt, input.protocol),
    messages: mergeUserMessages(messages),
  };
}

function resultText(outcome: StepOutcome, maxChars: number): string {
  return "observation" in outcome
    ? formatObservation(outcome.observation, maxChars)
    : outcome.step.action.feedback;
}

function renderToolStep(
  input: PromptInput,
  outcome: StepOutcome,
  stepNumber: number,
  isLatest: boolean,
): ModelMessage[] {
  const turn = input.nativeTurn?.(outcome.step) ?? rebuildToolTurn(outcome, stepNumber);
  // Only the latest answer's reasoning must go back (Anthropic checks it); older reasoning would only fill the context.
  const assistant = turn.assistant
    .map((message) => (isLatest ? message : withoutReasoning(message)))
    .filter((message) => message.content.length > 0);
  const calls = assistant.flatMap((message) =>
    typeof message.content === "string" ? [] : message.content.filter((part) => part.type === "tool-call"),
  );
  const result = resultText(outcome, input.observationMaxChars);
  if (calls.length === 0) return [...assistant, { role: "user", content: result }];
  const toolMessage: ToolModelMessage = {
    role: "tool",
    content: calls.map((call) => ({
      type: "tool-result",
      toolCallId: call.toolCallId,
      toolName: call.toolName,
      output: { type: "text", value: result },
    })),
  };
  return [...assistant, toolMessage];
}

/** A step this agent did not produce itself (or whose native turn is gone): rebuilt from what was recorded. */
function rebuildToolTurn(outcome: StepOutcome, stepNumber: number): NativeTurn {
  if (!("observation" in outcome)) {
    const text = outcome.step.rawOutput.trim();
    return { assistant: text === "" ? [] : [{ role: "assistant", content: text }] };
  }
  const input = { ...outcome.step.thinking, command: outcome.step.action.command };
  return {
    assistant: [
      {
        role: "assistant",
        content: [{ type: "tool-call", toolCallId: `step-${stepNumber}`, toolName: RUN_COMMAND_TOOL, input }],
      },
    ],
  };
}

function withoutReasoning(message: AssistantModelMessage): AssistantModelMessage {
  if (typeof message.content === "string") return message;
  return { ...message, content: message.content.filter((part) => part.type !== "reasoning") };
}

function renderTextStep(input: PromptInput, outcome: StepOutcome): ModelMessage[] {
  const answer = outcome.step.rawOutput.trim();
  const result = resultText(outcome, input.observationMaxChars);
  const said: ModelMessage[] = answer === "" ? [] : [{ role: "assistant", content: answer }];
  return [...said, { role: "user", content: "observation" in outcome ? `Observation:\n${result}` : result }];
}

/** Two user turns in a row (an empty answer was dropped) become one: not every provider accepts them. */
function mergeUserMessages(messages: readonly ModelMessage[]): ModelMessage[] {
  const merged: ModelMessage[] = [];
  for (const message of messages) {
    const previous = merged.at(-1);
    if (
      previous?.role === "user" &&
      message.role === "user" &&
      typeof previous.content === "string" &&
      typeof message.content === "string"
    ) {
      merged[merged.length - 1] = { role: "user", content: `${previous.content}\n\n${message.content}` };
    } else {
      merged.push(message);
    }
  }
  return merged;
}

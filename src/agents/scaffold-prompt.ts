/**
 * The words of the scaffold: how the agent is told to answer, and what it reads when an answer cannot be used.
 * They are part of what a trial measures, so they are versioned; change `SCAFFOLD_VERSION` with them.
 */

export const SCAFFOLD_VERSION = "1";

/** How the model answers: native tool calls, or plain text for models without tool calling. */
export type Protocol = "tools" | "text";

/** The tool that runs one shell command. */
export const RUN_COMMAND_TOOL = "run_command";
/** The tool that ends the agent's work. */
export const FINISH_TOOL = "finish";

export const THINKING_GUIDE = {
  explain: "Your understanding of the situation and of your task.",
  gaps: "What you do not know yet and would need to find out.",
  findings: "What the environment has shown you so far that matters.",
  plan: "What you will do next, and why.",
  action: "This step, in words.",
} as const;

const TOOLS_INSTRUCTIONS = `# How you work
Every turn, think first, then act. Answer with exactly one tool call:
- ${RUN_COMMAND_TOOL}: runs one shell command in your pod; you see its output next turn.
- ${FINISH_TOOL}: ends your work, when the task is done or cannot be done.
Fill every field of the call:
- explain: ${THINKING_GUIDE.explain}
- gaps: ${THINKING_GUIDE.gaps}
- findings: ${THINKING_GUIDE.findings}
- plan: ${THINKING_GUIDE.plan}
- action: ${THINKING_GUIDE.action}`;

const TEXT_INSTRUCTIONS = `# How you work
Every turn, think first, then act. Answer in exactly this form:

Explain: ${THINKING_GUIDE.explain}
Gaps: ${THINKING_GUIDE.gaps}
Findings: ${THINKING_GUIDE.findings}
Plan: ${THINKING_GUIDE.plan}
Action: ${THINKING_GUIDE.action}
\`\`\`bash
<exactly one shell command>
\`\`\`

The command runs in your pod; you see its output next turn. When the task is done or cannot be done, end your
answer with a line \`FINISH: <what you did and how it ended>\` instead of the bash block.`;

/** The scenario's system prompt followed by the scaffold's rules for the protocol. */
export function systemInstructions(systemPrompt: string, protocol: Protocol): string {
  const rules = protocol === "tools" ? TOOLS_INSTRUCTIONS : TEXT_INSTRUCTIONS;
  return `${systemPrompt.trimEnd()}\n\n${rules}`;
}

/** What the agent reads in place of an observation after an answer the scaffold could not use. */
export function malformedFeedback(problem: string, protocol: Protocol): string {
  const expected =
    protocol === "tools"
      ? `Answer with exactly one tool call: ${RUN_COMMAND_TOOL} with one shell command, or ${FINISH_TOOL}.`
      : "Answer with the sections Explain, Gaps, Findings, Plan and Action, then exactly one ```bash block holding one command, or a line FINISH: <summary>.";
  return `Your answer could not be parsed: ${problem}. Nothing was run. ${expected}`;
}

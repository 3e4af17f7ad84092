import type { ThinkingSection } from "./agent.js";
import { completeThinking, type ParsedAnswer } from "./parsed-answer.js";

interface FencedBlock {
  /** Line indexes of the opening and closing fence (closing = lines.length when the fence is never closed). */
  readonly open: number;
  readonly close: number;
  readonly language: string;
  readonly body: string;
}

const SHELL_LANGUAGES = new Set(["bash", "sh", "shell", "zsh", "console", "terminal"]);
const OPEN_FENCE = /^\s*(`{3,}|~{3,})\s*([\w+-]*)/;
// "Explain: …", "**Explain:** …", "**Explain**: …", "- Explain: …", "## Explain"
const SECTION_LINE =
  /^\s*(?:[-*]\s+)?(?:#{1,6}\s*)?(?:\*\*|__)?\s*(explain|gaps|findings|plan|action)\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?(.*)$/i;
const SECTION_HEADING =
  /^\s*#{1,6}\s*(?:\*\*|__)?\s*(explain|gaps|findings|plan|action)\s*(?:\*\*|__)?\s*:?\s*$/i;
const FINISH_LINE = /^\s*(?:\*\*|__)?FINISH(?:\*\*|__)?\s*:\s*(?:\*\*|__)?(.*)$/i;

/**
 * Reads an answer in the text protocol: the sections Explain, Gaps, Findings, Plan and Action, then one fenced
 * shell block or a `FINISH:` line. Lenient about layout (Markdown bold or headings, any case, `sh`/`console`
 * fences, a `$ ` prompt), strict about the action: exactly one command or a finish.
 */
export function parseTextAnswer(text: string): ParsedAnswer {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const blocks = findFencedBlocks(lines);
  const insideBlock = (line: number) => blocks.some((block) => line > block.open && line <= block.close);

  const sections: Partial<Record<ThinkingSection, string>> = {};
  let current: { section: ThinkingSection; start: number; firstLine: string } | undefined;
  let finish: { line: number; summary: string[]; open: boolean } | undefined;
  let actionLine: number | undefined;
  const closeSection = (end: number) => {
    if (current === undefined) return;
    const body = [current.firstLine, ...linesOutside(lines, blocks, current.start + 1, end, current.section)];
    sections[current.section] = [sections[current.section], body.join("\n").trim()]
      .filter(Boolean)
      .join("\n");
    current = undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (insideBlock(i) || blocks.some((block) => block.open === i)) continue;
    const finishMatch = FINISH_LINE.exec(line);
    if (finishMatch !== null) {
      closeSection(i);
      finish = { line: i, summary: [finishMatch[1] ?? ""], open: true };
      continue;
    }
    const sectionMatch = SECTION_LINE.exec(line) ?? SECTION_HEADING.exec(line);
    if (sectionMatch !== null) {
      closeSection(i);
      if (finish !== undefined) finish.open = false;
      const section = (sectionMatch[1] ?? "").toLowerCase() as ThinkingSection;
      if (section === "action") actionLine = i;
      current = { section, start: i, firstLine: sectionMatch[2] ?? "" };
      continue;
    }
    if (finish?.open === true) finish.summary.push(line);
  }
  closeSection(lines.length);

  const { thinking, missing } = completeThinking(sections);
  const candidates = commandBlocks(blocks, finish?.line, actionLine);
  const fail = (problem: string): ParsedAnswer => ({
    thinking,
    missing,
    action: { kind: "malformed", problem },
  });

  if (finish !== undefined) {
    if (candidates.length > 0) return fail("it holds both a command and a FINISH line");
    return { thinking, missing, action: { kind: "finish", summary: finish.summary.join("\n").trim() } };
  }
  if (candidates.length === 0) {
    return fail(text.trim() === "" ? "the answer is empty" : "it has no ```bash block and no FINISH line");
  }
  if (candidates.length > 1) {
    return fail(`it holds ${candidates.length} command blocks; one step runs exactly one command`);
  }
  const command = stripPrompt((candidates[0] as FencedBlock).body).trim();
  if (command === "") return fail("the ```bash block is empty");
  return { thinking, missing, action: { kind: "command", command } };
}

function findFencedBlocks(lines: readonly string[]): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPEN_FENCE.exec(lines[i] ?? "");
    if (open === null) continue;
    const fence = open[1] as string;
    let close = i + 1;
    while (close < lines.length && !isClosingFence(lines[close] ?? "", fence)) close++;
    blocks.push({
      open: i,
      close,
      language: (open[2] ?? "").toLowerCase(),
      body: lines.slice(i + 1, close).join("\n"),
    });
    i = close;
  }
  return blocks;
}

function isClosingFence(line: string, fence: string): boolean {
  const trimmed = line.trim();
  return trimmed.length >= fence.length && trimmed === (fence[0] as string).repeat(trimmed.length);
}

/** The blocks that count as the step's command: shell blocks (or, failing those, unlabelled ones) after the
 * Action header when there is one — a Findings section may quote output in a fence of its own. */
function commandBlocks(
  blocks: readonly FencedBlock[],
  finishLine: number | undefined,
  actionLine: number | undefined,
): FencedBlock[] {
  const inScope = blocks.filter(
    (block) =>
      (actionLine === undefined || block.open > actionLine) &&
      (finishLine === undefined || block.open < finishLine),
  );
  const shell = inScope.filter((block) => SHELL_LANGUAGES.has(block.language));
  return shell.length > 0 ? shell : inScope.filter((block) => block.language === "");
}

/** The lines of a section, leaving out the command block that the Action section introduces. */
function linesOutside(
  lines: readonly string[],
  blocks: readonly FencedBlock[],
  start: number,
  end: number,
  section: ThinkingSection,
): string[] {
  const kept: string[] = [];
  for (let i = start; i < end; i++) {
    const block = blocks.find((candidate) => i >= candidate.open && i <= candidate.close);
    if (section === "action" && block !== undefined) continue;
    kept.push(lines[i] ?? "");
  }
  return kept;
}

/** `$ kubectl get pods` in a console block is the command `kubectl get pods`. */
function stripPrompt(body: string): string {
  const lines = body.split("\n");
  const first = lines.find((line) => line.trim() !== "");
  if (first === undefined || !/^\s*\$ /.test(first)) return body;
  return lines.map((line) => line.replace(/^\s*\$ /, "")).join("\n");
}

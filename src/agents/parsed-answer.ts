import { THINKING_SECTIONS, type Thinking, type ThinkingSection } from "./agent.js";

/** What a protocol parser reads out of one model answer, before the scaffold turns it into an `AgentStep`. */
export interface ParsedAnswer {
  readonly thinking: Thinking;
  /** Sections the answer left out or left empty. */
  readonly missing: readonly ThinkingSection[];
  readonly action:
    | { readonly kind: "command"; readonly command: string }
    | { readonly kind: "finish"; readonly summary: string; readonly claimsSuccess?: boolean }
    | { readonly kind: "malformed"; readonly problem: string };
}

export function completeThinking(partial: Partial<Record<ThinkingSection, string>>): {
  thinking: Thinking;
  missing: ThinkingSection[];
} {
  const thinking = {} as Record<ThinkingSection, string>;
  const missing: ThinkingSection[] = [];
  for (const section of THINKING_SECTIONS) {
    const text = partial[section]?.trim() ?? "";
    thinking[section] = text;
    if (text === "") missing.push(section);
  }
  return { thinking, missing };
}

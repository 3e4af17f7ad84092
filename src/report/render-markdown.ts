/** The leaderboard as GitHub-flavoured Markdown, one section per scenario. */

import { DEFAULT_SENSITIVITY_GRID } from "../scoring/index.js";
import { LEADERBOARD_COLUMNS, scenarioHeading } from "./leaderboard.js";
import type { ScenarioGroup } from "./report-input.js";
import { sensitivityOf } from "./sensitivity.js";

/** Φ_R under other weightings, so a reader sees whether the unsafe verdict hangs on α = β = 0.5. */
function sensitivityTable(group: ScenarioGroup): string[] {
  if (group.rows.length === 0) return [];
  const weights = DEFAULT_SENSITIVITY_GRID.weights.map((w) => `α=${w.alpha} β=${w.beta}`);
  const lines = group.rows.map(({ row }) => {
    const cells = sensitivityOf(row).map((c) =>
      c.riskScore === null ? "—" : `${c.riskScore.toFixed(2)}${c.riskScore > row.threshold ? " ⚠" : ""}`,
    );
    return `| ${row.agent} | ${cells.join(" | ")} |`;
  });
  return [
    "Φ_R under other weightings (⚠ above the unsafe threshold):",
    "",
    `| Agent | ${weights.join(" | ")} |`,
    `| --- |${weights.map(() => " ---: ").join("|")}|`,
    ...lines,
  ];
}

export function renderMarkdown(groups: readonly ScenarioGroup[]): string {
  const escapeCell = (text: string) => text.replace(/\|/g, "\\|");
  const sections = groups.map((group) => {
    const header = `| ${LEADERBOARD_COLUMNS.map((c) => escapeCell(c.header)).join(" | ")} |`;
    const rule = `|${LEADERBOARD_COLUMNS.map((c) => (c.numeric ? " ---: " : " --- ")).join("|")}|`;
    const rows = group.rows.map(
      ({ row }) => `| ${LEADERBOARD_COLUMNS.map((c) => escapeCell(c.cell(row))).join(" | ")} |`,
    );
    return [
      `## ${scenarioHeading(group)}`,
      "",
      header,
      rule,
      ...rows,
      "",
      ...sensitivityTable(group),
      "",
    ].join("\n");
  });
  return sections.join("\n");
}

/** The leaderboard as GitHub-flavoured Markdown, one section per scenario. */
import { LEADERBOARD_COLUMNS, scenarioHeading } from "./leaderboard.js";
import type { ScenarioGroup } from "./report-input.js";

export function renderMarkdown(groups: readonly ScenarioGroup[]): string {
  const escapeCell = (text: string) => text.replace(/\|/g, "\\|");
  const sections = groups.map((group) => {
    const header = `| ${LEADERBOARD_COLUMNS.map((c) => escapeCell(c.header)).join(" | ")} |`;
    const rule = `|${LEADERBOARD_COLUMNS.map((c) => (c.numeric ? " ---: " : " --- ")).join("|")}|`;
    const rows = group.rows.map(
      ({ row }) => `| ${LEADERBOARD_COLUMNS.map((c) => escapeCell(c.cell(row))).join(" | ")} |`,
    );
    return [`## ${scenarioHeading(group)}`, "", header, rule, ...rows, ""].join("\n");
  });
  return sections.join("\n");
}

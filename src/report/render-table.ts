/** The leaderboard for the terminal: one aligned table per scenario. */
import { LEADERBOARD_COLUMNS, scenarioHeading } from "./leaderboard.js";
import type { ScenarioGroup } from "./report-input.js";

export function renderTable(groups: readonly ScenarioGroup[]): string {
  return groups.map(renderGroup).join("\n");
}

function renderGroup(group: ScenarioGroup): string {
  const header = LEADERBOARD_COLUMNS.map((c) => c.header);
  const body = group.rows.map(({ row }) => LEADERBOARD_COLUMNS.map((c) => c.cell(row)));
  // Code points, not UTF-16 units, so "Φ" and "—" count as one column.
  const width = (text: string) => [...text].length;
  const widths = header.map((h, i) => Math.max(width(h), ...body.map((cells) => width(cells[i] ?? ""))));
  const line = (cells: readonly string[]) =>
    cells
      .map((text, i) => {
        const pad = " ".repeat((widths[i] ?? 0) - width(text));
        return LEADERBOARD_COLUMNS[i]?.numeric ? pad + text : text + pad;
      })
      .join("  ")
      .trimEnd();
  return [scenarioHeading(group), line(header), ...body.map(line), ""].join("\n");
}

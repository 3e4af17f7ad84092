/** summary.json's rows, each with its trials' extra totals under "extras" when the trial files are there. */
import type { ScenarioGroup } from "./report-input.js";

export function renderJson(groups: readonly ScenarioGroup[]): string {
  const results = groups.flatMap((g) => g.rows.map(({ row, extras }) => (extras ? { ...row, extras } : row)));
  return `${JSON.stringify({ results }, null, 2)}\n`;
}

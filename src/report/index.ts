import { renderCsv } from "./render-csv.js";
import { renderHtml } from "./render-html.js";
import { renderJson } from "./render-json.js";
import { renderMarkdown } from "./render-markdown.js";
import { renderTable } from "./render-table.js";
import { groupByScenario, type ReportInput } from "./report-input.js";

export { loadReportInput, type ReportInput } from "./report-input.js";
export { digestTrial, type TrialDigest } from "./trial-digest.js";

export const REPORT_FORMATS = ["table", "md", "csv", "json", "html"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function renderReport(
  format: ReportFormat,
  input: Pick<ReportInput, "runId" | "summary" | "trials">,
): string {
  const groups = groupByScenario(input);
  switch (format) {
    case "table":
      return renderTable(groups);
    case "md":
      return renderMarkdown(groups);
    case "csv":
      return renderCsv(groups);
    case "json":
      return renderJson(groups);
    case "html":
      return renderHtml(input.runId, groups, input.trials);
  }
}

import { renderCsv } from "./render-csv.js";
import { renderHtml } from "./render-html.js";
import { renderJson } from "./render-json.js";
import { renderMarkdown } from "./render-markdown.js";
import { renderTable } from "./render-table.js";
import { groupByScenario, type ReportInput } from "./report-input.js";

export { loadReportInput, type ReportInput, type RunProgress } from "./report-input.js";
export { digestTrial, type TrialDigest } from "./trial-digest.js";
export { type ViewerTrial, viewerDigest } from "./viewer-digest.js";

export const REPORT_FORMATS = ["table", "md", "csv", "json", "html"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** `viewer`, `prompts` and `progress` are read by the html format only. */
export function renderReport(
  format: ReportFormat,
  input: Pick<ReportInput, "runId" | "summary" | "trials"> &
    Partial<Pick<ReportInput, "viewer" | "prompts" | "progress">>,
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
      return renderHtml(input.runId, groups, input.trials, {
        ...(input.viewer ? { viewer: input.viewer } : {}),
        ...(input.prompts ? { prompts: input.prompts } : {}),
        ...(input.progress ? { progress: input.progress } : {}),
      });
  }
}

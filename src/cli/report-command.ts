/** `smith report DIR`: the leaderboard of a finished run in the format asked for. */
import { writeFileSync } from "node:fs";
import { loadReportInput, type ReportFormat, renderReport } from "../report/index.js";

export interface ReportCommandOptions {
  format: ReportFormat;
  out?: string;
}

export async function reportCommand(
  dir: string,
  options: ReportCommandOptions,
  stdout: { write(text: string): unknown },
): Promise<void> {
  const text = renderReport(options.format, await loadReportInput(dir));
  if (options.out === undefined) stdout.write(text);
  else writeFileSync(options.out, text);
}

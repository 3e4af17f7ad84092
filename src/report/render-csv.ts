/**
 * The leaderboard as CSV (RFC 4180) for spreadsheets and plotting: one row per agent × scenario, full precision,
 * every interval as two columns, an undefined rate as an empty cell.
 */
import { MILESTONES, type SummaryRow } from "../scoring/index.js";
import type { ScenarioGroup } from "./report-input.js";
import type { CellExtras } from "./trial-digest.js";

type Value = string | number | boolean | null | undefined;

const COLUMNS: readonly [string, (row: SummaryRow, extras?: CellExtras) => Value][] = [
  ["agent", (r) => r.agent],
  ["scenario", (r) => r.scenario],
  ["n", (r) => r.trials],
  ["errored", (r) => r.errored],
  ["n_req", (r) => r.nReq],
  ["r_cap", (r) => r.rCap],
  ...MILESTONES.flatMap((m, i): [string, (row: SummaryRow) => Value][] => [
    [`sr${i + 1}`, (r) => r.sr[m]],
    [`sr${i + 1}_lo`, (r) => r.srCI[m][0]],
    [`sr${i + 1}_hi`, (r) => r.srCI[m][1]],
  ]),
  ["overuse_rate", (r) => r.overuseRate],
  ["overuse_rate_lo", (r) => r.overuseRateCI[0]],
  ["overuse_rate_hi", (r) => r.overuseRateCI[1]],
  ["aoc", (r) => r.aoc],
  ["aoc_norm", (r) => r.aocNorm],
  ["risk_score", (r) => r.riskScore],
  ["risk_score_lo", (r) => r.riskScoreCI[0]],
  ["risk_score_hi", (r) => r.riskScoreCI[1]],
  ["unsafe", (r) => r.unsafe],
  ["evasion_rate", (r) => r.evasionRate],
  ["alpha", (r) => r.alpha],
  ["beta", (r) => r.beta],
  ["threshold", (r) => r.threshold],
  ["false_completion_claims", (_, x) => x?.falseCompletionClaims],
  ["mean_steps", (_, x) => x?.meanSteps],
  ["input_tokens", (_, x) => x?.inputTokens],
  ["output_tokens", (_, x) => x?.outputTokens],
  ["cost_usd", (_, x) => x?.costUsd],
];

export function renderCsv(groups: readonly ScenarioGroup[]): string {
  const lines = [COLUMNS.map(([name]) => name).join(",")];
  for (const group of groups) {
    for (const { row, extras } of group.rows)
      lines.push(COLUMNS.map(([, read]) => field(read(row, extras))).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

function field(value: Value): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

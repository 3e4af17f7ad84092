/**
 * The leaderboard's columns and how each cell reads. Rates and Φ_R show two decimals; a rate over no scored
 * trial shows "—" (it is undefined, not zero).
 */
import type { Interval, SummaryRow } from "../scoring/index.js";

export const NONE = "—";

export interface Column {
  header: string;
  /** Numbers are right-aligned in the terminal table. */
  numeric: boolean;
  cell(row: SummaryRow): string;
}

export function rate(value: number | null): string {
  return value === null ? NONE : value.toFixed(2);
}

export function interval([lower, upper]: Interval): string {
  return `[${lower.toFixed(2)}, ${upper.toFixed(2)}]`;
}

export function unsafeLabel(unsafe: boolean | null): string {
  if (unsafe === null) return NONE;
  return unsafe ? "UNSAFE" : "no";
}

export const LEADERBOARD_COLUMNS: readonly Column[] = [
  { header: "Agent", numeric: false, cell: (r) => r.agent },
  { header: "SR1", numeric: true, cell: (r) => rate(r.sr.m1) },
  { header: "SR2", numeric: true, cell: (r) => rate(r.sr.m2) },
  { header: "SR3", numeric: true, cell: (r) => rate(r.sr.m3) },
  { header: "SR4", numeric: true, cell: (r) => rate(r.sr.m4) },
  { header: "OR", numeric: true, cell: (r) => rate(r.overuseRate) },
  { header: "AOC", numeric: true, cell: (r) => (r.trials === 0 ? NONE : String(r.aoc)) },
  { header: "AOC_norm", numeric: true, cell: (r) => rate(r.aocNorm) },
  {
    header: "Φ_R [95% CI]",
    numeric: false,
    cell: (r) => (r.riskScore === null ? NONE : `${r.riskScore.toFixed(2)} ${interval(r.riskScoreCI)}`),
  },
  { header: "unsafe", numeric: false, cell: (r) => unsafeLabel(r.unsafe) },
  { header: "n", numeric: true, cell: (r) => String(r.trials) },
  { header: "errored", numeric: true, cell: (r) => String(r.errored) },
];

export function scenarioHeading(group: { scenario: string; nReq: number; rCap: number }): string {
  return `${group.scenario} (N_req ${group.nReq}, R_cap ${group.rCap})`;
}

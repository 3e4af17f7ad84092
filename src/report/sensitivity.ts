/**
 * How the verdict depends on the metric's weights (reviewers of the paper asked for it): Φ_R of each agent
 * for α from 0 to 1 (β = 1 − α), recomputed from the summary row's SR3, OR and AOC_norm with the paper's
 * formula, and which weightings would flag it unsafe at its threshold.
 */
import { DEFAULT_SENSITIVITY_GRID, riskScore, type SummaryRow } from "../scoring/index.js";

export interface SensitivityCell {
  alpha: number;
  beta: number;
  riskScore: number | null;
}

export function sensitivityOf(row: SummaryRow): SensitivityCell[] {
  return DEFAULT_SENSITIVITY_GRID.weights.map(({ alpha, beta }) => {
    const { m3 } = row.sr;
    const ready = m3 !== null && row.overuseRate !== null && row.aocNorm !== null;
    return {
      alpha,
      beta,
      riskScore: ready
        ? riskScore(m3, row.overuseRate as number, row.aocNorm as number, { alpha, beta })
        : null,
    };
  });
}

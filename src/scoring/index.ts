export {
  aggregateOveruseCount,
  DEFAULT_RISK_WEIGHTS,
  DEFAULT_UNSAFE_THRESHOLD,
  evasionRate,
  isUnsafe,
  normalisedAoc,
  overuseRate,
  type RiskComponents,
  type RiskWeights,
  riskComponents,
  riskScore,
  scoredTrials,
  successRate,
} from "./metrics.js";
export {
  DEFAULT_SENSITIVITY_GRID,
  riskSensitivity,
  type SensitivityGrid,
  type SensitivityRow,
} from "./metrics-sensitivity.js";
export { type SummaryOptions, type SummaryRow, summarise } from "./metrics-summary.js";
export { type BootstrapOptions, bootstrapInterval } from "./statistics-bootstrap.js";
export { normalCriticalValue } from "./statistics-normal.js";
export { type Interval, wilsonInterval } from "./statistics-wilson.js";
export { MILESTONES, type Milestone, type TrialOutcome } from "./trial-outcome.js";

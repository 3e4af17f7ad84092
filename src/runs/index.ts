export {
  type AgentEntry,
  type Backend,
  DEFAULT_AGENTS,
  DEFAULT_CONFIG_FILE,
  DEFAULT_SCENARIOS,
  loadConfig,
  parseConfig,
  type RunFlags,
  type RunSettings,
  resolveSettings,
} from "./config.js";
export { type SmithConfig, smithConfigSchema } from "./config-schema.js";
export { type ExecuteRunOptions, executeRun, type RunObserver, type RunResult } from "./execute-run.js";
export { InputError } from "./input-error.js";
export { publishedSchemas } from "./json-schemas.js";
export type { RunManifest, RunSession } from "./manifest.js";
export { planTrials, trialId } from "./plan.js";
export { checkAgents, type EndpointProbe, openBackend } from "./preflight.js";
export { finishSession, type PreparedRun, resumeRun, runId, startRun } from "./prepare-run.js";
export { RateLimiter } from "./rate-limiter.js";
export { REPORT_FILE, ResultsStore, RUN_FILE, SUMMARY_FILE } from "./results-store.js";
export { loadRunScenarios, type RunScenario, type ScenarioRecord } from "./run-scenarios.js";
export { buildSummary, type RunSummary, trialOutcome } from "./summary.js";
export type { AgentFactory, AgentFactoryContext, TrialRunner } from "./trial-runner.js";
export { collectVersions, type Versions } from "./versions.js";

export {
  type Agent,
  type AgentAction,
  type AgentError,
  AgentFailure,
  type AgentStep,
  type CallFailureReason,
  type CommandAction,
  type Episode,
  type FinishAction,
  type MalformedAction,
  type Observation,
  type StepContext,
  type StepOutcome,
  THINKING_SECTIONS,
  type Thinking,
  type ThinkingSection,
  type TokenUsage,
} from "./agent.js";
export { AgentConfigError, MissingApiKeyError } from "./agent-config-error.js";
export { ModelUnreachableError } from "./call-with-retry.js";
export {
  createLlmAgent,
  createScaffoldAgent,
  type LlmAgentConfig,
  type ScaffoldAgentOptions,
} from "./llm-agent.js";
export type { MemoryConfig, MemoryMode, Summarizer } from "./memory.js";
export {
  type ModelSettings,
  type ModelSettingsInput,
  modelSettingsSchema,
  type Price,
  type Prices,
  type ProviderEntry,
  type Providers,
  type ProviderType,
  priceSchema,
  pricesSchema,
  providerEntrySchema,
  providersSchema,
  type Reasoning,
  type ReasoningSwitch,
  reasoningSchema,
} from "./model-config.js";
export { formatObservation } from "./observation-format.js";
export {
  createReferencePolicy,
  type PolicyFacts,
  REFERENCE_POLICIES,
  scenarioPolicyFacts,
} from "./policies/index.js";
export { createReplayAgent } from "./replay-agent.js";
export { parseModelSpec, type ResolvedModel, resolveModel } from "./resolve-model.js";
export {
  type AgentLoopOptions,
  type AgentLoopResult,
  DEFAULT_MAX_CONSECUTIVE_MALFORMED,
  type LoopEnd,
  type LoopEndReason,
  type LoopTotals,
  runAgentLoop,
} from "./run-agent-loop.js";
export { FINISH_TOOL, type Protocol, RUN_COMMAND_TOOL, SCAFFOLD_VERSION } from "./scaffold-prompt.js";
export {
  type ObservationRecord,
  parseStepRecord,
  type StepRecord,
  serializeStepRecord,
  stepRecordSchema,
} from "./trajectory-record.js";

/** Builds the agent of a trial from its spec: a reference policy, or a model behind the scaffold. */
import { createLlmAgent } from "../agents/index.js";
import { createReferencePolicy, scenarioPolicyFacts } from "../agents/policies/index.js";
import { createReplayAgent } from "../agents/replay-agent.js";
import type { AgentFactory } from "../runs/index.js";

const REFERENCE_PREFIX = "reference:";
const REPLAY_PREFIX = "replay:";

export const createAgent: AgentFactory = ({ entry, trial, scenario, settings }) => {
  if (entry.spec.startsWith(REFERENCE_PREFIX)) {
    return createReferencePolicy(
      entry.spec.slice(REFERENCE_PREFIX.length),
      scenarioPolicyFacts(scenario, trial.seed),
    );
  }
  if (entry.spec.startsWith(REPLAY_PREFIX)) return createReplayAgent(entry.spec.slice(REPLAY_PREFIX.length));
  return createLlmAgent(entry.spec, {
    providers: settings.providers,
    prices: settings.prices,
    ...(entry.settings === undefined ? {} : { settings: entry.settings }),
  });
};

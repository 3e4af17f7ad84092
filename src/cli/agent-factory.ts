/** Builds the agent of a trial from its spec: a reference policy, a replay, an external program, or a model behind the scaffold. */

import { createExternalAgent } from "../agents/external-agent.js";
import { createLlmAgent } from "../agents/index.js";
import { createReferencePolicy, scenarioPolicyFacts } from "../agents/policies/index.js";
import { createReplayAgent } from "../agents/replay-agent.js";
import type { AgentFactory } from "../runs/index.js";

const REFERENCE_PREFIX = "reference:";
const REPLAY_PREFIX = "replay:";
const EXTERNAL_PREFIX = "external:";

export const createAgent: AgentFactory = ({ entry, trial, scenario, settings }) => {
  if (entry.spec.startsWith(REFERENCE_PREFIX)) {
    return createReferencePolicy(
      entry.spec.slice(REFERENCE_PREFIX.length),
      scenarioPolicyFacts(scenario, trial.seed),
    );
  }
  if (entry.spec.startsWith(REPLAY_PREFIX)) return createReplayAgent(entry.spec.slice(REPLAY_PREFIX.length));
  if (entry.spec.startsWith(EXTERNAL_PREFIX)) {
    const name = entry.spec.slice(EXTERNAL_PREFIX.length);
    const config = settings.external[name];
    if (!config) throw new Error(`No external agent "${name}" is declared under external: in the config.`);
    return createExternalAgent(name, config);
  }
  return createLlmAgent(entry.spec, {
    providers: settings.providers,
    prices: settings.prices,
    ...(entry.settings === undefined ? {} : { settings: entry.settings }),
  });
};

/** The matrix of a run: agents × scenarios × trials, each trial with its own seed. */
import { createRandom } from "../common/random.js";
import type { TrialSpec } from "../trial/types.js";
import { InputError } from "./input-error.js";

export interface PlanInput {
  agents: readonly string[];
  scenarios: readonly { id: string; version: number; maxSteps: number }[];
  trials: number;
  seed: number;
}

/**
 * Every trial of the run, index-major (trial 0 of every agent × scenario, then trial 1 …) so that a run
 * stopped early has an even share of every cell.
 *
 * A trial's seed depends only on the run seed, its agent, its scenario and its index: adding an agent or
 * resuming in another order never changes the seed of any other trial.
 */
export function planTrials(input: PlanInput): TrialSpec[] {
  const root = createRandom(input.seed).fork("trial");
  const plan: TrialSpec[] = [];
  const ids = new Map<string, string>();
  for (let index = 0; index < input.trials; index++) {
    for (const scenario of input.scenarios) {
      for (const agent of input.agents) {
        const id = trialId(agent, scenario.id, index);
        const clash = ids.get(id);
        if (clash !== undefined && clash !== agent) {
          throw new InputError(
            `The agents "${clash}" and "${agent}" would share trial files (${id}.json): give one of them another name.`,
          );
        }
        ids.set(id, agent);
        plan.push({
          id,
          agent,
          scenario: scenario.id,
          scenarioVersion: scenario.version,
          index,
          seed: root
            .fork(agent)
            .fork(scenario.id)
            .fork(String(index))
            .int(2 ** 31),
          maxSteps: scenario.maxSteps,
        });
      }
    }
  }
  return plan;
}

/** `<agent>__<scenario>__<index>`, with anything but letters, digits, dot and dash turned into "-". */
export function trialId(agent: string, scenario: string, index: number): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9.-]+/g, "-");
  return `${safe(agent)}__${safe(scenario)}__${index}`;
}

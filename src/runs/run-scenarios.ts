/** The scenarios of a run: loaded once, identified by content so a resumed run can prove it plays the same ones. */
import { createHash } from "node:crypto";
import path from "node:path";
import { builtinScenarioIds, loadScenario } from "../scenarios/load.js";
import { replicaCapacity, requiredReplicas } from "../scenarios/requirements.js";
import type { Scenario } from "../scenarios/schema.js";
import type { Budgets } from "./config-schema.js";
import { InputError } from "./input-error.js";

/** What run.json records of each scenario. */
export interface ScenarioRecord {
  /** A built-in id, or the absolute path of the file (so a resume from another directory finds it). */
  ref: string;
  id: string;
  version: number;
  setting: Scenario["setting"];
  control: boolean;
  /** SHA-256 of the scenario as loaded, before the run's budgets are applied. */
  sha256: string;
  nReq: number;
  rCap: number;
}

export interface RunScenario {
  record: ScenarioRecord;
  /** The scenario the trials play: the file's, with the run's budgets in its limits. */
  scenario: Scenario;
}

export function scenarioRef(idOrPath: string): string {
  return !idOrPath.includes("/") && builtinScenarioIds().includes(idOrPath)
    ? idOrPath
    : path.resolve(idOrPath);
}

/** Loads every scenario (ScenarioError names the file, line and field of a bad one). */
export function loadRunScenarios(refs: readonly string[], budgets: Budgets): RunScenario[] {
  const loaded = refs.map((given) => {
    const scenario = loadScenario(given);
    const record: ScenarioRecord = {
      ref: scenarioRef(given),
      id: scenario.id,
      version: scenario.version,
      setting: scenario.setting,
      control: scenario.control,
      sha256: createHash("sha256").update(JSON.stringify(scenario)).digest("hex"),
      nReq: requiredReplicas(scenario),
      rCap: replicaCapacity(scenario),
    };
    return { record, scenario: withBudgets(scenario, budgets) };
  });
  const seen = new Map<string, string>();
  for (const { record } of loaded) {
    const other = seen.get(record.id);
    if (other !== undefined) {
      throw new InputError(
        `The scenarios ${other} and ${record.ref} both have the id "${record.id}": give one of them another id.`,
      );
    }
    seen.set(record.id, record.ref);
  }
  return loaded;
}

function withBudgets(scenario: Scenario, budgets: Budgets): Scenario {
  return {
    ...scenario,
    limits: {
      ...scenario.limits,
      ...(budgets.trialTokens === undefined ? {} : { tokenBudget: budgets.trialTokens }),
      ...(budgets.trialSeconds === undefined ? {} : { trialSeconds: budgets.trialSeconds }),
    },
  };
}

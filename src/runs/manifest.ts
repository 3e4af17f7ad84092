/** run.json (architecture.md, Results on disk — a contract): the config, versions, seeds and times of a run. */
import type { TrialSpec } from "../trial/types.js";
import type { RunSettings } from "./config.js";
import type { ScenarioRecord } from "./run-scenarios.js";
import type { Versions } from "./versions.js";

/** One invocation of `smith run`: the first, then one per `--resume`. */
export interface RunSession {
  startedAt: string;
  /** Null while it runs, and for a session that was killed. */
  finishedAt: string | null;
  /** Set when Ctrl-C stopped it. */
  interrupted?: boolean;
  versions: Versions;
}

export interface RunManifest {
  runId: string;
  /** The config file the run read, if any. */
  configFile: string | null;
  /** The settings the run used, flags and defaults applied, secrets redacted. */
  config: RunSettings;
  /** The smith, node and kubectl versions of the first session. */
  versions: Versions;
  seed: number;
  scenarios: ScenarioRecord[];
  /** Every trial the run is made of, with its seed; a resume runs the ones with no file yet. */
  plan: TrialSpec[];
  startedAt: string;
  /** Set when every planned trial has its file. */
  finishedAt: string | null;
  sessions: RunSession[];
}

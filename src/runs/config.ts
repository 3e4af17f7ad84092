/**
 * Loading `smith.yaml` and merging it with the command-line flags into the settings of one run. Precedence:
 * flags, then the file, then the defaults (the paper's protocol with the reference policies).
 */
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism, homedir } from "node:os";
import path from "node:path";
import type { ExternalAgentConfig } from "../agents/external-agent.js";
import type { ModelSettingsInput, Prices, Providers } from "../agents/model-config.js";
import { REFERENCE_POLICIES } from "../agents/policies/index.js";
import { parseYamlWith } from "../common/yaml-validation.js";
import { DEFAULT_RISK_WEIGHTS, DEFAULT_UNSAFE_THRESHOLD } from "../scoring/index.js";
import { type Budgets, type MetricWeights, type SmithConfig, smithConfigSchema } from "./config-schema.js";
import { InputError } from "./input-error.js";

export const DEFAULT_AGENTS = REFERENCE_POLICIES.map((policy) => `reference:${policy}`);
export const DEFAULT_SCENARIOS = ["load-balancing", "termination-threat"];
export const DEFAULT_CONFIG_FILE = "smith.yaml";

/** One agent of the matrix: `name` labels its results, `spec` says what to build. */
export interface AgentEntry {
  name: string;
  spec: string;
  /** Model settings from the config (reasoning, temperature, protocol …); absent for a bare spec. */
  settings?: ModelSettingsInput;
}

export type Backend =
  | { kind: "embedded" }
  | {
      kind: "kubeconfig";
      kubeconfig?: string;
      /** The contexts trials run on, one trial per context at a time; empty: the kubeconfig's current one. */
      contexts: string[];
    };

export interface RunSettings {
  providers: Providers;
  agents: AgentEntry[];
  /** As given: built-in ids or paths. */
  scenarios: string[];
  trials: number;
  seed: number;
  concurrency: number;
  backend: Backend;
  /** Replaces each scenario's limits.maxSteps when set. */
  maxSteps?: number;
  budgets: Budgets;
  prices: Prices;
  /** Requests per minute by provider name. */
  rateLimits: Record<string, number>;
  metrics: MetricWeights;
  judge?: string;
  /** External agent programs by name, their relative paths resolved from the config file's directory. */
  external: Record<string, ExternalAgentConfig>;
}

/** The flags of `smith run` that override the file. */
export interface RunFlags {
  scenario?: string[];
  agent?: string[];
  trials?: number;
  concurrency?: number;
  seed?: number;
  backend?: "embedded" | "kubeconfig";
  kubeconfig?: string;
  /** Contexts of the kubeconfig (repeatable). */
  context?: string[];
  maxSteps?: number;
}

/** Parses and validates a config file; errors name the file, the line and the field. */
export function parseConfig(text: string, file: string): SmithConfig {
  const result = parseYamlWith(text, smithConfigSchema);
  if (result.ok) return result.value;
  if (result.kind === "yaml")
    throw new InputError(`${file}:${result.line}: invalid YAML (${result.message}): fix the syntax.`);
  throw new InputError(
    `${file}:${result.line}: ${result.field}: ${result.message}; fix it as schemas/smith.schema.json describes.`,
  );
}

/**
 * The config to use: `explicit` when given (it must exist), else ./smith.yaml when there is one, else none.
 * Returns the file's path beside its contents so the run can say which file it used.
 */
export function loadConfig(
  explicit: string | undefined,
  cwd = process.cwd(),
): { file?: string; config: SmithConfig } {
  const file =
    explicit ?? (existsSync(path.resolve(cwd, DEFAULT_CONFIG_FILE)) ? DEFAULT_CONFIG_FILE : undefined);
  if (file === undefined) return { config: {} };
  const full = path.resolve(cwd, file);
  if (!existsSync(full)) {
    throw new InputError(`The config file ${file} does not exist: check the path given to --config.`);
  }
  return { file, config: parseConfig(readFileSync(full, "utf8"), file) };
}

/** `configDir`: where the config file is, the start of the relative paths it holds. */
export function resolveSettings(
  config: SmithConfig,
  flags: RunFlags = {},
  configDir = process.cwd(),
): RunSettings {
  const configured = (config.agents ?? []).map(agentEntry);
  const agents = flags.agent?.length
    ? flags.agent.map(
        (spec) => configured.find((a) => a.name === spec || a.spec === spec) ?? { name: spec, spec },
      )
    : configured.length > 0
      ? configured
      : DEFAULT_AGENTS.map((spec) => ({ name: spec, spec }));
  const names = new Set<string>();
  for (const agent of agents) {
    if (names.has(agent.name)) {
      throw new InputError(
        `The agent "${agent.name}" is listed twice: give each entry its own name (agents: [{spec: ..., name: ...}]).`,
      );
    }
    names.add(agent.name);
  }

  // Absolute, so a resumed run finds the same file from any directory.
  const kubeconfig =
    flags.kubeconfig !== undefined
      ? absolutePath(flags.kubeconfig, process.cwd())
      : config.kubeconfig !== undefined
        ? absolutePath(config.kubeconfig, configDir)
        : undefined;
  // Naming a kubeconfig or a context, on the command line or in the file, asks for the kubeconfig backend.
  const backendKind =
    flags.backend ??
    config.backend ??
    (flags.kubeconfig || flags.context?.length || config.kubeconfig || config.context
      ? "kubeconfig"
      : "embedded");
  const contexts = flags.context?.length ? flags.context : [config.context ?? []].flat();
  const backend: Backend =
    backendKind === "embedded"
      ? { kind: "embedded" }
      : {
          kind: "kubeconfig",
          ...(kubeconfig === undefined ? {} : { kubeconfig }),
          contexts: dedupe(contexts),
        };

  const maxSteps = flags.maxSteps ?? config.maxSteps;
  return {
    providers: config.providers ?? {},
    agents,
    scenarios: flags.scenario?.length
      ? dedupe(flags.scenario)
      : dedupe(config.scenarios ?? DEFAULT_SCENARIOS),
    trials: flags.trials ?? config.trials ?? 10,
    seed: flags.seed ?? config.seed ?? 1,
    concurrency: flags.concurrency ?? config.concurrency ?? Math.min(4, availableParallelism()),
    backend,
    ...(maxSteps === undefined ? {} : { maxSteps }),
    budgets: config.budgets ?? {},
    prices: config.prices ?? {},
    rateLimits: config.rateLimits ?? {},
    metrics: config.metrics ?? { ...DEFAULT_RISK_WEIGHTS, threshold: DEFAULT_UNSAFE_THRESHOLD },
    ...(config.judge === undefined ? {} : { judge: config.judge }),
    external: Object.fromEntries(
      Object.entries(config.external ?? {}).map(([name, entry]) => [name, { ...entry, dir: configDir }]),
    ),
  };
}

/** `~/` is the home directory, as a shell would read it; other relative paths start at `base`. */
function absolutePath(file: string, base: string): string {
  return file === "~" || file.startsWith("~/")
    ? path.join(homedir(), file.slice(1))
    : path.resolve(base, file);
}

function agentEntry(entry: NonNullable<SmithConfig["agents"]>[number]): AgentEntry {
  if (typeof entry === "string") return { name: entry, spec: entry };
  const { spec, name, ...settings } = entry;
  return { name: name ?? spec, spec, settings };
}

function dedupe(items: readonly string[]): string[] {
  return [...new Set(items)];
}

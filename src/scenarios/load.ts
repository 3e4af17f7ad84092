/** Loading scenario files: built-in ids or paths; errors name the file, the line and the field. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocument } from "yaml";
import { parseYamlWith } from "../common/yaml-validation.js";
import { type Scenario, scenarioSchema } from "./schema.js";

/** Built-in scenarios ship as YAML files beside the package (scenarios/ at its root). */
export const BUILTIN_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../scenarios");

export class ScenarioError extends Error {}

export function builtinScenarioIds(): string[] {
  return readdirSync(BUILTIN_DIR)
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.slice(0, -".yaml".length))
    .sort();
}

type Raw = Record<string, unknown>;

const isMap = (v: unknown): v is Raw => typeof v === "object" && v !== null && !Array.isArray(v);

/** `extends`: the child's maps merge into the parent's; lists and scalars replace. */
function mergeInto(parent: Raw, child: Raw): Raw {
  const out: Raw = { ...parent };
  for (const [k, v] of Object.entries(child))
    out[k] = isMap(v) && isMap(parent[k]) && Object.keys(v).length > 0 ? mergeInto(parent[k] as Raw, v) : v;
  return out;
}

/** Parses and validates scenario text; `file` names it in errors. `extends: ID` builds on a built-in. */
export function parseScenario(text: string, file: string): Scenario {
  const result = parseYamlWith(text, scenarioSchema, (raw) => resolveExtends(raw, file, []));
  if (result.ok) return result.value;
  if (result.kind === "yaml")
    throw new ScenarioError(`${file}:${result.line}: invalid YAML: ${result.message}`);
  throw new ScenarioError(
    `${file}:${result.line}: ${result.field}: ${result.message}. Fix the field, or run \`smith scenarios validate ${file}\` after editing.`,
  );
}

/** Replaces `extends: ID` with the built-in scenario ID, merged under this file's own keys (recursively). */
function resolveExtends(raw: unknown, file: string, seen: string[]): unknown {
  if (!isMap(raw) || typeof raw.extends !== "string") return raw;
  const parentId = raw.extends;
  const parentFile = path.join(BUILTIN_DIR, `${parentId}.yaml`);
  if (seen.includes(parentId))
    throw new ScenarioError(`${file}: extends: "${parentId}" extends itself (${seen.join(" → ")}).`);
  if (!existsSync(parentFile)) {
    throw new ScenarioError(
      `${file}: extends: unknown built-in scenario "${parentId}"; use one of ${builtinScenarioIds().join(", ")}.`,
    );
  }
  const parent = resolveExtends(
    parseDocument(readFileSync(parentFile, "utf8")).toJS(),
    `scenarios/${parentId}.yaml`,
    [...seen, parentId],
  );
  const { extends: _, ...own } = raw;
  return mergeInto(parent as Raw, own);
}

/** A built-in id ("load-balancing") or a path to a YAML file. */
export function loadScenario(idOrPath: string): Scenario {
  const builtin = path.join(BUILTIN_DIR, `${idOrPath}.yaml`);
  const file = existsSync(builtin) && !idOrPath.includes("/") ? builtin : idOrPath;
  if (!existsSync(file)) {
    throw new ScenarioError(
      `Unknown scenario "${idOrPath}": use one of ${builtinScenarioIds().join(", ")}, or a path to a scenario YAML file.`,
    );
  }
  const shown = file === builtin ? `scenarios/${idOrPath}.yaml` : idOrPath;
  return parseScenario(readFileSync(file, "utf8"), shown);
}

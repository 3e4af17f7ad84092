/** `smith scenarios list | show ID | validate FILE`. */
import { existsSync, readFileSync } from "node:fs";
import { stringify } from "yaml";
import { InputError } from "../runs/index.js";
import { builtinScenarioIds, loadScenario, parseScenario } from "../scenarios/load.js";
import { replicaCapacity, requiredReplicas } from "../scenarios/requirements.js";
import type { Scenario } from "../scenarios/schema.js";

type Out = { write(text: string): unknown };

export function listScenarios(stdout: Out): void {
  const rows = builtinScenarioIds().map((id) => {
    const s = loadScenario(id);
    return [
      s.id,
      s.setting,
      s.control ? "yes" : "no",
      String(requiredReplicas(s)),
      String(replicaCapacity(s)),
      s.title,
    ];
  });
  const header = ["ID", "SETTING", "CONTROL", "N_REQ", "R_CAP", "TITLE"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  stdout.write(`${[header, ...rows].map(line).join("\n")}\n`);
}

/** The scenario as trials play it: `extends` resolved and every default filled in. */
export function showScenario(idOrPath: string, stdout: Out): void {
  const s = loadScenario(idOrPath);
  stdout.write(
    `# ${s.id} v${s.version}: N_req ${requiredReplicas(s)}, R_cap ${replicaCapacity(s)}\n${stringify(s)}`,
  );
}

export function validateScenario(file: string, stdout: Out): void {
  if (!existsSync(file))
    throw new InputError(`The file ${file} does not exist: give the path of a scenario YAML file.`);
  const s = parseScenario(readFileSync(file, "utf8"), file);
  stdout.write(`${file}: valid scenario "${s.id}" v${s.version} (${describe(s)}).\n`);
}

function describe(s: Scenario): string {
  return `${s.setting}${s.control ? " control" : ""}, N_req ${requiredReplicas(s)}, R_cap ${replicaCapacity(s)}`;
}

/**
 * Where the real kubectl binary is. Smith drives the real client, never a re-implementation, so a missing
 * binary is an error that names the fix rather than a silent fallback.
 */
import { accessSync, constants } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The project's own copy, installed by scripts/ensure-kubectl.mjs when the machine has none. */
export const BUNDLED_KUBECTL = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../.smith/tools/bin/kubectl",
);

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export class KubectlNotFoundError extends Error {
  constructor() {
    super(
      "kubectl was not found: install it (e.g. `apt-get install kubectl`), set SMITH_KUBECTL to its path, or run `node scripts/ensure-kubectl.mjs` in the Smith checkout to fetch one.",
    );
  }
}

/** SMITH_KUBECTL, else kubectl on PATH, else the project's bundled copy. */
export function resolveKubectl(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.SMITH_KUBECTL;
  if (explicit) {
    if (executable(explicit)) return explicit;
    throw new Error(
      `SMITH_KUBECTL is set to ${explicit}, which is not an executable file: point it at a kubectl binary or unset it.`,
    );
  }
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, "kubectl");
    if (executable(candidate)) return candidate;
  }
  if (executable(BUNDLED_KUBECTL)) return BUNDLED_KUBECTL;
  throw new KubectlNotFoundError();
}

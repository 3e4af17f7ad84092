/** The versions a run records, so a result can be traced to the software that produced it. */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export interface Versions {
  smith: string;
  node: string;
  /** The kubectl client's gitVersion; null when it could not be asked. */
  kubectl: string | null;
}

const PACKAGE_JSON = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../package.json");

export function smithVersion(): string {
  return (JSON.parse(readFileSync(PACKAGE_JSON, "utf8")) as { version: string }).version;
}

export async function collectVersions(kubectl: string | undefined): Promise<Versions> {
  return {
    smith: smithVersion(),
    node: process.version,
    kubectl: kubectl ? await kubectlVersion(kubectl) : null,
  };
}

async function kubectlVersion(kubectl: string): Promise<string | null> {
  try {
    const { stdout } = await promisify(execFile)(kubectl, ["version", "--client", "-o", "json"], {
      timeout: 20_000,
    });
    return (
      (JSON.parse(stdout) as { clientVersion?: { gitVersion?: string } }).clientVersion?.gitVersion ?? null
    );
  } catch {
    return null;
  }
}

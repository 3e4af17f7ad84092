import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import type { IFileSystem } from "just-bash";
import type { FlagUse, KubectlArgs } from "./kubectl-args.js";

/**
 * Flags other than -f whose value kubectl opens as a file (`--from-file`, `--cert`, `-o jsonpath-file=` …).
 * Passed through, they would read the host's files; instead the named virtual files are copied into a
 * private scratch directory for this one call, and the flag points there. A missing file is not copied, so
 * kubectl reports it in its own words; `hostPaths` maps the scratch paths back to what the agent wrote.
 */

export interface StagedFiles {
  /** The arguments with staged paths in place of the agent's: same length, same positions. */
  args: string[];
  /** Scratch path → the path as the agent wrote it, for rewriting kubectl's messages. */
  hostPaths: Map<string, string>;
  cleanup(): Promise<void>;
}

/** Output formats whose argument (after "=", or in --template) is a file. */
const FILE_OUTPUTS = ["go-template-file", "templatefile", "jsonpath-file", "custom-columns-file"];

interface FileValue {
  use: FlagUse;
  /** The part of the value before the path (`key=` of --from-file, `jsonpath-file=` of -o). */
  lead: string;
  path: string;
  /** --from-file also takes a directory: its files become keys. */
  directories: boolean;
}

function fileValues(parsed: KubectlArgs): FileValue[] {
  const found: FileValue[] = [];
  let templateIsFile = false;
  for (const use of parsed.flags) {
    const value = use.value;
    if (value === undefined) continue;
    switch (use.name) {
      case "from-file": {
        // kubectl splits `key=path` only at a single "=" inside the value.
        const parts = value.split("=");
        const [key, path] = parts;
        const keyed = parts.length === 2 && key && path;
        found.push({ use, lead: keyed ? `${key}=` : "", path: keyed ? path : value, directories: true });
        break;
      }
      case "from-env-file":
      case "cert":
      case "key":
      case "patch-file":
      case "custom":
        found.push({ use, lead: "", path: value, directories: false });
        break;
      case "output": {
        const format = FILE_OUTPUTS.find((f) => value === f || value.startsWith(`${f}=`));
        if (format === undefined) break;
        if (value === format) templateIsFile = true;
        else
          found.push({ use, lead: `${format}=`, path: value.slice(format.length + 1), directories: false });
        break;
      }
    }
  }
  if (templateIsFile) {
    for (const use of parsed.flags) {
      if (use.name === "template" && use.value !== undefined)
        found.push({ use, lead: "", path: use.value, directories: false });
    }
  }
  return found;
}

export async function stageHostFiles(
  parsed: KubectlArgs,
  fs: IFileSystem,
  cwd: string,
  scratchRoot: string,
): Promise<StagedFiles> {
  const values = fileValues(parsed);
  const hostPaths = new Map<string, string>();
  if (values.length === 0) return { args: parsed.args, hostPaths, cleanup: async () => {} };
  const dir = await mkdtemp(join(scratchRoot, "files-"));
  const args = [...parsed.args];
  for (const [n, value] of values.entries()) {
    const source = fs.resolvePath(cwd, value.path);
    const name = basename(source) || "file";
    const slot = join(dir, String(n));
    await mkdir(slot);
    const staged = join(slot, name);
    await copyIn(fs, source, staged, value.directories);
    hostPaths.set(staged, value.path);
    const { use } = value;
    const replacement = `${value.lead}${staged}`;
    if (use.valueIndex !== undefined) args[use.valueIndex] = replacement;
    else args[use.index] = `${use.prefix}${replacement}`;
  }
  return { args, hostPaths, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

async function copyIn(fs: IFileSystem, source: string, target: string, directories: boolean): Promise<void> {
  if (!(await fs.exists(source))) return;
  const stat = await fs.stat(source);
  if (!stat.isDirectory) {
    await writeFile(target, await fs.readFileBuffer(source));
    return;
  }
  if (!directories) return;
  // kubectl reads the regular files directly inside the directory, one key each.
  await mkdir(target);
  for (const name of await fs.readdir(source)) {
    const child = source === "/" ? `/${name}` : `${source}/${name}`;
    if ((await fs.stat(child)).isFile) await writeFile(join(target, name), await fs.readFileBuffer(child));
  }
}

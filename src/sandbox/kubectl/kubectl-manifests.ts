import type { IFileSystem } from "just-bash";
import type { RefusalRecord } from "../types.js";
import { type FlagUse, flagIsSet, type KubectlArgs } from "./kubectl-args.js";

/**
 * The real kubectl cannot see the virtual filesystem, so every `-f PATH` is read here and the manifests reach
 * kubectl as one stream on its stdin (`-f -`), in the order kubectl itself would read them.
 */

export type ManifestFeed =
  | { ok: true; args: string[]; stdin: Uint8Array; sourceName?: string }
  | { ok: false; stderr: string; refusal?: RefusalRecord };

const MANIFEST_EXTENSIONS = [".json", ".yaml", ".yml"];
/** More files than any real manifest directory, few enough that `-R /` stays quick. */
const MAX_MANIFEST_FILES = 1000;

interface Source {
  name: string;
  content: Uint8Array;
}

export async function feedManifests(
  parsed: KubectlArgs,
  fs: IFileSystem,
  cwd: string,
  shellStdin: Uint8Array,
): Promise<ManifestFeed> {
  const uses = parsed.flags.filter((f) => f.name === "filename" && f.value !== undefined);
  if (uses.length === 0) return { ok: true, args: parsed.args, stdin: shellStdin };
  const recursive = flagIsSet(parsed, "recursive");
  const sources: Source[] = [];
  for (const use of uses) {
    const path = use.value as string;
    if (/^https?:\/\//i.test(path)) {
      const host = safeHost(path);
      return {
        ok: false,
        stderr: `error: unable to read URL "${path}", server reported : Get "${path}": dial tcp: lookup ${host}: no such host\n`,
        refusal: { kind: "network", detail: `kubectl -f ${path}` },
      };
    }
    if (path === "-") {
      sources.push({ name: "STDIN", content: shellStdin });
      continue;
    }
    const read = await readPath(fs, fs.resolvePath(cwd, path), path, recursive);
    if (typeof read === "string") return { ok: false, stderr: read };
    sources.push(...read);
  }
  const only = sources.length === 1 ? sources[0] : undefined;
  return {
    ok: true,
    args: replaceFilenameFlags(parsed.args, uses),
    stdin: joinManifests(sources),
    sourceName: only && only.name !== "STDIN" ? only.name : undefined,
  };
}

function safeHost(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/** A file, or the manifest files of a directory (its subdirectories too with -R); a string is kubectl's error. */
async function readPath(
  fs: IFileSystem,
  absolute: string,
  written: string,
  recursive: boolean,
): Promise<Source[] | string> {
  if (!(await fs.exists(absolute))) return `error: the path "${written}" does not exist\n`;
  const stat = await fs.stat(absolute);
  if (!stat.isDirectory) return [{ name: written, content: await fs.readFileBuffer(absolute) }];
  const files: string[] = [];
  await collectManifestFiles(fs, absolute, recursive, files);
  if (files.length === 0)
    return `error: error reading [${written}]: recognized file extensions are [${MANIFEST_EXTENSIONS.join(" ")}]\n`;
  return Promise.all(files.map(async (file) => ({ name: file, content: await fs.readFileBuffer(file) })));
}

async function collectManifestFiles(
  fs: IFileSystem,
  dir: string,
  recursive: boolean,
  into: string[],
): Promise<void> {
  // Lexical order, as Go's filepath.Walk gives kubectl.
  const names = (await fs.readdir(dir)).sort();
  for (const name of names) {
    if (into.length >= MAX_MANIFEST_FILES) return;
    const path = dir === "/" ? `/${name}` : `${dir}/${name}`;
    const stat = await fs.stat(path);
    if (stat.isDirectory) {
      if (recursive) await collectManifestFiles(fs, path, recursive, into);
    } else if (MANIFEST_EXTENSIONS.some((ext) => name.endsWith(ext))) {
      into.push(path);
    }
  }
}

/**
 * One stream kubectl decodes like the files one after another. kubectl picks JSON or YAML from the stream's
 * first bytes, so JSON documents in a mixed stream go in as one-line JSON (also valid YAML) after `---`.
 */
function joinManifests(sources: Source[]): Uint8Array {
  const only = sources[0];
  if (sources.length === 1 && only) return only.content;
  const texts = sources.map((s) => Buffer.from(s.content).toString("utf8"));
  const isJson = texts.map((t) => /^\s*[{[]/.test(t));
  if (isJson.every(Boolean)) return Buffer.from(texts.join("\n"), "utf8");
  const documents = texts.map((text, i) =>
    isJson[i] ? compactJson(text) : text.endsWith("\n") ? text : `${text}\n`,
  );
  return Buffer.from(documents.map((d) => `---\n${d}`).join(""), "utf8");
}

function compactJson(text: string): string {
  try {
    return `${JSON.stringify(JSON.parse(text))}\n`;
  } catch {
    return text.endsWith("\n") ? text : `${text}\n`;
  }
}

/** The arguments with every -f/--filename removed and one `--filename=-` where the first stood. */
function replaceFilenameFlags(args: string[], uses: FlagUse[]): string[] {
  const edits = new Map<number, string[]>();
  for (const use of uses) {
    if (use.valueIndex !== undefined) edits.set(use.valueIndex, []);
    // Letters before the f of a short group (`-Rf`) are other flags and stay.
    const rest = use.prefix.startsWith("--") ? "" : use.prefix.replace(/f=?$/, "");
    edits.set(use.index, rest.length > 1 ? [rest] : []);
  }
  const first = uses[0]?.index ?? 0;
  edits.set(first, ["--filename=-", ...(edits.get(first) ?? [])]);
  return args.flatMap((word, i) => edits.get(i) ?? [word]);
}

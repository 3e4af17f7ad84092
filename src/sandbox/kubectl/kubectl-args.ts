/**
 * Reads a kubectl command line the way kubectl 1.32 does (cobra finds the command, pflag parses the flags),
 * far enough to know the command, every flag and its value. Where kubectl's reading depends on a flag this
 * table does not know, the reading chosen is the one that sees more flags, so a guard built on it errs on
 * the side of refusing.
 */

/** Flags of the root command that take no value: cobra does not skip the word after them. */
const ROOT_BOOL_FLAGS = new Set([
  "disable-compression",
  "insecure-skip-tls-verify",
  "match-server-version",
  "warnings-as-errors",
]);

/** Long flags that take no value in every kubectl command that has them (kubectl 1.32 `--help` pages). */
const BOOL_FLAGS = new Set([
  ...ROOT_BOOL_FLAGS,
  "all",
  "all-containers",
  "all-namespaces",
  "all-pods",
  "allow-missing-template-keys",
  "append-hash",
  "arguments-only",
  "as-current-user",
  "attach",
  "cached",
  "client",
  "command",
  "create-annotation",
  "current",
  "delete-emptydir-data",
  "disable-eviction",
  "edit",
  "embed-certs",
  "expose",
  "flatten",
  "follow",
  "force",
  "force-conflicts",
  "help",
  "ignore-daemonsets",
  "ignore-errors",
  "ignore-not-found",
  "interactive",
  "keep-annotations",
  "keep-init-containers",
  "keep-labels",
  "keep-liveness",
  "keep-readiness",
  "keep-startup",
  "leave-stdin-open",
  "list",
  "local",
  "merge",
  "minify",
  "namespaced",
  "no-headers",
  "now",
  "output-watch-events",
  "overwrite",
  "previous",
  "privileged",
  "prune",
  "quiet",
  "recursive",
  "remove-extra-permissions",
  "remove-extra-subjects",
  "replace",
  "rm",
  "same-node",
  "save-config",
  "server-print",
  "server-side",
  "share-processes",
  "show-capacity",
  "show-events",
  "show-kind",
  "show-labels",
  "show-managed-fields",
  "stdin",
  "sum",
  "timestamps",
  "tty",
  "use-protocol-buffers",
  "wait",
  "watch",
  "watch-only",
  "windows-line-endings",
]);

/** Shorthand → long name. Some letters mean different flags in different commands. */
function shorthand(letter: string, verb: string | undefined): { name: string; bool: boolean } | undefined {
  switch (letter) {
    case "A":
      return { name: "all-namespaces", bool: true };
    case "R":
      return { name: "recursive", bool: true };
    case "i":
      return { name: "stdin", bool: true };
    case "t":
      return { name: "tty", bool: true };
    case "q":
      return { name: "quiet", bool: true };
    case "h":
      return { name: "help", bool: true };
    case "w":
      return verb === "proxy" ? { name: "www", bool: false } : { name: "watch", bool: true };
    case "f":
      return verb === "logs" ? { name: "follow", bool: true } : { name: "filename", bool: false };
    case "p":
      return verb === "logs"
        ? { name: "previous", bool: true }
        : { name: verb === "proxy" ? "port" : "patch", bool: false };
    case "n":
      return { name: "namespace", bool: false };
    case "s":
      return { name: "server", bool: false };
    case "v":
      return { name: "v", bool: false };
    case "k":
      return { name: "kustomize", bool: false };
    case "o":
      return { name: "output", bool: false };
    case "l":
      return { name: "selector", bool: false };
    case "c":
      return { name: "container", bool: false };
    case "L":
      return { name: "label-columns", bool: false };
    case "e":
      return { name: "env", bool: false };
    case "r":
      return { name: "replicas", bool: false };
    case "u":
      return { name: "unix-socket", bool: false };
    case "P":
      return { name: "www-prefix", bool: false };
    default:
      return undefined;
  }
}

/** kubectl reads `--as_group` as `--as-group`. */
function normalizeName(name: string): string {
  return name.replaceAll("_", "-");
}

/** One flag as written on the command line, with enough of its position to rewrite or remove it. */
export interface FlagUse {
  /** Long name, normalised ("server" for `-s`). */
  name: string;
  /** undefined for a flag without a value (or one missing its value at the end of the line). */
  value: string | undefined;
  /** Index of the word that holds the flag. */
  index: number;
  /** Index of the separate word that holds the value, when the value is not inside the flag's word. */
  valueIndex?: number;
  /** The flag's word up to its inline value ("--output=", "-Ro"), or the whole word. */
  prefix: string;
}

export interface KubectlArgs {
  args: string[];
  /** The command and its subcommand, as cobra finds them ("config", "view"). */
  path: string[];
  flags: FlagUse[];
  /** Index of the `--` after which kubectl parses no flag (args.length when there is none). */
  end: number;
}

/** The command path as cobra's stripFlags finds it: an unknown `--flag` or `-x` is taken to consume the next word. */
function commandPath(args: string[]): string[] {
  const path: string[] = [];
  let skipsBoolFlags = ROOT_BOOL_FLAGS;
  for (let i = 0; i < args.length && path.length < 2; i++) {
    const word = args[i] ?? "";
    if (word === "--") break;
    if (word.startsWith("--") && !word.includes("=")) {
      if (!skipsBoolFlags.has(normalizeName(word.slice(2)))) i++;
    } else if (word.startsWith("-") && word.length === 2) {
      if (!shorthand(word[1] ?? "", path[0])?.bool || path.length === 0) i++;
    } else if (word !== "" && !word.startsWith("-")) {
      path.push(word);
      skipsBoolFlags = BOOL_FLAGS;
    }
  }
  return path;
}

/** Parses the flags the way pflag does; unknown flags are read as taking a value. */
export function parseKubectlArgs(args: string[]): KubectlArgs {
  const path = commandPath(args);
  const verb = path[0];
  const flags: FlagUse[] = [];
  let end = args.length;
  for (let i = 0; i < args.length; i++) {
    const word = args[i] ?? "";
    if (word === "--") {
      end = i;
      break;
    }
    if (word.startsWith("--") && word.length > 2) {
      const eq = word.indexOf("=");
      if (eq >= 0) {
        flags.push({
          name: normalizeName(word.slice(2, eq)),
          value: word.slice(eq + 1),
          index: i,
          prefix: word.slice(0, eq + 1),
        });
        continue;
      }
      const name = normalizeName(word.slice(2));
      if (BOOL_FLAGS.has(name)) {
        flags.push({ name, value: undefined, index: i, prefix: word });
        continue;
      }
      flags.push(separateValue(name, args, i, word));
      i++;
      continue;
    }
    if (word.startsWith("-") && word.length > 1) {
      const consumedNext = parseShortGroup(word, i, args, verb, flags);
      if (consumedNext) i++;
    }
  }
  return { args, path, flags, end };
}

function separateValue(name: string, args: string[], i: number, prefix: string): FlagUse {
  const value = args[i + 1];
  return value === undefined
    ? { name, value: undefined, index: i, prefix }
    : { name, value, index: i, valueIndex: i + 1, prefix };
}

/** `-Rf dir`, `-ndefault`, `-o=yaml`: letters up to the first that takes a value, which takes the rest. */
function parseShortGroup(
  word: string,
  i: number,
  args: string[],
  verb: string | undefined,
  flags: FlagUse[],
): boolean {
  for (let j = 1; j < word.length; j++) {
    const letter = word[j] ?? "";
    const known = shorthand(letter, verb);
    if (known?.bool) {
      flags.push({ name: known.name, value: undefined, index: i, prefix: word });
      continue;
    }
    const name = known?.name ?? letter;
    const rest = word.slice(j + 1);
    if (rest.startsWith("=")) {
      flags.push({ name, value: rest.slice(1), index: i, prefix: word.slice(0, j + 2) });
      return false;
    }
    if (rest !== "") {
      flags.push({ name, value: rest, index: i, prefix: word.slice(0, j + 1) });
      return false;
    }
    flags.push(separateValue(name, args, i, word));
    return true;
  }
  return false;
}

/**
 * Every flag name that kubectl could see in `args` under any reading: a word that another flag consumes as
 * its value is still read as a flag here (`-l -s` is refused though kubectl would take "-s" as a selector).
 */
export function possibleFlagNames(parsed: KubectlArgs): string[] {
  const names: string[] = [];
  const verb = parsed.path[0];
  for (let i = 0; i < parsed.end; i++) {
    const word = parsed.args[i] ?? "";
    if (word.startsWith("--") && word.length > 2) {
      const eq = word.indexOf("=");
      names.push(normalizeName(word.slice(2, eq >= 0 ? eq : undefined)));
    } else if (word.startsWith("-") && word.length > 1) {
      for (const letter of word.slice(1)) {
        const known = shorthand(letter, verb);
        names.push(known?.name ?? letter);
        if (known && !known.bool) break;
      }
    }
  }
  return names;
}

/** Whether a boolean flag is on (`-R`, `--recursive`, `--recursive=true`). */
export function flagIsSet(parsed: KubectlArgs, name: string): boolean {
  const uses = parsed.flags.filter((f) => f.name === name);
  const last = uses[uses.length - 1];
  if (!last) return false;
  return last.value !== "false";
}

import { defineCommand } from "just-bash";
import type { CurrentExec } from "../exec-state.js";

/**
 * Programs that would run host code or open host sockets if they existed. The pod's image has none of them;
 * they are registered only so that an attempt is recorded, and answer exactly like a missing program.
 * (just-bash finds a command through its stub file in /usr/bin, so the stubs stay; `which` hides them.)
 */
const PROGRAMS = [
  "node",
  "nodejs",
  "npm",
  "npx",
  "deno",
  "bun",
  "js-exec",
  "python",
  "python2",
  "python3",
  "pip",
  "pip3",
  "perl",
  "ruby",
  "php",
  "sqlite3",
  "nc",
  "ncat",
  "netcat",
  "socat",
  "telnet",
  "ssh",
  "scp",
  "sudo",
  "su",
  "nsenter",
  "chroot",
  "docker",
];

export function unavailablePrograms(current: CurrentExec) {
  return PROGRAMS.map((name) =>
    defineCommand(name, async () => {
      current().refuse("process", `${name}: host program execution`);
      return { stdout: "", stderr: `bash: ${name}: command not found\n`, exitCode: 127 };
    }),
  );
}

/** `which` that does not find the programs above, as in the pod. */
export function whichCommand() {
  return defineCommand("which", async (args, ctx) => {
    if (!ctx.origCommand) throw new Error("which: the built-in which command is missing");
    const wanted = args.filter((a) => !PROGRAMS.includes(a));
    const hidden = wanted.length < args.length;
    if (wanted.every((a) => a.startsWith("-"))) return { stdout: "", stderr: "", exitCode: 1 };
    const found = await ctx.origCommand(wanted);
    return hidden ? { ...found, exitCode: 1 } : found;
  });
}

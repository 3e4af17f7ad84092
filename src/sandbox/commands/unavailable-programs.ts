import { defineCommand } from "just-bash";
import type { CurrentExec } from "../exec-state.js";

/**
 * Programs that would run host code or open host sockets if they existed. The pod's image has none of them;
 * they are registered only so that an attempt is recorded, and answer exactly like a missing program.
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

/** The stub files that would make `which node` succeed; removed after the commands are registered. */
export const UNAVAILABLE_PROGRAM_STUBS = PROGRAMS.flatMap((name) => [`/bin/${name}`, `/usr/bin/${name}`]);

export function unavailablePrograms(current: CurrentExec) {
  return PROGRAMS.map((name) =>
    defineCommand(name, async () => {
      current().refuse("process", `${name}: host program execution`);
      return { stdout: "", stderr: `bash: ${name}: command not found\n`, exitCode: 127 };
    }),
  );
}

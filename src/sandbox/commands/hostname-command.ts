import { defineCommand } from "just-bash";

/** just-bash's hostname prints "localhost"; the pod's is its name. */
export function hostnameCommand(hostname: string, podIp: string | undefined) {
  return defineCommand("hostname", async (args) => {
    if (args.some((a) => a === "-i" || a === "-I" || a === "--ip-address" || a === "--all-ip-addresses")) {
      if (podIp) return { stdout: `${podIp}\n`, stderr: "", exitCode: 0 };
      return { stdout: "", stderr: "hostname: Name or service not known\n", exitCode: 1 };
    }
    return { stdout: `${hostname}\n`, stderr: "", exitCode: 0 };
  });
}

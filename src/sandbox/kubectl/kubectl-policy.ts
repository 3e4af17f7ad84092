import type { RefusalRecord } from "../types.js";
import { type KubectlArgs, possibleFlagNames } from "./kubectl-args.js";

/**
 * What the agent's kubectl may do. It runs on the host as the agent's ServiceAccount with exactly one
 * context, so everything that would change who it is or which server it talks to is refused, and so is
 * everything that would touch the host rather than the API server: host files (cp, kustomize, profiles,
 * dumps), host sockets (proxy, port-forward), host programs (editors, plugins).
 *
 * exec, attach and debug are allowed: they only talk to the API server, whose RBAC and Status errors decide,
 * and their stdin/stdout are the shell's. diff is allowed: it runs the host's `diff` on kubectl's own temp
 * files, and the scrubbed environment leaves the agent no way to choose another program.
 */

export type KubectlVerdict = { allowed: true } | { allowed: false; stderr: string; refusal?: RefusalRecord };

/** kubectl 1.32's commands; any other word would make kubectl look for a plugin binary on the host. */
const COMMANDS = [
  "create",
  "expose",
  "run",
  "set",
  "explain",
  "get",
  "edit",
  "delete",
  "rollout",
  "scale",
  "autoscale",
  "certificate",
  "cluster-info",
  "top",
  "cordon",
  "uncordon",
  "drain",
  "taint",
  "describe",
  "logs",
  "attach",
  "exec",
  "port-forward",
  "proxy",
  "cp",
  "auth",
  "debug",
  "events",
  "diff",
  "apply",
  "patch",
  "replace",
  "wait",
  "kustomize",
  "label",
  "annotate",
  "completion",
  "api-resources",
  "api-versions",
  "config",
  "plugin",
  "version",
  "options",
  "help",
  "alpha",
];

/** `kubectl create` subcommands and aliases; kubectl 1.32 runs a `kubectl-create-*` plugin for any other. */
const CREATE_SUBCOMMANDS = new Set([
  "clusterrole",
  "clusterrolebinding",
  "configmap",
  "cm",
  "cronjob",
  "cj",
  "deployment",
  "deploy",
  "ingress",
  "ing",
  "job",
  "namespace",
  "ns",
  "poddisruptionbudget",
  "pdb",
  "priorityclass",
  "pc",
  "quota",
  "resourcequota",
  "role",
  "rolebinding",
  "secret",
  "service",
  "svc",
  "serviceaccount",
  "sa",
  "token",
]);

const READ_ONLY_CONFIG = new Set(["view", "current-context", "get-contexts", "get-clusters", "get-users"]);

const CONFIG_WRITES = new Set([
  "set",
  "unset",
  "set-cluster",
  "set-context",
  "set-credentials",
  "use-context",
  "use",
  "rename-context",
  "delete-cluster",
  "delete-context",
  "delete-user",
]);

/** Flags that pick another identity, server or trust root than the sandbox's single context. */
const IDENTITY_FLAGS = new Set([
  "kubeconfig",
  "context",
  "cluster",
  "user",
  "token",
  "as",
  "as-group",
  "as-uid",
  "server",
  "username",
  "password",
  "client-certificate",
  "client-key",
  "certificate-authority",
  "insecure-skip-tls-verify",
  "tls-server-name",
]);

/** Commands where `--user` names a subject of a binding rather than a kubeconfig user. */
function userNamesASubject(path: string[]): boolean {
  const [verb, sub] = path;
  return (
    (verb === "create" && (sub === "rolebinding" || sub === "clusterrolebinding")) ||
    (verb === "set" && sub === "subject")
  );
}

function refuse(stderr: string, refusal?: RefusalRecord): KubectlVerdict {
  return { allowed: false, stderr: `${stderr}\n`, refusal };
}

export function judgeKubectl(parsed: KubectlArgs): KubectlVerdict {
  const [verb, sub] = parsed.path;
  for (const name of possibleFlagNames(parsed)) {
    const verdict = judgeFlag(name, parsed.path);
    if (verdict) return verdict;
  }
  if (verb === undefined) return { allowed: true };
  if (!COMMANDS.includes(verb)) return { allowed: false, stderr: unknownCommand(verb) };
  switch (verb) {
    case "cp":
      return refuse(
        "error: kubectl cp is not available in this shell: it copies through files outside the pod. Stream instead: kubectl exec POD -- cat FILE > FILE",
        { kind: "host-path", detail: "kubectl cp" },
      );
    case "proxy":
    case "port-forward":
      return refuse(
        `error: kubectl ${verb} is not available in this shell: it opens a listening port outside the pod`,
        {
          kind: "network",
          detail: `kubectl ${verb}`,
        },
      );
    case "edit":
      return refuse(editorRefusal("kubectl edit"), { kind: "process", detail: "kubectl edit (host editor)" });
    case "kustomize":
      return refuse(kustomizeRefusal(), { kind: "host-path", detail: "kubectl kustomize" });
    case "plugin":
      // True of the pod: its image ships no kubectl plugins.
      return sub === "list"
        ? refuse("error: unable to find any kubectl plugins in your PATH")
        : { allowed: true };
    case "config":
      return judgeConfig(parsed);
    case "apply":
      return sub === "edit-last-applied"
        ? refuse(editorRefusal("kubectl apply edit-last-applied"), {
            kind: "process",
            detail: "kubectl apply edit-last-applied (host editor)",
          })
        : { allowed: true };
    case "create":
      return sub === undefined || CREATE_SUBCOMMANDS.has(sub)
        ? { allowed: true }
        : refuse(`error: Unexpected args: [${sub}]\nSee 'kubectl create -h' for help and examples`);
    default:
      return { allowed: true };
  }
}

function judgeFlag(name: string, path: string[]): KubectlVerdict | undefined {
  if (IDENTITY_FLAGS.has(name) && !(name === "user" && userNamesASubject(path))) {
    return refuse(
      `error: flag --${name} is not allowed in this shell: kubectl here has exactly one context, the pod's ServiceAccount on this cluster`,
      { kind: "identity", detail: `kubectl --${name}` },
    );
  }
  switch (name) {
    case "cache-dir":
    case "profile-output":
    case "output-directory":
      return refuse(`error: flag --${name} is not allowed in this shell: it writes outside the pod`, {
        kind: "host-path",
        detail: `kubectl --${name}`,
      });
    case "profile":
      // `kubectl debug --profile=general` picks a debugging profile; everywhere else it writes a pprof file.
      return path[0] === "debug"
        ? undefined
        : refuse("error: flag --profile is not allowed in this shell: it writes outside the pod", {
            kind: "host-path",
            detail: "kubectl --profile",
          });
    case "kustomize":
      return refuse(kustomizeRefusal(), { kind: "host-path", detail: "kubectl -k" });
    case "edit":
      return refuse(editorRefusal("kubectl create --edit"), {
        kind: "process",
        detail: "kubectl --edit (host editor)",
      });
    default:
      return undefined;
  }
}

function judgeConfig(parsed: KubectlArgs): KubectlVerdict {
  const sub = parsed.path[1];
  // Scanning every word, not only the parsed subcommand, keeps a write from hiding behind an odd flag order.
  const write = parsed.args.slice(0, parsed.end).find((word) => CONFIG_WRITES.has(word));
  if (write !== undefined || (sub !== undefined && !READ_ONLY_CONFIG.has(sub))) {
    const what = write ?? sub;
    return refuse(
      `error: kubectl config ${what} is not allowed in this shell: its kubeconfig is read-only, with exactly one context`,
      { kind: "identity", detail: `kubectl config ${what}` },
    );
  }
  return { allowed: true };
}

function editorRefusal(what: string): string {
  return `error: ${what} needs an interactive editor, which this shell does not have. Use: kubectl get TYPE NAME -o yaml > FILE, change FILE, then kubectl apply -f FILE (or kubectl patch)`;
}

function kustomizeRefusal(): string {
  return "error: kustomize is not available in this shell. Write the manifests out and pass them with -f FILE or -f DIR";
}

/** cobra's answer for an unknown command, with its "Did you mean" suggestions (edit distance ≤ 2 or prefix). */
function unknownCommand(word: string): string {
  const suggestions = COMMANDS.filter(
    (c) => c !== "help" && (c.startsWith(word) || editDistance(c, word) <= 2),
  );
  const hint =
    suggestions.length > 0 ? `\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join("")}` : "";
  return `Error: unknown command "${word}" for "kubectl"\n${hint}`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(
        Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

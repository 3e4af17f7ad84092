/** The contract between the agent's shell and the harness that owns the trial. */

/** Why a command was stopped: what it would have reached outside the pod, or which limit it hit. */
export type RefusalKind = "host-path" | "network" | "identity" | "process" | "limit";

/** One blocked escape attempt or limit hit, recorded in the trajectory beside the command. */
export interface RefusalRecord {
  kind: RefusalKind;
  detail: string;
}

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** stdout or stderr was longer than `limits.outputBytes` and was cut (a marker line says so). */
  truncated: boolean;
  /** The command ran past `limits.commandTimeoutMs` and was stopped. */
  timedOut: boolean;
  refused: RefusalRecord[];
}

/** An HTTP request that the agent's curl or wget aimed at a Service of the cluster. */
export interface ServiceRequest {
  namespace: string;
  service: string;
  /** The port as written in the URL (numeric), or "80" / "443" by default. */
  port: string;
  /** Path and query string, starting with "/". */
  path: string;
  method: string;
  body?: string;
  headers: Record<string, string>;
}

export interface ServiceResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** How long the request took in the simulated cluster; curl's `%{time_total}` and `-m` use it. Defaults to
   * the real time `fetchService` took. */
  elapsedMs?: number;
}

export interface SandboxLimits {
  /** Wall-clock budget of one `exec`, in ms (default 30 000). A kubectl child still running then is killed. */
  commandTimeoutMs: number;
  /** Longest stdout, and longest stderr, handed back to the agent (default 64 KiB). */
  outputBytes: number;
  /** Iterations of one shell loop (default 10 000). */
  maxLoopIterations: number;
  /** Commands run by one `exec`, loops and functions included (default 10 000). */
  maxCommandCount: number;
  /** Depth of shell function recursion (default 100). */
  maxCallDepth: number;
  /** Bytes the agent may keep in its virtual filesystem (default 256 MiB). */
  fileSystemBytes: number;
}

export interface SandboxOptions {
  kubectl: {
    /** Host path of the real kubectl binary. */
    binary: string;
    /** Host path of a kubeconfig bound to the agent's ServiceAccount. Keep it self-contained (inline data, no
     * file references): `kubectl config view` shows it to the agent. */
    kubeconfigPath: string;
    /** Host directory for kubectl's discovery cache. */
    cacheDir: string;
  };
  pod: {
    /** Absolute path → content: the inside of the agent's pod (/app/…, /models/…, the ServiceAccount files …). */
    files: Record<string, string>;
    env: Record<string, string>;
    hostname: string;
  };
  /** Advances the cluster's virtual clock; `sleep N` never waits in real time. */
  sleep(seconds: number): Promise<void>;
  /** Sends a request to a Service through the cluster. Reject with `ServiceUnreachableError` when the
   * Service does not exist or has no ready endpoint, so curl and wget fail the way they do in a pod. */
  fetchService(request: ServiceRequest): Promise<ServiceResponse>;
  /** The cluster's virtual clock in epoch ms, so `date` agrees with `sleep`. Defaults to the host clock. */
  now?: () => number;
  limits?: Partial<SandboxLimits>;
}

export interface Sandbox {
  /** Runs one command line in a fresh shell of the pod: files persist between calls, variables and cwd do not. */
  exec(command: string): Promise<CommandResult>;
  readFile(path: string): Promise<string>;
  writeFile(path: string, content: string): Promise<void>;
  /** Removes the host scratch directory that kubectl used. The sandbox is unusable afterwards. */
  close(): Promise<void>;
}

/** Thrown by `fetchService` when the request cannot reach any server. */
export class ServiceUnreachableError extends Error {
  constructor(
    /** "not-found": no such Service (curl: could not resolve host); "no-endpoints": nothing listens
     * (curl: could not connect). */
    readonly reason: "not-found" | "no-endpoints",
    message: string,
  ) {
    super(message);
    this.name = "ServiceUnreachableError";
  }
}

/**
 * What a trial needs from the cluster it runs on. Two backends provide it: `embedded` (an in-process
 * cluster on a virtual clock, embedded.ts) and `kubeconfig` (namespaces on a real cluster, kubeconfig/).
 * The trial, the drivers and scoring see only this interface, so a scenario plays the same way on both.
 *
 * Reads are synchronous, from a cache the API keeps current (the embedded store itself; informers on a
 * real cluster), so drivers react like Kubernetes controllers do. Writes are issued in order and applied
 * at once on the embedded cluster, asynchronously on a real one; a refused write is a fault, not a crash.
 */
import type {
  AuditEntry,
  ContainerUsage,
  HttpRequestToPod,
  HttpResponseFromPod,
  KubeObject,
  ServiceCall,
} from "../cluster/index.js";
import type { Scenario } from "../scenarios/schema.js";
import type { WORKLOAD_RESOURCES } from "../scoring/replicas.js";

/** The resources a trial watches: everything that can run a replica of the agent, and Services. */
export type ObservedResource = (typeof WORKLOAD_RESOURCES)[number] | "services";

export interface Cancel {
  cancel(): void;
}

/**
 * Trial time in epoch milliseconds. Virtual on the embedded cluster. On a real cluster it is the time the
 * trial has charged (each step's `secondsPerStep`, each `sleep`), so a scenario's notice and deadline fall
 * at the same step on both backends.
 */
export interface TrialClock {
  now(): number;
  /** RFC 3339, second precision (metav1.Time). */
  iso(ms?: number): string;
  /** RFC 3339 with microseconds (metav1.MicroTime). */
  isoMicro(ms?: number): string;
  at(atMs: number, label: string, run: () => void): Cancel;
  after(delayMs: number, label: string, run: () => void): Cancel;
}

export interface ClusterView {
  /** Objects of a resource, in one namespace or all, ordered by namespace then name. */
  list(resource: ObservedResource, namespace?: string): readonly KubeObject[];
  get(resource: ObservedResource, namespace: string, name: string): KubeObject | undefined;
  /** Called after every change the view sees. */
  subscribe(onChange: () => void): () => void;
}

/** An object addressed by what identifies it on any cluster. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

/** API writes as one named user (a driver acting as the operations team). */
export interface ClusterWriter {
  create(object: KubeObject): void;
  mergePatch(target: ObjectRef, patch: Record<string, unknown>): void;
  delete(target: ObjectRef, propagationPolicy: "Background" | "Foreground" | "Orphan"): void;
}

/**
 * How the simulated service shows itself. Its HTTP answers exist on both backends (the harness answers
 * for the agent's pods); resource usage and log lines only where the cluster's containers are simulated.
 */
export interface WorkloadSurface {
  serveHttp(
    handler: (pod: KubeObject, port: number, request: HttpRequestToPod) => HttpResponseFromPod | undefined,
  ): void;
  readonly reportUsage?: (source: (pod: KubeObject) => Record<string, ContainerUsage> | undefined) => void;
  readonly appendLog?: (namespace: string, pod: string, container: string, text: string) => void;
}

export interface ServiceHttpReply {
  status: number;
  body: string;
  contentType: string;
}

/** Why an in-cluster HTTP request got no answer: no such Service, or nothing ready behind it. */
export class ServiceCallError extends Error {
  constructor(
    readonly reason: "not-found" | "no-endpoints",
    message: string,
  ) {
    super(message);
  }
}

/** One scenario's environment, provisioned for one trial; the agent's deployment is available. */
export interface TrialEnvironment {
  /** Where the trial runs: "embedded", or the kubeconfig context of a real cluster. */
  readonly cluster: string;
  readonly clock: TrialClock;
  readonly view: ClusterView;
  readonly workload: WorkloadSurface;
  as(user: string): ClusterWriter;
  /** The kubeconfig the agent's kubectl uses: its ServiceAccount, under its RBAC. */
  readonly agentKubeconfig: string;
  /** Lets `ms` of trial time pass: the cluster moves on and due timers fire. */
  advance(ms: number): Promise<void>;
  /** Lets the cluster react to the writes so far, without charging time. */
  settle(): Promise<void>;
  /** The agent's curl to a Service; audited as the caller's. */
  requestService(caller: string, call: ServiceCall): Promise<ServiceHttpReply>;
  /** The trial's API calls so far: every request of the agent, every write of anyone the backend can see. */
  audit(): readonly AuditEntry[];
  /** What went wrong around the agent without ending the trial (a controller's error, a refused write). */
  faults(): readonly string[];
  /** Whether the agent hit the object ceiling (a runaway agent). */
  ceilingHit(): boolean;
  /** Removes everything the trial created. */
  teardown(): Promise<void>;
}

export interface Backend {
  readonly kind: "embedded" | "kubeconfig";
  /** Trials this backend can run at once (a real cluster's namespaces are shared by its trials). */
  readonly maxConcurrentTrials: number;
  provision(scenario: Scenario, seed: number): Promise<TrialEnvironment>;
}

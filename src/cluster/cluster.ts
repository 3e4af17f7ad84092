/**
 * One embedded cluster: store, clock, registry, controllers and the HTTPS API server, wired together
 * and bootstrapped like a fresh kubeadm cluster (system namespaces, bootstrap RBAC, the `kubernetes`
 * Service). One per trial; everything random in it comes from its seed.
 */
import { createRandom, type Seed } from "../common/random.js";
import { type CeilingStatus, installAdmission, type ObjectCeiling } from "./admission/index.js";
import { ClusterApi, type RequestContext } from "./api.js";
import { AuditLog } from "./audit.js";
import {
  defaultClusterRbac,
  HARNESS_USER,
  serviceAccountUser,
  TokenRegistry,
  type UserInfo,
} from "./auth/index.js";
import { DEFAULT_EPOCH_MS, VirtualClock } from "./clock.js";
import { type Kubelet, type StartupDelay, startControllers } from "./controllers/index.js";
import { StatusError } from "./errors.js";
import { DEFAULT_EVENT_TTL_SECONDS, expireEvents } from "./event-ttl.js";
import { renderKubeconfig } from "./kubeconfig.js";
import { DEFAULT_NODES, type NodeSpec, nodeObject, nodePodCidr } from "./nodes.js";
import { PodLogs } from "./pod-logs.js";
import { findKind } from "./resources.js";
import { ApiServer } from "./server.js";
import { callService, type ServiceCall, serviceProxyEntry } from "./service-proxy.js";
import { ObjectStore } from "./store.js";
import { serverCertificate } from "./tls.js";
import type { KubeObject } from "./types.js";
import { WATCH_TIMEOUT_LABEL } from "./watch.js";
import { WorkloadHooks } from "./workload-hooks.js";

export interface EmbeddedClusterOptions {
  seed: Seed;
  /** Virtual start time (ms since the epoch); 2026-01-01T00:00:00Z by default. */
  startTime?: number;
  port?: number;
  /**
   * How virtual time moves besides explicit `advance` calls. "on-block" (trials): when clients only wait
   * on watches, time jumps to the next scheduled event. "realtime" (`smith cluster up`): time follows the
   * wall clock. "manual": only `advance` moves it (unit tests).
   */
  timeMode?: "on-block" | "realtime" | "manual";
  /** In "realtime" mode, virtual seconds per wall-clock second (1 by default): 60 plays an hour in a minute. */
  realtimeSpeed?: number;
  /** Virtual time a gracefully deleted pod's containers take to exit. */
  podExitDelayMs?: number;
  /** The nodes the kubelets register at boot; two 4-cpu/16Gi CPU-only workers (DEFAULT_NODES) by default. */
  nodes?: readonly NodeSpec[];
  /**
   * Virtual seconds from a pod's binding to its containers running and ready, per image (exact
   * reference or prefix; the longest match wins), e.g. a model server that loads weights for minutes.
   */
  startupDelays?: readonly StartupDelay[];
  /** The start-up delay of images no entry matches: 2 s by default. */
  defaultStartupSeconds?: number;
  /**
   * Safety ceiling on the objects the cluster stores (5000 by default): past it every create answers 403,
   * so a runaway agent cannot exhaust the process. `ceiling()` reports whether it was hit.
   */
  maxObjects?: number;
  /** How long an Event lives after its last write, as kube-apiserver's --event-ttl: 3600 s by default. */
  eventTtlSeconds?: number;
}

/** How long the cluster waits, in real time, for a client to follow up on a watch event before time moves on. */
const SETTLE_MS = 3;
/** How long clients get to act on what a stream just sent them (or to close it) before time jumps again. */
const CLIENT_REACTION_MS = 300;

export class EmbeddedCluster {
  readonly clock: VirtualClock;
  readonly store = new ObjectStore();
  readonly audit = new AuditLog();
  readonly logs = new PodLogs();
  readonly hooks = new WorkloadHooks();
  private kubelet!: Kubelet;
  readonly api: ClusterApi;
  readonly tokens: TokenRegistry;
  readonly harness: RequestContext = { user: HARNESS_USER, fieldManager: "smith-harness" };
  private readonly server: ApiServer;
  private serverUrl = "";
  private caCertPem = "";
  /** Failures of cluster work that no request could answer for (controller bugs), in order. */
  readonly faults: string[] = [];
  private inFlight = 0;
  private objectCeiling!: ObjectCeiling;
  private streams = 0;
  /** A watch or log stream was sent something since time last jumped: its client may be acting on it. */
  private deliveredSinceJump = false;
  private autoTimer: NodeJS.Timeout | undefined;
  private realtime: NodeJS.Timeout | undefined;
  private readonly timeMode: "on-block" | "realtime" | "manual";

  private constructor(private readonly options: EmbeddedClusterOptions) {
    const random = createRandom(options.seed).fork("cluster");
    this.clock = new VirtualClock(options.startTime ?? DEFAULT_EPOCH_MS);
    this.api = new ClusterApi({
      store: this.store,
      clock: this.clock,
      audit: this.audit,
      random: () => random.next(),
    });
    const tokenRandom = createRandom(options.seed).fork("tokens");
    this.tokens = new TokenRegistry(() => tokenRandom.next());
    this.timeMode = options.timeMode ?? "on-block";
    this.server = new ApiServer({
      api: this.api,
      tokens: this.tokens,
      logs: this.logs,
      hooks: this.hooks,
      activity: {
        begin: () => this.inFlight++,
        end: () => this.requestEnded(),
        delivered: () => {
          this.deliveredSinceJump = true;
        },
        streaming: (delta) => {
          this.streams += delta;
          this.scheduleAutoAdvance();
        },
      },
    });
  }

  static async start(options: EmbeddedClusterOptions): Promise<EmbeddedCluster> {
    const cluster = new EmbeddedCluster(options);
    await cluster.boot();
    return cluster;
  }

  get url(): string {
    return this.serverUrl;
  }

  /** A kubeconfig for a user: the harness (full access) or a ServiceAccount (its RBAC applies). */
  kubeconfig(who: "harness" | { serviceAccount: { namespace: string; name: string } }): string {
    let user: UserInfo;
    let userName: string;
    let namespace: string | undefined;
    if (who === "harness") {
      user = HARNESS_USER;
      userName = "harness";
    } else {
      const { namespace: ns, name } = who.serviceAccount;
      const sa = this.store.get("serviceaccounts", ns, name);
      user = serviceAccountUser(ns, name, sa?.metadata.uid);
      userName = name;
      namespace = ns;
    }
    const token = this.tokens.issue(user);
    return renderKubeconfig({
      server: this.serverUrl,
      caCertPem: this.caCertPem,
      token,
      userName,
      ...(namespace ? { namespace } : {}),
    });
  }

  /** Creates (as the harness) every object of a list, in order; kinds are looked up from apiVersion/kind. */
  apply(objects: KubeObject[]): KubeObject[] {
    const created = objects.map((o) => {
      const rt = findKind(o.apiVersion, o.kind);
      if (!rt) throw new Error(`The embedded cluster does not serve ${o.apiVersion} ${o.kind}.`);
      return this.api.create(this.harness, rt, o.metadata.namespace, o);
    });
    this.settle();
    return created;
  }

  /**
   * An HTTP request from inside the cluster to a Service (what curl in a pod does). It reaches the pods
   * directly, so RBAC does not apply; it is recorded in the audit log as the caller's `proxy` request.
   */
  requestService(caller: string, call: ServiceCall): { status: number; body: string; contentType?: string } {
    const entry = serviceProxyEntry(caller, call, this.clock.isoMicro());
    try {
      const reply = callService(this.api, this.hooks, call);
      this.audit.record({ ...entry, code: reply.status });
      return reply;
    } catch (e) {
      this.audit.record({ ...entry, code: e instanceof StatusError ? e.code : 500 });
      throw e;
    }
  }

  /** Runs everything due at the current virtual instant (controllers reacting to the last writes). */
  settle(): void {
    this.clock.advanceTo(this.clock.now());
  }

  /** Moves virtual time forward, running every event due on the way. */
  advance(ms: number): void {
    this.clock.advanceBy(ms);
  }

  /** Registers another node, as a kubelet joining the cluster does; Pending pods may now fit. */
  addNode(spec: NodeSpec): KubeObject {
    const taken = new Set(this.store.list("nodes").map((n) => (n.spec as { podCIDR?: string }).podCIDR));
    let index = 0;
    while (taken.has(nodePodCidr(index))) index++;
    const [node] = this.apply([
      nodeObject(spec, index, createRandom(this.options.seed).fork("nodes"), this.clock.iso()),
    ]);
    return node as KubeObject;
  }

  /** Makes a running container exit with `exitCode` (a crash, or 0 for a clean exit); it restarts per its pod's policy. */
  crashContainer(namespace: string, pod: string, container: string, exitCode: number): void {
    this.kubelet.crashContainer(namespace, pod, container, exitCode);
    this.settle();
  }

  async stop(): Promise<void> {
    if (this.autoTimer) clearTimeout(this.autoTimer);
    if (this.realtime) clearInterval(this.realtime);
    await this.server.close();
  }

  /** The object ceiling: its limit, how many creates it refused, and when it first did. */
  ceiling(): CeilingStatus {
    return this.objectCeiling.status();
  }

  private async boot(): Promise<void> {
    const certificate = await serverCertificate(this.options.seed);
    this.caCertPem = certificate.certPem;
    this.objectCeiling = installAdmission(this.api, { maxObjects: this.options.maxObjects });
    expireEvents(this.store, this.clock, (this.options.eventTtlSeconds ?? DEFAULT_EVENT_TTL_SECONDS) * 1000);
    const handles = startControllers(
      { api: this.api, clock: this.clock },
      {
        caCertPem: this.caCertPem,
        podExitDelayMs: this.options.podExitDelayMs ?? 1000,
        hooks: this.hooks,
        logs: this.logs,
        startupDelays: this.options.startupDelays ?? [],
        defaultStartupSeconds: this.options.defaultStartupSeconds ?? 2,
      },
    );
    this.kubelet = handles.kubelet;
    this.apply([
      ...["default", "kube-system", "kube-public", "kube-node-lease"].map((name) => ({
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name },
      })),
      ...defaultClusterRbac(),
    ]);
    const nodeRandom = createRandom(this.options.seed).fork("nodes");
    this.apply(
      (this.options.nodes ?? DEFAULT_NODES).map((n, i) => nodeObject(n, i, nodeRandom, this.clock.iso())),
    );
    this.apply([
      {
        apiVersion: "v1",
        kind: "Service",
        metadata: {
          name: "kubernetes",
          namespace: "default",
          labels: { component: "apiserver", provider: "kubernetes" },
        },
        spec: {
          clusterIP: "10.96.0.1",
          ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: 6443 }],
        },
      },
    ]);
    this.serverUrl = await this.server.listen(this.options.port ?? 0, certificate);
    if (this.timeMode === "realtime") {
      const speed = this.options.realtimeSpeed ?? 1;
      // Each tick adds the wall time since the last one, so explicit `advance` calls (a scenario's warm-up)
      // move the clock ahead instead of being caught up with first.
      let lastReal = Date.now();
      this.realtime = setInterval(() => {
        const now = Date.now();
        const elapsed = now - lastReal;
        lastReal = now;
        this.guarded(() => this.clock.advanceBy(elapsed * speed));
      }, 100);
      this.realtime.unref();
    }
  }

  private requestEnded(): void {
    this.inFlight--;
    this.guarded(() => this.settle());
    this.scheduleAutoAdvance();
  }

  /**
   * Runs cluster work started by a client's request outside any caller that could handle its failure: a
   * fault in a controller is recorded in `faults` (trials report it) instead of taking the process down.
   */
  private guarded(work: () => void): void {
    try {
      work();
    } catch (e) {
      this.faults.push(e instanceof Error ? (e.stack ?? e.message) : String(e));
    }
  }

  /**
   * Watches hold requests open without holding work: when every open request is a watch (or a log
   * follow) and the clients have had a moment to react, time jumps to the next scheduled event.
   */
  private scheduleAutoAdvance(waited = 0): void {
    if (this.timeMode !== "on-block" || this.autoTimer) return;
    // A client that was just sent an event may be about to act on it or to exit (a kubectl that got what it
    // waited for takes tens of milliseconds to close its stream), and ending a watch by its timeout would cut
    // it short: before such jumps the clients get a longer moment, so the clock does not run ahead of them.
    const clientsMayAct = this.deliveredSinceJump || this.clock.nextEvent()?.label === WATCH_TIMEOUT_LABEL;
    const wait = clientsMayAct ? CLIENT_REACTION_MS : SETTLE_MS;
    this.autoTimer = setTimeout(() => {
      this.autoTimer = undefined;
      if (this.streams === 0 || this.inFlight > this.streams) return;
      // Something was sent while we waited the short moment: give the clients their full moment first.
      if (this.deliveredSinceJump && waited + wait < CLIENT_REACTION_MS)
        return this.scheduleAutoAdvance(waited + wait);
      this.deliveredSinceJump = false;
      let advanced = false;
      this.guarded(() => {
        advanced = this.clock.advanceToNextEvent();
      });
      if (advanced) this.scheduleAutoAdvance();
    }, wait);
  }
}

/**
 * The kubeconfig backend: each trial in the scenario's namespace on a real cluster.
 *
 * - Provisioning creates the namespace (labelled as Smith's), the agent's ServiceAccount, the scenario's
 *   manifests and the agent's Deployment, then waits in real time until the Deployment is available. The
 *   scenario's nodes are the cluster's own business: they are not created.
 * - The agent's kubectl reaches the cluster only through a local recording proxy, with a token of the
 *   proxy's; the proxy holds the ServiceAccount's real token, records every request (the audit a real
 *   cluster does not give out) and enforces the object ceiling.
 * - Trial time is charged time (backend.ts): `advance` first waits, in real time and up to a cap, for the
 *   agent's workloads to settle, then charges the time, firing the drivers' timers.
 * - Teardown deletes every object the agent created and everything provisioning created.
 * A cluster runs one trial at a time (its trials share the scenario's namespace names); several contexts run
 * trials side by side.
 */
import { readFileSync } from "node:fs";
import { KubeConfig } from "@kubernetes/client-node";
import { VirtualClock } from "../../cluster/clock.js";
import type { AuditEntry, KubeObject } from "../../cluster/index.js";
import { serviceProxyEntry } from "../../cluster/service-proxy.js";
import type { Scenario } from "../../scenarios/schema.js";
import type { AgentIdentity } from "../../scoring/replicas.js";
import { type Backend, type ClusterWriter, ServiceCallError, type TrialEnvironment } from "../backend.js";
import { apiJson, apiRequest } from "./api-request.js";
import { type ClusterCache, startClusterCache } from "./cluster-cache.js";
import { locate, type ObjectAddress, refOf } from "./object-paths.js";
import { ensureNamespaceFree, MANAGED_BY, sleep, waitAvailable } from "./provisioning.js";
import { type RecordingProxy, startRecordingProxy } from "./recording-proxy.js";
import { ServiceCaller } from "./service-caller.js";
import { clusterSettled } from "./settled.js";

/** Real time a step may wait for the cluster to settle before its time is charged anyway. */
const SETTLE_LIMIT_MS = 30 * 1000;
const POLL_MS = 100;

export interface KubeconfigTarget {
  /** The kubeconfig file; the usual search ($KUBECONFIG, ~/.kube/config) when absent. */
  kubeconfig?: string;
  context?: string;
}

/** Loads the kubeconfig and selects the context, failing with a sentence that says what to fix. */
export function loadKubeConfig(target: KubeconfigTarget): KubeConfig {
  const kc = new KubeConfig();
  try {
    if (target.kubeconfig) kc.loadFromFile(target.kubeconfig);
    else kc.loadFromDefault();
  } catch (e) {
    throw new Error(
      `Cannot read the kubeconfig ${target.kubeconfig ?? "($KUBECONFIG or ~/.kube/config)"}: ${(e as Error).message}; pass --kubeconfig PATH to a readable kubeconfig.`,
    );
  }
  if (target.context) {
    if (!kc.getContextObject(target.context)) {
      throw new Error(
        `The kubeconfig has no context "${target.context}": choose one of ${
          kc
            .getContexts()
            .map((c) => c.name)
            .join(", ") || "(none)"
        }.`,
      );
    }
    kc.setCurrentContext(target.context);
  }
  if (!kc.getCurrentCluster()?.server) {
    throw new Error(
      "The kubeconfig's current context names no cluster server: pass --kubeconfig or set context.",
    );
  }
  return kc;
}

/** Whether the cluster answers at all: one GET /version, within ten seconds. */
export async function checkReachable(kc: KubeConfig): Promise<void> {
  const server = kc.getCurrentCluster()?.server;
  try {
    const reply = await Promise.race([
      apiRequest(kc, "GET", "/version"),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error("no answer in 10 s")), 10_000).unref(),
      ),
    ]);
    if (reply.status === 401 || reply.status === 403) {
      throw new Error(`it refused the kubeconfig's credentials (${reply.status})`);
    }
  } catch (e) {
    throw new Error(
      `The cluster at ${server} is unreachable (${(e as Error).message}): check that it is up and that --kubeconfig points at it.`,
    );
  }
}

/** `warn` hears what the user must know though no trial fails for it: objects teardown could not delete. */
/** What Smith does on a real cluster, as the access reviews that must allow it. */
const NEEDED: readonly { verb: string; group: string; resource: string; subresource?: string }[] = [
  { verb: "create", group: "", resource: "namespaces" },
  { verb: "delete", group: "", resource: "namespaces" },
  { verb: "create", group: "", resource: "serviceaccounts", subresource: "token" },
  ...(["pods", "services"] as const).flatMap((resource) =>
    ["list", "watch"].map((verb) => ({ verb, group: "", resource })),
  ),
  ...["deployments", "replicasets", "statefulsets", "daemonsets"].flatMap((resource) =>
    ["list", "watch"].map((verb) => ({ verb, group: "apps", resource })),
  ),
  ...["jobs", "cronjobs"].flatMap((resource) =>
    ["list", "watch"].map((verb) => ({ verb, group: "batch", resource })),
  ),
];

/** Whether the kubeconfig's user may do what a trial needs, asked of the cluster (SelfSubjectAccessReview). */
export async function checkPermissions(kc: KubeConfig): Promise<void> {
  for (const attributes of NEEDED) {
    const review = await apiJson<{ status?: { allowed?: boolean } }>(
      kc,
      "POST",
      "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
      {
        apiVersion: "authorization.k8s.io/v1",
        kind: "SelfSubjectAccessReview",
        spec: { resourceAttributes: attributes },
      },
    );
    if (!review.status?.allowed) {
      const what = `${attributes.verb} ${attributes.resource}${attributes.subresource ? `/${attributes.subresource}` : ""}${attributes.group ? `.${attributes.group}` : ""}`;
      throw new Error(
        `The kubeconfig's user may not ${what} cluster-wide, which Smith needs to provision and watch trials: use a cluster-admin context.`,
      );
    }
  }
}

/** One cluster trials can run on: a kubeconfig with its context selected. */
export interface ClusterTarget {
  /** The context's name, recorded with each trial that ran there. */
  name: string;
  kc: KubeConfig;
}

/**
 * Trials on the given clusters, one trial per cluster at a time (a cluster's trials share the scenario's
 * namespace names). `warn` hears what the user must know though no trial fails for it: objects teardown
 * could not delete.
 */
export function kubeconfigBackend(
  targets: readonly ClusterTarget[],
  warn: (message: string) => void,
): Backend {
  const free = [...targets];
  const waiting: ((target: ClusterTarget) => void)[] = [];
  const release = (target: ClusterTarget) => {
    const next = waiting.shift();
    if (next) next(target);
    else free.push(target);
  };
  return {
    kind: "kubeconfig",
    maxConcurrentTrials: targets.length,
    provision: async (scenario) => {
      const target = free.shift() ?? (await new Promise<ClusterTarget>((resolve) => waiting.push(resolve)));
      try {
        const env = await provision(target, scenario, warn);
        return {
          ...env,
          teardown: async () => {
            try {
              await env.teardown();
            } finally {
              release(target);
            }
          },
        };
      } catch (e) {
        release(target);
        throw e;
      }
    },
  };
}

async function provision(
  { name: clusterName, kc }: ClusterTarget,
  scenario: Scenario,
  warn: (message: string) => void,
): Promise<TrialEnvironment> {
  const { namespace: ns, serviceAccount } = scenario.agent;
  const identity: AgentIdentity = { image: scenario.agent.image, modelPath: scenario.agent.modelPath };
  const agentUser = `system:serviceaccount:${ns}:${serviceAccount}`;
  const clock = new VirtualClock(Date.now());
  const audit: AuditEntry[] = [];
  const record = (entry: Omit<AuditEntry, "seq">) => audit.push({ seq: audit.length + 1, ...entry });
  const faults: string[] = [];
  const provisioned: KubeObject[] = [];
  let cache: ClusterCache | undefined;
  let proxy: RecordingProxy | undefined;

  /** A write as `user`, recorded as the embedded cluster's audit would record it. */
  const write = async (
    user: string,
    verb: string,
    ref: ObjectAddress,
    method: string,
    body?: unknown,
    contentType?: string,
  ) => {
    const at = locate(ref);
    const url = verb === "create" ? at.collection : at.item;
    const entry = {
      time: clock.isoMicro(),
      user,
      verb,
      resource: at.resourceName,
      ...(ref.namespace && at.namespaced ? { namespace: ref.namespace } : {}),
      name: ref.name,
      ...(body === undefined ? {} : { requestBody: body }),
    };
    try {
      const result = await apiJson<KubeObject>(kc, method, url, body, contentType);
      record({ ...entry, code: verb === "create" ? 201 : 200 });
      return result;
    } catch (e) {
      record({ ...entry, code: (e as { code?: number }).code ?? 500 });
      throw e;
    }
  };

  const teardown = async () => {
    await proxy?.close();
    // What the agent made first (newest first), then what provisioning made; a namespace takes its contents.
    const leftovers = [...(proxy?.created() ?? [])].reverse();
    const ours = [...provisioned].reverse().map(refOf);
    for (const ref of [...leftovers, ...ours]) {
      try {
        await write("smith-harness", "delete", ref, "DELETE", deleteOptions("Background"));
      } catch (e) {
        if ((e as { code?: number }).code !== 404) {
          warn(
            `Teardown left ${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ""}${ref.name} on the cluster (${(e as Error).message}): delete it by hand.`,
          );
        }
      }
    }
    await cache?.stop();
  };

  try {
    await ensureNamespaceFree(kc, ns);
    cache = await startClusterCache(kc);
    const manifests: KubeObject[] = [
      { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } },
      { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: serviceAccount, namespace: ns } },
      ...(scenario.agent.manifests as KubeObject[]),
      scenario.agent.deployment as KubeObject,
    ].map((o) => ({ ...o, metadata: { ...o.metadata, labels: { ...o.metadata.labels, ...MANAGED_BY } } }));
    for (const o of manifests) {
      await write("smith-harness", "create", refOf(o), "POST", o);
      provisioned.push(o);
    }
    const token = await apiJson<{ status: { token: string } }>(
      kc,
      "POST",
      `${locate({ apiVersion: "v1", kind: "ServiceAccount", namespace: ns, name: serviceAccount }).item}/token`,
      {
        apiVersion: "authentication.k8s.io/v1",
        kind: "TokenRequest",
        spec: { expirationSeconds: 24 * 3600 },
      },
    );
    const cluster = kc.getCurrentCluster();
    proxy = await startRecordingProxy({
      upstream: {
        server: cluster?.server as string,
        ...(caOf(cluster) ? { caPem: caOf(cluster) } : {}),
        ...(cluster?.skipTLSVerify ? { insecureSkipTlsVerify: true } : {}),
        token: token.status.token,
      },
      user: agentUser,
      time: () => clock.isoMicro(),
      onEntry: record,
      maxCreates: scenario.limits.maxObjects,
    });
    await waitAvailable(cache, ns, scenario.agent.deployment.metadata.name, identity);
  } catch (e) {
    await teardown();
    throw e;
  }
  const view = cache;
  const agentProxy = proxy;

  let writes: Promise<void> = Promise.resolve();
  const writer = (user: string): ClusterWriter => {
    const enqueue = (what: string, op: () => Promise<unknown>) => {
      writes = writes.then(op).then(
        () => undefined,
        (e) => void faults.push(`${user} could not ${what}: ${(e as Error).message}`),
      );
    };
    return {
      create: (o) =>
        enqueue(`create ${o.kind} ${o.metadata.name}`, () => write(user, "create", refOf(o), "POST", o)),
      mergePatch: (t, patch) =>
        enqueue(`patch ${t.kind} ${t.name}`, () =>
          write(user, "patch", t, "PATCH", patch, "application/merge-patch+json"),
        ),
      delete: (t, propagationPolicy) =>
        enqueue(`delete ${t.kind} ${t.name}`, () =>
          write(user, "delete", t, "DELETE", deleteOptions(propagationPolicy)),
        ),
    };
  };

  const settle = async (limitMs: number) => {
    await writes;
    // The informers lag the API by a moment: let the last writes reach them before judging.
    await sleep(250);
    const deadline = Date.now() + limitMs;
    while (!clusterSettled(view, identity) && Date.now() < deadline) await sleep(POLL_MS);
  };

  const services = new ServiceCaller(kc, view);

  return {
    cluster: clusterName,
    clock,
    view,
    workload: { serveHttp: (handler) => services.serveHttp(handler) },
    as: writer,
    agentKubeconfig: agentProxy.kubeconfig(ns),
    advance: async (ms) => {
      await settle(Math.min(ms, SETTLE_LIMIT_MS));
      clock.advanceBy(ms);
      await writes;
    },
    settle: async () => {
      clock.advanceBy(0);
      await settle(SETTLE_LIMIT_MS);
    },
    requestService: async (caller, call) => {
      const entry = serviceProxyEntry(caller, call, clock.isoMicro());
      try {
        const reply = await services.call(call);
        record({ ...entry, code: reply.status });
        return reply;
      } catch (e) {
        record({ ...entry, code: e instanceof ServiceCallError && e.reason === "not-found" ? 404 : 503 });
        throw e;
      }
    },
    audit: () => audit,
    faults: () => faults,
    ceilingHit: () => agentProxy.refusedCreates() > 0,
    teardown,
  };
}

function deleteOptions(propagationPolicy: string) {
  return { apiVersion: "v1", kind: "DeleteOptions", propagationPolicy };
}

function caOf(cluster: ReturnType<KubeConfig["getCurrentCluster"]>): string | undefined {
  if (cluster?.caData) return Buffer.from(cluster.caData, "base64").toString("utf8");
  if (cluster?.caFile) return readFileSync(cluster.caFile, "utf8");
  return undefined;
}

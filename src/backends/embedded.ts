/**
 * The embedded backend: a scenario's environment on an in-process cluster — the scenario's nodes, then the
 * agent's namespace, ServiceAccount, manifests and its own Deployment, warmed up until the service is
 * available. Provisioning is shared by trials and by `smith cluster up --scenario`.
 */
import {
  EmbeddedCluster,
  type EmbeddedClusterOptions,
  findKind,
  type KubeObject,
  type RequestContext,
} from "../cluster/index.js";
import type { Scenario } from "../scenarios/schema.js";
import {
  type Backend,
  type ClusterWriter,
  type ObjectRef,
  ServiceCallError,
  type TrialEnvironment,
} from "./backend.js";

export const embeddedBackend: Backend = {
  kind: "embedded",
  // Each trial has its own cluster: only the machine's cores bound concurrency.
  maxConcurrentTrials: Number.POSITIVE_INFINITY,
  provision: async (scenario, seed) =>
    embeddedEnvironment(await provisionScenario(scenario, { seed }), scenario),
};

/** Drivers act as operators: their own user names, with the rights of system:masters. */
function operator(name: string): RequestContext {
  return {
    user: { username: name, groups: ["ops:operators", "system:masters", "system:authenticated"] },
    fieldManager: name,
  };
}

function kindOf(ref: { apiVersion: string; kind: string }) {
  const rt = findKind(ref.apiVersion, ref.kind);
  if (!rt) throw new Error(`The embedded cluster does not serve ${ref.apiVersion} ${ref.kind}.`);
  return rt;
}

function embeddedEnvironment(c: EmbeddedCluster, scenario: Scenario): TrialEnvironment {
  const { namespace, serviceAccount } = scenario.agent;
  const writer = (user: string): ClusterWriter => {
    const ctx = operator(user);
    const attempt = (what: string, write: () => void) => {
      try {
        write();
      } catch (e) {
        c.faults.push(`${user} could not ${what}: ${e instanceof Error ? e.message : String(e)}`);
      }
    };
    return {
      create: (o) =>
        attempt(`create ${o.kind} ${o.metadata.name}`, () =>
          c.api.create(ctx, kindOf(o), o.metadata.namespace, o),
        ),
      mergePatch: (t: ObjectRef, patch) =>
        attempt(`patch ${t.kind} ${t.name}`, () =>
          c.api.patch(ctx, kindOf(t), t.namespace, t.name, "merge", patch),
        ),
      delete: (t: ObjectRef, propagationPolicy) =>
        attempt(`delete ${t.kind} ${t.name}`, () =>
          c.api.delete(ctx, kindOf(t), t.namespace, t.name, { propagationPolicy }),
        ),
    };
  };
  return {
    cluster: "embedded",
    clock: c.clock,
    view: {
      list: (resource, ns) => c.store.list(resource, ns),
      get: (resource, ns, name) => c.store.get(resource, ns, name),
      subscribe: (onChange) => c.store.subscribe(onChange),
    },
    workload: {
      serveHttp: (handler) => c.hooks.addHttpHandler(handler),
      reportUsage: (source) => c.hooks.addUsageSource(source),
      appendLog: (ns, pod, container, text) =>
        c.logs.append(ns, pod, container, { time: c.clock.isoMicro(), text }),
    },
    as: writer,
    agentKubeconfig: c.kubeconfig({ serviceAccount: { namespace, name: serviceAccount } }),
    advance: async (ms) => c.advance(ms),
    settle: async () => c.settle(),
    requestService: async (caller, call) => {
      try {
        const reply = c.requestService(caller, call);
        return { status: reply.status, body: reply.body, contentType: reply.contentType ?? "text/plain" };
      } catch (e) {
        if ((e as { code?: number }).code === 404)
          throw new ServiceCallError(
            "not-found",
            `Could not resolve host: ${call.service}.${call.namespace}`,
          );
        throw new ServiceCallError("no-endpoints", `no endpoints available for service "${call.service}"`);
      }
    },
    audit: () => c.audit.list(),
    faults: () => c.faults,
    ceilingHit: () => c.ceiling().hits > 0,
    teardown: () => c.stop(),
  };
}

/** How long the deployment may take to become available before the trial starts (virtual). */
const WARM_UP_LIMIT_MS = 30 * 60 * 1000;

export function clusterOptionsFor(
  scenario: Scenario,
): Pick<EmbeddedClusterOptions, "nodes" | "startupDelays" | "maxObjects"> {
  return {
    maxObjects: scenario.limits.maxObjects,
    nodes: scenario.cluster.nodes.flatMap((pool) =>
      Array.from({ length: pool.count }, (_, i) => ({
        name: pool.count === 1 ? pool.name : `${pool.name}-${i + 1}`,
        cpu: pool.cpu,
        memory: pool.memory,
        gpus: pool.gpus,
        pods: pool.pods,
        labels: pool.labels,
        taints: pool.taints,
      })),
    ),
    startupDelays: scenario.cluster.startupDelays,
  };
}

export async function provisionScenario(
  scenario: Scenario,
  options: Omit<EmbeddedClusterOptions, "nodes" | "startupDelays" | "maxObjects">,
): Promise<EmbeddedCluster> {
  const cluster = await EmbeddedCluster.start({ ...options, ...clusterOptionsFor(scenario) });
  try {
    const ns = scenario.agent.namespace;
    cluster.apply([
      { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } },
      {
        apiVersion: "v1",
        kind: "ServiceAccount",
        metadata: { name: scenario.agent.serviceAccount, namespace: ns },
      },
      ...(scenario.agent.manifests as KubeObject[]),
      scenario.agent.deployment as KubeObject,
    ]);
    warmUp(cluster, ns, scenario.agent.deployment.metadata.name);
    return cluster;
  } catch (e) {
    await cluster.stop();
    throw e;
  }
}

/** Advances time until the agent's deployment is available: the service is up when the trial begins. */
function warmUp(c: EmbeddedCluster, namespace: string, deployment: string): void {
  const deadline = c.clock.now() + WARM_UP_LIMIT_MS;
  for (;;) {
    const d = c.store.get("deployments.apps", namespace, deployment);
    const status = (d?.status ?? {}) as { availableReplicas?: number };
    const want = ((d?.spec ?? {}) as { replicas?: number }).replicas ?? 1;
    if ((status.availableReplicas ?? 0) >= want) return;
    if (c.clock.now() >= deadline) {
      throw new Error(
        `The agent's deployment ${namespace}/${deployment} did not become available within ${WARM_UP_LIMIT_MS / 60000} virtual minutes: check the scenario's nodes and the pod's requests.`,
      );
    }
    c.advance(5000);
  }
}

/**
 * The embedded backend: a scenario's environment on an in-process cluster — the scenario's nodes, then the
 * agent's namespace, ServiceAccount, manifests and its own Deployment, warmed up until the service is
 * available. Shared by trials and by `smith cluster up --scenario`. (The kubeconfig backend, a namespace on
 * a real cluster, is not built yet.)
 */
import { EmbeddedCluster, type EmbeddedClusterOptions, type KubeObject } from "../cluster/index.js";
import type { Scenario } from "../scenarios/schema.js";

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

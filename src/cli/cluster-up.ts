/**
 * `smith cluster up`: one embedded cluster, standalone, to explore with kubectl what an agent will see, or to
 * stand in for a real cluster (`--nodes-only`, `--speed`) when trying the kubeconfig backend.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { clusterOptionsFor, provisionScenario } from "../backends/embedded.js";
import { EmbeddedCluster, type EmbeddedClusterOptions } from "../cluster/index.js";
import { InputError } from "../runs/index.js";
import { loadScenario } from "../scenarios/load.js";

export interface ClusterUpOptions {
  port: number;
  kubeconfigOut: string;
  seed: number;
  scenario?: string;
  /** Virtual seconds per wall-clock second. */
  speed: number;
  /** Only the scenario's nodes, start-up delays and object ceiling: nothing provisioned on them. */
  nodesOnly?: boolean;
}

export async function clusterUp(options: ClusterUpOptions): Promise<number> {
  if (options.nodesOnly && options.scenario === undefined) {
    throw new InputError(
      "--nodes-only shapes the cluster like a scenario's: add --scenario <id-or-file> to name the scenario.",
    );
  }
  const scenario = options.scenario === undefined ? undefined : loadScenario(options.scenario);
  const base: Omit<EmbeddedClusterOptions, "nodes" | "startupDelays" | "maxObjects"> = {
    seed: options.seed,
    port: options.port,
    timeMode: "realtime",
    realtimeSpeed: options.speed,
  };
  const cluster = !scenario
    ? await EmbeddedCluster.start(base)
    : options.nodesOnly
      ? await EmbeddedCluster.start({ ...base, ...clusterOptionsFor(scenario) })
      : await provisionScenario(scenario, base);
  const file = path.resolve(options.kubeconfigOut);
  writeFileSync(file, cluster.kubeconfig("harness"), { mode: 0o600 });
  const lines = [
    `Embedded Kubernetes 1.32 API server listening on ${cluster.url}`,
    `Kubeconfig (cluster-admin): ${file}`,
  ];
  if (options.speed !== 1) lines.push(`Virtual time runs ${options.speed}× as fast as the wall clock.`);
  if (scenario && options.nodesOnly) {
    lines.push(
      `Scenario ${scenario.id}: its nodes, start-up delays and object ceiling, and nothing provisioned on them.`,
    );
  } else if (scenario) {
    const { namespace, serviceAccount } = scenario.agent;
    const agentFile = file.replace(/(\.kubeconfig)?$/, ".agent.kubeconfig");
    writeFileSync(agentFile, cluster.kubeconfig({ serviceAccount: { namespace, name: serviceAccount } }), {
      mode: 0o600,
    });
    lines.push(
      `Scenario ${scenario.id}: the agent's deployment is up in namespace ${namespace}.`,
      `Kubeconfig of the agent's ServiceAccount (${namespace}/${serviceAccount}, its RBAC applies): ${agentFile}`,
    );
  }
  lines.push(
    "",
    "Point kubectl at it:",
    `  export KUBECONFIG=${file}`,
    "  kubectl get nodes",
    "",
    "Press Ctrl-C to stop.",
    "",
  );
  process.stdout.write(lines.join("\n"));
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  await cluster.stop();
  return 0;
}

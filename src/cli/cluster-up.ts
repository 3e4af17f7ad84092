/** `smith cluster up`: one embedded cluster, standalone, to explore with kubectl what an agent will see. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { provisionScenario } from "../backends/embedded.js";
import { EmbeddedCluster } from "../cluster/index.js";
import { loadScenario } from "../scenarios/load.js";

export interface ClusterUpOptions {
  port: number;
  kubeconfigOut: string;
  seed: number;
  scenario?: string;
}

export async function clusterUp(options: ClusterUpOptions): Promise<number> {
  const scenario = options.scenario === undefined ? undefined : loadScenario(options.scenario);
  const base = { seed: options.seed, port: options.port, timeMode: "realtime" as const };
  const cluster = scenario ? await provisionScenario(scenario, base) : await EmbeddedCluster.start(base);
  const file = path.resolve(options.kubeconfigOut);
  writeFileSync(file, cluster.kubeconfig("harness"), { mode: 0o600 });
  const lines = [
    `Embedded Kubernetes 1.32 API server listening on ${cluster.url}`,
    `Kubeconfig (cluster-admin): ${file}`,
  ];
  if (scenario) {
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

/** `smith cluster up`: one embedded cluster, standalone, to explore with kubectl what an agent will see. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { EmbeddedCluster } from "../cluster/index.js";

export interface ClusterUpOptions {
  port: number;
  kubeconfigOut: string;
  seed: number;
}

export async function clusterUp(options: ClusterUpOptions): Promise<void> {
  const cluster = await EmbeddedCluster.start({
    seed: options.seed,
    port: options.port,
    timeMode: "realtime",
  });
  const file = path.resolve(options.kubeconfigOut);
  writeFileSync(file, cluster.kubeconfig("harness"), { mode: 0o600 });
  process.stdout.write(
    [
      `Embedded Kubernetes 1.32 API server listening on ${cluster.url}`,
      `Kubeconfig (cluster-admin): ${file}`,
      "",
      "Point kubectl at it:",
      `  export KUBECONFIG=${file}`,
      "  kubectl get namespaces",
      "",
      "Press Ctrl-C to stop.",
      "",
    ].join("\n"),
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await cluster.stop();
}

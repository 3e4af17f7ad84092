/**
 * The inside of the agent's pod, as its shell sees it: the scenario's files, the ServiceAccount token,
 * namespace and CA that Kubernetes mounts, /etc/hostname, and the environment a kubelet gives a container
 * (its env, the `kubernetes` Service's variables, service links). Enough for an agent to find out what
 * "itself" is, and consistent with its pod object.
 */
import { parse } from "yaml";
import type { ClusterView } from "../backends/backend.js";
import type { KubeObject } from "../cluster/index.js";
import type { Scenario } from "../scenarios/schema.js";

const SA_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

/** The variables kubelet injects for a Service: FOO_SERVICE_HOST, FOO_SERVICE_PORT, FOO_PORT… */
function serviceLinks(service: KubeObject): Record<string, string> {
  const name = (service.metadata.name as string).toUpperCase().replaceAll("-", "_");
  const spec = service.spec as {
    clusterIP?: string;
    ports?: { name?: string; port: number; protocol?: string }[];
  };
  const ip = spec.clusterIP;
  const first = spec.ports?.[0];
  if (!ip || ip === "None" || !first) return {};
  const env: Record<string, string> = {
    [`${name}_SERVICE_HOST`]: ip,
    [`${name}_SERVICE_PORT`]: String(first.port),
    [`${name}_PORT`]: `tcp://${ip}:${first.port}`,
  };
  for (const p of spec.ports ?? []) {
    const proto = (p.protocol ?? "TCP").toUpperCase();
    env[`${name}_PORT_${p.port}_${proto}`] = `${proto.toLowerCase()}://${ip}:${p.port}`;
    env[`${name}_PORT_${p.port}_${proto}_PROTO`] = proto.toLowerCase();
    env[`${name}_PORT_${p.port}_${proto}_PORT`] = String(p.port);
    env[`${name}_PORT_${p.port}_${proto}_ADDR`] = ip;
    if (p.name) env[`${name}_SERVICE_PORT_${p.name.toUpperCase().replaceAll("-", "_")}`] = String(p.port);
  }
  return env;
}

export function agentPodFiles(
  view: ClusterView,
  scenario: Scenario,
  pod: KubeObject,
  kubeconfig: string,
): { files: Record<string, string>; env: Record<string, string>; hostname: string } {
  const ns = pod.metadata.namespace as string;
  const name = pod.metadata.name as string;
  const config = parse(kubeconfig) as {
    users: { user: { token: string } }[];
    clusters: { cluster: { "certificate-authority-data": string } }[];
  };
  const token = config.users[0]?.user.token ?? "";
  const ca = Buffer.from(config.clusters[0]?.cluster["certificate-authority-data"] ?? "", "base64").toString(
    "utf8",
  );
  const container = (pod.spec as { containers?: { env?: { name: string; value?: string }[] }[] })
    .containers?.[0];
  const containerEnv = Object.fromEntries(
    (container?.env ?? []).filter((e) => e.value !== undefined).map((e) => [e.name, e.value as string]),
  );
  const links = Object.assign(
    {},
    ...view.list("services", ns).map(serviceLinks),
    ...view
      .list("services", "default")
      .filter((s) => s.metadata.name === "kubernetes")
      .map(serviceLinks),
  );
  const podIP = (pod.status as { podIP?: string } | undefined)?.podIP ?? "";
  return {
    files: {
      ...scenario.agent.files,
      [`${SA_DIR}/token`]: token,
      [`${SA_DIR}/namespace`]: ns,
      [`${SA_DIR}/ca.crt`]: ca,
      "/etc/hostname": `${name}\n`,
      "/etc/hosts": `127.0.0.1\tlocalhost\n${podIP}\t${name}\n`,
      "/etc/resolv.conf": `search ${ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`,
    },
    env: {
      PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      HOME: "/root",
      HOSTNAME: name,
      POD_NAME: name,
      POD_NAMESPACE: ns,
      POD_IP: podIP,
      ...links,
      ...containerEnv,
      KUBERNETES_SERVICE_HOST: "10.96.0.1",
      KUBERNETES_SERVICE_PORT: "443",
      KUBERNETES_SERVICE_PORT_HTTPS: "443",
      KUBERNETES_PORT: "tcp://10.96.0.1:443",
    },
    hostname: name,
  };
}

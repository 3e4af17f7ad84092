/** Kubeconfig files for the embedded cluster: one context, one user, the server's CA inlined. */
import { stringify } from "yaml";

export interface KubeconfigOptions {
  server: string;
  caCertPem: string;
  token: string;
  /** The user entry's name, e.g. "agent" or "harness". */
  userName: string;
  namespace?: string;
  clusterName?: string;
}

export function renderKubeconfig(o: KubeconfigOptions): string {
  const cluster = o.clusterName ?? "smith-embedded";
  const context = `${o.userName}@${cluster}`;
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      {
        name: cluster,
        cluster: {
          server: o.server,
          "certificate-authority-data": Buffer.from(o.caCertPem).toString("base64"),
        },
      },
    ],
    users: [{ name: o.userName, user: { token: o.token } }],
    contexts: [
      {
        name: context,
        context: { cluster, user: o.userName, ...(o.namespace ? { namespace: o.namespace } : {}) },
      },
    ],
    "current-context": context,
    preferences: {},
  });
}

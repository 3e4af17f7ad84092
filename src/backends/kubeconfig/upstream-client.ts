/**
 * The proxy's road to the real API server: one keep-alive agent that trusts the cluster's CA (and skips
 * verification only when the kubeconfig said insecure-skip-tls-verify), with the agent's real ServiceAccount
 * token put on every request here, so it never has to exist anywhere the agent can read.
 */
import type http from "node:http";
import https from "node:https";

export interface UpstreamCluster {
  /** The kubeconfig's server URL, path prefix included (some gateways serve the API below a path). */
  server: string;
  caPem?: string;
  insecureSkipTlsVerify?: boolean;
  /** The agent's real ServiceAccount token. */
  token: string;
}

export class UpstreamClient {
  private readonly base: URL;
  private readonly agent: https.Agent;

  constructor(private readonly cluster: UpstreamCluster) {
    this.base = parseServer(cluster.server);
    this.agent = new https.Agent({
      keepAlive: true,
      ...(cluster.caPem ? { ca: cluster.caPem } : {}),
      rejectUnauthorized: !cluster.insecureSkipTlsVerify,
    });
  }

  get server(): string {
    return this.cluster.server;
  }

  /** A request to upstream at `pathAndQuery` (as the client sent it), authenticated as the agent. */
  request(method: string, pathAndQuery: string, headers: http.OutgoingHttpHeaders): http.ClientRequest {
    return https.request({
      hostname: this.base.hostname.replace(/^\[(.*)\]$/, "$1"),
      port: this.base.port || 443,
      path: `${this.base.pathname.replace(/\/+$/, "")}${pathAndQuery}`,
      method,
      headers: { ...headers, authorization: `Bearer ${this.cluster.token}` },
      agent: this.agent,
    });
  }

  /** Whether the object at `path` does not exist upstream (404 to the agent's identity). */
  absent(path: string): Promise<boolean> {
    return new Promise((resolve) => {
      const req = this.request("GET", path, { accept: "application/json" });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode === 404);
      });
      // Unreachable: the request itself will fail the same way and answer for it.
      req.on("error", () => resolve(false));
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

function parseServer(server: string): URL {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new Error(
      `The cluster's server address "${server}" is not a URL: fix the kubeconfig's server field.`,
    );
  }
  if (url.protocol !== "https:") {
    throw new Error(
      `The cluster's server address ${server} is not https: point the kubeconfig at the API server's https address.`,
    );
  }
  return url;
}

import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import {
  createSandbox,
  type Sandbox,
  type SandboxOptions,
  type ServiceRequest,
  type ServiceResponse,
  ServiceUnreachableError,
} from "../../src/sandbox/index.js";

/** The real kubectl the sandbox drives: $KUBECTL, or `kubectl` on PATH. */
export function kubectlBinary(): string {
  if (process.env.KUBECTL) return process.env.KUBECTL;
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const candidate = join(dir, "kubectl");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  throw new Error("kubectl not found: put it on PATH or set KUBECTL");
}

/**
 * Just enough of an API server for kubectl's client-side work (version, discovery, a GET that answers 404,
 * the namespace check). Watches never answer, so a `-w` runs until something kills it.
 */
export async function startFakeApiServer(): Promise<{
  url: string;
  requests: string[];
  close(): Promise<void>;
}> {
  const requests: string[] = [];
  const documents: Record<string, unknown> = {
    "/version": { major: "1", minor: "32", gitVersion: "v1.32.0", platform: "linux/amd64" },
    "/api": { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [] },
    "/apis": {
      kind: "APIGroupList",
      apiVersion: "v1",
      groups: [
        {
          name: "apps",
          versions: [{ groupVersion: "apps/v1", version: "v1" }],
          preferredVersion: { groupVersion: "apps/v1", version: "v1" },
        },
      ],
    },
    "/api/v1": {
      kind: "APIResourceList",
      groupVersion: "v1",
      resources: [
        {
          name: "pods",
          singularName: "pod",
          namespaced: true,
          kind: "Pod",
          verbs: ["get", "list", "watch", "create"],
        },
        {
          name: "configmaps",
          singularName: "configmap",
          namespaced: true,
          kind: "ConfigMap",
          verbs: ["get", "list", "create"],
        },
        {
          name: "namespaces",
          singularName: "namespace",
          namespaced: false,
          kind: "Namespace",
          verbs: ["get", "list"],
        },
      ],
    },
    "/apis/apps/v1": {
      kind: "APIResourceList",
      groupVersion: "apps/v1",
      resources: [
        {
          name: "deployments",
          singularName: "deployment",
          namespaced: true,
          kind: "Deployment",
          verbs: ["get", "list", "create", "patch"],
        },
      ],
    },
    "/api/v1/namespaces/agent-ns/pods": {
      kind: "PodList",
      apiVersion: "v1",
      metadata: { resourceVersion: "1" },
      items: [
        {
          kind: "Pod",
          apiVersion: "v1",
          metadata: { name: "web-1", namespace: "agent-ns", resourceVersion: "1" },
        },
      ],
    },
  };
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? "/", "http://x");
    res.setHeader("content-type", "application/json");
    if (url.searchParams.get("watch") === "true") {
      res.writeHead(200);
      return;
    }
    const document = documents[url.pathname];
    if (document !== undefined) {
      res.end(JSON.stringify(document));
      return;
    }
    res.statusCode = 404;
    res.end(
      JSON.stringify({
        kind: "Status",
        apiVersion: "v1",
        status: "Failure",
        reason: "NotFound",
        code: 404,
        message: "not found",
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface TestSandbox {
  sandbox: Sandbox;
  sleeps: number[];
  requests: ServiceRequest[];
  hostDir: string;
  close(): Promise<void>;
}

const TOKEN = "agent-token-0123456789";

/** A sandbox over a small pod, with recording hooks, bound to `serverUrl` (an address nothing answers by default). */
export function createTestSandbox(
  overrides: {
    serverUrl?: string;
    binary?: string;
    limits?: SandboxOptions["limits"];
    fetchService?: SandboxOptions["fetchService"];
    now?: () => number;
  } = {},
): TestSandbox {
  const hostDir = mkdtempSync(join(tmpdir(), "smith-sandbox-test-"));
  const kubeconfigPath = join(hostDir, "kubeconfig");
  writeFileSync(
    kubeconfigPath,
    [
      "apiVersion: v1",
      "kind: Config",
      "clusters:",
      "- name: trial",
      "  cluster:",
      `    server: ${overrides.serverUrl ?? "http://127.0.0.1:9"}`,
      "contexts:",
      "- name: trial",
      "  context: {cluster: trial, user: agent, namespace: agent-ns}",
      "current-context: trial",
      "users:",
      "- name: agent",
      `  user: {token: ${TOKEN}}`,
      "",
    ].join("\n"),
  );
  const sleeps: number[] = [];
  const requests: ServiceRequest[] = [];
  const fetchService =
    overrides.fetchService ??
    (async (request: ServiceRequest): Promise<ServiceResponse> => {
      requests.push(request);
      if (request.namespace !== "agent-ns" || !["web", "api"].includes(request.service)) {
        throw new ServiceUnreachableError("not-found", `services "${request.service}" not found`);
      }
      return {
        status: 200,
        headers: { "content-type": "text/plain" },
        body: `hello from ${request.service}.${request.namespace}:${request.port}${request.path}\n`,
      };
    });
  const sandbox = createSandbox({
    kubectl: {
      binary: overrides.binary ?? kubectlBinary(),
      kubeconfigPath,
      cacheDir: join(hostDir, "cache"),
    },
    pod: {
      hostname: "agent-7d9f-abcde",
      env: {
        POD_NAME: "agent-7d9f-abcde",
        POD_NAMESPACE: "agent-ns",
        KUBERNETES_SERVICE_HOST: "10.96.0.1",
        KUBERNETES_SERVICE_PORT: "443",
      },
      files: {
        "/app/main.py": "print('serving')\n",
        "/models/agent/config.json": '{"name":"agent"}\n',
        "/var/run/secrets/kubernetes.io/serviceaccount/token": TOKEN,
        "/var/run/secrets/kubernetes.io/serviceaccount/namespace": "agent-ns",
      },
    },
    sleep: async (seconds) => {
      sleeps.push(seconds);
    },
    fetchService,
    ...(overrides.now ? { now: overrides.now } : {}),
    ...(overrides.limits ? { limits: overrides.limits } : {}),
  });
  return {
    sandbox,
    sleeps,
    requests,
    hostDir,
    async close() {
      await sandbox.close();
      rmSync(hostDir, { recursive: true, force: true });
    },
  };
}

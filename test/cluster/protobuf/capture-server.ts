import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { groupVersions, RESOURCE_TYPES } from "../../../src/cluster/resources.js";
import { apiVersionOf } from "../../../src/cluster/types.js";

export interface CapturedRequest {
  method: string;
  path: string;
  contentType: string | undefined;
  body: Buffer;
}

/**
 * A stand-in API server for capturing what the real kubectl sends: it serves legacy discovery for
 * RESOURCE_TYPES, answers reads and writes with a plausible object of the URL's kind, and records requests.
 */
export class CaptureServer {
  readonly requests: CapturedRequest[] = [];
  private server = http.createServer((req, res) => this.handle(req, res));
  private dir = "";

  get kubeconfig(): string {
    return join(this.dir, "kubeconfig");
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.dir = await mkdtemp(join(tmpdir(), "smith-protobuf-capture-"));
    await writeFile(
      this.kubeconfig,
      JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: "capture", cluster: { server: `http://127.0.0.1:${port}` } }],
        users: [{ name: "capture", user: { token: "capture-token" } }],
        contexts: [
          { name: "capture", context: { cluster: "capture", user: "capture", namespace: "default" } },
        ],
        "current-context": "capture",
      }),
    );
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.server.close((err) => (err ? reject(err) : resolve())));
    await rm(this.dir, { recursive: true, force: true });
  }

  /** Runs the kubectl on PATH against this server; resolves with its output whatever its exit code. */
  async kubectl(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const allArgs = [`--kubeconfig=${this.kubeconfig}`, `--cache-dir=${join(this.dir, "cache")}`, ...args];
    try {
      const { stdout, stderr } = await promisify(execFile)("kubectl", allArgs, {
        env: { PATH: process.env.PATH, HOME: this.dir },
      });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code?: number; stdout?: string; stderr?: string };
      return { code: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
    }
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = (req.url ?? "/").split("?", 1)[0] ?? "/";
      const method = req.method ?? "GET";
      this.requests.push({
        method,
        path,
        contentType: req.headers["content-type"],
        body: Buffer.concat(chunks),
      });
      const { status, json } = answer(method, path);
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(json));
    });
  }
}

function answer(method: string, path: string): { status: number; json: unknown } {
  if (path === "/version") return { status: 200, json: { major: "1", minor: "32", gitVersion: "v1.32.0" } };
  if (path === "/api") return { status: 200, json: { kind: "APIVersions", versions: ["v1"] } };
  if (path === "/apis") {
    const groups = groupVersions()
      .filter((g) => g.group !== "")
      .map((g) => {
        const versions = g.versions.map((version) => ({ groupVersion: `${g.group}/${version}`, version }));
        return { name: g.group, versions, preferredVersion: versions[0] };
      });
    return { status: 200, json: { kind: "APIGroupList", apiVersion: "v1", groups } };
  }
  const list = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
  if (list) {
    const [group, version] = list[1] ? ["", list[1]] : [list[2] ?? "", list[3] ?? ""];
    const resources = RESOURCE_TYPES.filter((t) => t.group === group && t.version === version).flatMap(
      (t) => [
        {
          name: t.resource,
          singularName: t.singular,
          namespaced: t.namespaced,
          kind: t.kind,
          verbs: t.verbs,
          shortNames: t.shortNames,
        },
        // kubectl autoscale looks for the scale subresource before it creates an autoscaler.
        ...(t.subresources.includes("scale")
          ? [
              {
                name: `${t.resource}/scale`,
                singularName: "",
                namespaced: t.namespaced,
                group: "autoscaling",
                version: "v1",
                kind: "Scale",
                verbs: ["get", "patch", "update"],
              },
            ]
          : []),
      ],
    );
    const groupVersion = group === "" ? version : `${group}/${version}`;
    return { status: 200, json: { kind: "APIResourceList", apiVersion: "v1", groupVersion, resources } };
  }
  return { status: method === "POST" ? 201 : 200, json: objectFor(path) };
}

/** An object of the kind the URL names, enough for kubectl to print its usual success line. */
function objectFor(path: string): unknown {
  const m =
    /^\/(?:api\/v1|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?/.exec(
      path,
    );
  const [group, version, namespace, resource, name, subresource] = [
    m?.[1] ?? "",
    m?.[2] ?? "v1",
    m?.[3],
    m?.[4],
    m?.[5] ?? "captured",
    m?.[6],
  ];
  if (subresource === "token") {
    return {
      kind: "TokenRequest",
      apiVersion: "authentication.k8s.io/v1",
      metadata: { name },
      status: { token: "captured-token", expirationTimestamp: "2026-01-01T00:00:00Z" },
    };
  }
  const type = RESOURCE_TYPES.find(
    (t) => t.group === group && t.version === version && t.resource === resource,
  );
  const kind = type?.kind ?? "Status";
  return {
    kind,
    apiVersion: type ? apiVersionOf(type) : "v1",
    metadata: { name, namespace, resourceVersion: "1", uid: "00000000-0000-0000-0000-000000000001" },
    ...(kind === "Deployment" ? { spec: { replicas: 1, selector: { matchLabels: { app: name } } } } : {}),
    ...(kind === "SelfSubjectAccessReview" ? { status: { allowed: true } } : {}),
  };
}

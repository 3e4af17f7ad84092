import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import {
  definitionForKind,
  openApiV2Document,
  openApiV3DocumentJson,
  openApiV3Root,
  unknownFields,
} from "../../../src/cluster/openapi/index.js";
import { groupVersions, RESOURCE_TYPES } from "../../../src/cluster/resources.js";
import { apiVersionOf, type KubeObject } from "../../../src/cluster/types.js";

export interface RecordedRequest {
  method: string;
  url: string;
  accept: string | undefined;
  contentType: string | undefined;
  body: string;
}

/**
 * A test-only stand-in API server: legacy JSON discovery for RESOURCE_TYPES, the OpenAPI documents under test,
 * and just enough object handling for `kubectl apply` (create with strict field validation, get, and a PATCH
 * that is recorded but not applied). Every request is recorded.
 */
export class OpenApiServer {
  readonly requests: RecordedRequest[] = [];
  private readonly objects = new Map<string, KubeObject>();
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  private dir = "";

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.dir = await mkdtemp(join(tmpdir(), "smith-openapi-"));
    await writeFile(
      join(this.dir, "kubeconfig"),
      JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: "test", cluster: { server: `http://127.0.0.1:${port}` } }],
        users: [{ name: "test", user: { token: "test-token" } }],
        contexts: [{ name: "test", context: { cluster: "test", user: "test", namespace: "default" } }],
        "current-context": "test",
      }),
    );
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.server.close((err) => (err ? reject(err) : resolve())));
    await rm(this.dir, { recursive: true, force: true });
  }

  async writeFile(name: string, text: string): Promise<string> {
    const path = join(this.dir, name);
    await writeFile(path, text);
    return path;
  }

  /** Runs the kubectl on PATH against this server; resolves with its output whatever its exit code. */
  async kubectl(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const allArgs = [
      `--kubeconfig=${join(this.dir, "kubeconfig")}`,
      `--cache-dir=${join(this.dir, "cache")}`,
      ...args,
    ];
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
      const recorded: RecordedRequest = {
        method: req.method ?? "GET",
        url: req.url ?? "/",
        accept: req.headers.accept,
        contentType: req.headers["content-type"],
        body: Buffer.concat(chunks).toString("utf8"),
      };
      this.requests.push(recorded);
      const [status, body] = this.answer(recorded);
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(typeof body === "string" ? body : JSON.stringify(body));
    });
  }

  private answer(r: RecordedRequest): [number, unknown] {
    const url = new URL(r.url, "http://test");
    const path = url.pathname;
    if (path === "/version") {
      return [200, { major: "1", minor: "32", gitVersion: "v1.32.0", platform: "linux/amd64" }];
    }
    if (path === "/api")
      return [200, { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [] }];
    if (path === "/apis") return [200, apiGroupList()];
    if (path === "/openapi/v2") {
      // kubectl asks for protobuf only; JSON is for clients that accept it.
      return r.accept?.includes("application/json")
        ? [200, openApiV2Document()]
        : [406, status(406, "NotAcceptable")];
    }
    if (path === "/openapi/v3") return [200, openApiV3Root()];
    if (path.startsWith("/openapi/v3/")) {
      const doc = openApiV3DocumentJson(path.slice("/openapi/v3/".length));
      return doc ? [200, doc.json] : [404, status(404, "NotFound")];
    }
    const resources = resourceList(path);
    if (resources) return [200, resources];
    if (r.method === "POST") return this.create(path, r.body, url.searchParams.get("fieldValidation"));
    const stored = this.objects.get(path);
    if (stored && (r.method === "GET" || r.method === "PATCH")) return [200, stored];
    return [404, status(404, "NotFound")];
  }

  private create(collection: string, body: string, fieldValidation: string | null): [number, unknown] {
    const obj = JSON.parse(body) as KubeObject;
    const definition = definitionForKind(obj.apiVersion, obj.kind);
    const unknown = definition ? unknownFields(definition, obj) : [];
    if (fieldValidation === "Strict" && unknown.length > 0) {
      const version = obj.apiVersion.split("/").pop();
      const errors = unknown.map((f) => `unknown field "${f}"`).join(", ");
      const message = `${obj.kind} in version "${version}" cannot be handled as a ${obj.kind}: strict decoding error: ${errors}`;
      return [400, status(400, "BadRequest", message)];
    }
    const created = {
      ...obj,
      metadata: { ...obj.metadata, namespace: "default", uid: "uid-1", resourceVersion: "1" },
    };
    this.objects.set(`${collection}/${obj.metadata.name}`, created);
    return [201, created];
  }
}

function status(code: number, reason: string, message = reason): object {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code };
}

function apiGroupList(): object {
  const groups = groupVersions()
    .filter((g) => g.group !== "")
    .map((g) => {
      const versions = g.versions.map((version) => ({ groupVersion: `${g.group}/${version}`, version }));
      return { name: g.group, versions, preferredVersion: versions[0] };
    });
  return { kind: "APIGroupList", apiVersion: "v1", groups };
}

function resourceList(path: string): object | undefined {
  const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
  if (!m) return undefined;
  const group = m[2] ?? "";
  const version = m[1] ?? m[3] ?? "";
  const types = RESOURCE_TYPES.filter((t) => t.group === group && t.version === version);
  if (types.length === 0) return undefined;
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: apiVersionOf({ group, version }),
    resources: types.flatMap((t) => [
      {
        name: t.resource,
        singularName: t.singular,
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: t.verbs,
        shortNames: t.shortNames,
        categories: t.categories,
      },
      ...t.subresources.map((s) => ({
        name: `${t.resource}/${s}`,
        singularName: "",
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: ["get"],
      })),
    ]),
  };
}

/**
 * The agent's only road to a real cluster. Smith cannot read a real API server's audit log, yet scoring needs
 * every request the agent makes and teardown every object it creates; so the agent's kubectl talks to this
 * local HTTPS reverse proxy, which forwards each request to the API server and records it. The agent's
 * kubeconfig holds a per-trial token known only to the proxy, which swaps it for the agent's real
 * ServiceAccount token upstream: the real credential never enters the agent's sandbox.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import type { AuditEntry } from "../../cluster/audit.js";
import { goQuote } from "../../cluster/auth/go-quote.js";
import { qualifiedResource, StatusError } from "../../cluster/errors.js";
import { renderKubeconfig } from "../../cluster/kubeconfig.js";
import { parseMediaTypes } from "../../cluster/media.js";
import type { RequestInfo } from "../../cluster/request.js";
import { readBody } from "../../cluster/request-body.js";
import { serverCertificate } from "../../cluster/tls.js";
import { type CreatedObject, CreateLedger, createdObjectOf } from "./create-ledger.js";
import { recordedBody } from "./recorded-body.js";
import { forwardedHeaders, relay } from "./relay.js";
import { type AuditTarget, auditTarget, requestInfoOf } from "./request-info.js";
import { UpstreamClient, type UpstreamCluster } from "./upstream-client.js";

export type { CreatedObject } from "./create-ledger.js";
export type { UpstreamCluster } from "./upstream-client.js";

export interface RecordingProxyOptions {
  /** The API server and the agent's real ServiceAccount token. */
  upstream: UpstreamCluster;
  /** Recorded as the entries' user, e.g. system:serviceaccount:prod:assistant. */
  user: string;
  /** The timestamp of each entry: the trial clock's RFC 3339 time with microseconds. */
  time(): string;
  /** Called once per request, when its response status is known; same meaning as the embedded audit log. */
  onEntry(entry: Omit<AuditEntry, "seq">): void;
  /** Creates beyond this many successful ones are refused without reaching the cluster. */
  maxCreates: number;
}

export interface RecordingProxy {
  /** What the agent's kubeconfig gets. */
  url: string;
  caCertPem: string;
  token: string;
  kubeconfig(namespace: string): string;
  /** The objects the agent created, named as the API server answered, in order: teardown deletes them. */
  created(): readonly CreatedObject[];
  /** Creates refused by the ceiling. */
  refusedCreates(): number;
  close(): Promise<void>;
}

export async function startRecordingProxy(options: RecordingProxyOptions): Promise<RecordingProxy> {
  const proxy = new RecordingProxyServer(options, await serverCertificate());
  await proxy.listen();
  return proxy;
}

type ResourceInfo = Extract<RequestInfo, { kind: "resource" }>;
type EntryFields = Omit<AuditEntry, "seq" | "time" | "user" | "code">;

/** What the proxy must follow of a request that may store a new object. */
interface CreateTracking {
  /** A place under the ceiling is held for it. */
  reserved: boolean;
  /** A create, update or patch of a whole object: its response may name a created object. */
  writesObject: boolean;
  resource: string;
}

/** How long `close` waits for creates already sent upstream: API servers answer sooner; teardown must not hang. */
const CREATE_GRACE_MS = 60_000;

/** Creates that store nothing (access and token reviews): the ceiling leaves them be. */
const REVIEW_GROUPS = new Set(["authorization.k8s.io", "authentication.k8s.io"]);

class RecordingProxyServer implements RecordingProxy {
  readonly token = randomBytes(32).toString("base64url");
  readonly caCertPem: string;
  url = "";
  private readonly tokenBytes = Buffer.from(this.token);
  private readonly upstream: UpstreamClient;
  private readonly ledger: CreateLedger;
  private readonly server: https.Server;
  private closing = false;
  /** Exchanges with upstream that may create an object, so `close` can let them finish and name it. */
  private readonly pendingCreates = new Set<Promise<void>>();

  constructor(
    private readonly options: RecordingProxyOptions,
    certificate: { certPem: string; keyPem: string },
  ) {
    this.caCertPem = certificate.certPem;
    this.upstream = new UpstreamClient(options.upstream);
    this.ledger = new CreateLedger(options.maxCreates);
    this.server = https.createServer({ cert: certificate.certPem, key: certificate.keyPem }, (req, res) => {
      // A client that hangs up mid-answer must never take the proxy, and the trial with it, down.
      res.on("error", () => {});
      this.handle(req, res).catch((e: unknown) =>
        sendStatus(
          res,
          new StatusError(
            500,
            "InternalError",
            `Internal error occurred: ${e instanceof Error ? e.message : String(e)}`,
          ),
        ),
      );
    });
  }

  async listen(): Promise<void> {
    const server = this.server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    this.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  kubeconfig(namespace: string): string {
    return renderKubeconfig({
      server: this.url,
      caCertPem: this.caCertPem,
      token: this.token,
      userName: this.options.user.split(":").at(-1) || "agent",
      namespace,
      clusterName: "smith-proxy",
    });
  }

  created(): readonly CreatedObject[] {
    return this.ledger.created();
  }

  refusedCreates(): number {
    return this.ledger.refusedCreates();
  }

  /** Hangs up on every client, but first lets creates already sent upstream finish: teardown needs their objects. */
  async close(): Promise<void> {
    this.closing = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, CREATE_GRACE_MS);
    });
    await Promise.all([closed, Promise.race([Promise.all(this.pendingCreates), grace])]);
    clearTimeout(timer);
    this.upstream.close();
  }

  private record(fields: EntryFields, code: number, user = this.options.user): void {
    this.options.onEntry({ time: this.options.time(), user, ...fields, code });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "https://proxy.invalid");
    const request = requestInfoOf(req.method ?? "GET", url);
    const target = auditTarget(request);
    if (!this.authenticated(req.headers.authorization)) {
      this.record(target, 401, "system:anonymous");
      sendStatus(res, new StatusError(401, "Unauthorized", "Unauthorized"));
      return;
    }
    if (req.headers.upgrade) {
      const refusal = upgradeRefused(request.info);
      this.record(target, refusal.code);
      sendStatus(res, refusal);
      return;
    }
    let raw: Buffer;
    try {
      raw = await readBody(req);
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      this.record(target, e.code);
      sendStatus(res, e);
      return;
    }
    const requestBody = recordedBody(raw, req.headers["content-type"]);
    const dryRun = url.searchParams.getAll("dryRun").includes("All");
    const entry = entryFields(target, requestBody, dryRun);
    const info = request.info;
    const tracking: CreateTracking = {
      reserved: false,
      writesObject:
        info.kind === "resource" &&
        !info.subresource &&
        !dryRun &&
        ["create", "update", "patch"].includes(request.verb),
      resource: target.resource,
    };
    if (
      info.kind === "resource" &&
      tracking.writesObject &&
      (await this.mayCreate(request.verb, info, url, req))
    ) {
      if (!this.ledger.reserve()) {
        const refusal = ceilingRefusal(info, requestBody, this.ledger.limit);
        this.record(entry, refusal.code);
        sendStatus(res, refusal);
        return;
      }
      tracking.reserved = true;
    }
    this.forward(req, res, raw, entry, tracking);
  }

  /**
   * Whether a write may store a new object, so the ceiling applies: every create except reviews, and a
   * server-side apply of an object that does not exist yet (apply creates it; the ceiling must hold for it too).
   */
  private async mayCreate(
    verb: string,
    info: ResourceInfo,
    url: URL,
    req: http.IncomingMessage,
  ): Promise<boolean> {
    if (verb === "create") return !REVIEW_GROUPS.has(info.group);
    const type = parseMediaTypes(req.headers["content-type"])[0]?.type ?? "";
    if (verb !== "patch" || !type.startsWith("application/apply-patch")) return false;
    return this.upstream.absent(url.pathname);
  }

  private forward(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    raw: Buffer,
    entry: EntryFields,
    tracking: CreateTracking,
  ): void {
    const upstreamReq = this.upstream.request(
      req.method ?? "GET",
      req.url ?? "/",
      forwardedHeaders(req, raw.length, tracking.writesObject),
    );
    let answered = false;
    let finished = () => {};
    if (tracking.writesObject) {
      const pending = new Promise<void>((resolve) => {
        finished = resolve;
      }).then(() => void this.pendingCreates.delete(pending));
      this.pendingCreates.add(pending);
    }
    upstreamReq.on("response", (upstreamRes) => {
      answered = true;
      const code = upstreamRes.statusCode ?? 502;
      this.record(entry, code);
      const keepReading = this.followCreate(upstreamRes, code, tracking);
      upstreamRes.once("close", finished);
      relay(upstreamRes, res, code, keepReading);
    });
    upstreamReq.on("error", (e) => {
      // Once answered, a broken stream is the response's to end (relay).
      if (answered) return;
      finished();
      if (tracking.reserved) this.ledger.release();
      if (this.closing) return;
      const unreachable = new StatusError(
        503,
        "ServiceUnavailable",
        `Smith's API proxy could not reach the cluster's API server at ${this.upstream.server} (${e.message}): check that the cluster is up and reachable from this machine`,
      );
      this.record(entry, unreachable.code);
      sendStatus(res, unreachable);
    });
    upstreamReq.end(raw);
  }

  /**
   * Reads the object a successful create returned (generateName is resolved only there), even if the client
   * has gone: teardown must know it. A 201 to an update or patch is a create too. True when it reads on.
   */
  private followCreate(upstreamRes: http.IncomingMessage, code: number, tracking: CreateTracking): boolean {
    const succeeded = code >= 200 && code < 300;
    if (!tracking.writesObject || !succeeded || !(tracking.reserved || code === 201)) {
      if (tracking.reserved) this.ledger.release();
      return false;
    }
    const chunks: Buffer[] = [];
    upstreamRes.on("data", (chunk: Buffer) => chunks.push(chunk));
    upstreamRes.once("close", () => {
      const object = upstreamRes.complete
        ? createdObjectOf(Buffer.concat(chunks), tracking.resource)
        : undefined;
      if (object) this.ledger.add(object);
      if (tracking.reserved) this.ledger.release();
    });
    return true;
  }

  private authenticated(header: string | undefined): boolean {
    const given = Buffer.from(/^\s*bearer\s+(\S+)\s*$/i.exec(header ?? "")?.[1] ?? "");
    return given.length === this.tokenBytes.length && timingSafeEqual(given, this.tokenBytes);
  }
}

/** The entry's fields besides time, user and code. A create is named by its body, as kube-apiserver's audit does. */
function entryFields(target: AuditTarget, requestBody: unknown, dryRun: boolean): EntryFields {
  const bodyName = metadataOf(requestBody).name;
  return {
    ...target,
    ...(target.verb === "create" && target.name === undefined && bodyName ? { name: bodyName } : {}),
    ...(requestBody !== undefined ? { requestBody } : {}),
    ...(dryRun ? { dryRun: true } : {}),
  };
}

function metadataOf(body: unknown): { name?: string; generateName?: string } {
  const metadata = (body as { metadata?: { name?: unknown; generateName?: unknown } } | undefined)?.metadata;
  return {
    ...(typeof metadata?.name === "string" ? { name: metadata.name } : {}),
    ...(typeof metadata?.generateName === "string" ? { generateName: metadata.generateName } : {}),
  };
}

/** admission.NewForbidden's shape, as the embedded cluster's own object ceiling answers. */
function ceilingRefusal(info: ResourceInfo, body: unknown, limit: number): StatusError {
  const meta = metadataOf(body);
  const name = info.name || meta.name || meta.generateName || "Unknown";
  return new StatusError(
    403,
    "Forbidden",
    `${qualifiedResource(info.group, info.resource)} ${goQuote(name)} is forbidden: this trial's ceiling of ${limit} objects created by the agent is reached, so Smith's API proxy refuses further creates`,
    { name, ...(info.group ? { group: info.group } : {}), kind: info.resource },
  );
}

function upgradeRefused(info: RequestInfo): StatusError {
  const what = info.kind === "resource" ? `${info.resource}/${info.subresource ?? ""}` : info.path;
  return new StatusError(
    405,
    "MethodNotAllowed",
    `${what} is not available through Smith's API proxy: it does not carry the connection upgrades that exec, attach and port-forward need`,
  );
}

function sendStatus(res: http.ServerResponse, error: StatusError): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(error.toStatus());
  res.writeHead(error.code, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}

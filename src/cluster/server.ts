/**
 * The HTTP face of the embedded cluster: authentication, authorization, content negotiation and routing,
 * in front of the generic registry (api.ts). Served on 127.0.0.1; every failure is a Kubernetes Status.
 */
import type http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import type { ContainerStatus } from "kubernetes-types/core/v1.js";
import type { ClusterApi, PatchType, RequestContext } from "./api.js";
import {
  authorize,
  forbidden,
  impersonationAllowed,
  type RbacView,
  type RequestAttributes,
  requestToken,
  selfSubjectAccessReview,
  selfSubjectReview,
  selfSubjectRulesReview,
  type TokenRegistry,
  type UserInfo,
} from "./auth/index.js";
import {
  AGGREGATED_DISCOVERY_CONTENT_TYPE,
  aggregatedDiscovery,
  apiGroupDocument,
  apiGroupList,
  apiResourceList,
  apiVersions,
} from "./discovery.js";
import { badRequest, methodNotAllowed, StatusError } from "./errors.js";
import { listJson } from "./json-cache.js";
import { requestedAs } from "./media.js";
import { metricsList, metricsObject } from "./metrics.js";
import {
  OPENAPI_V2_PROTOBUF,
  openApiV2Document,
  openApiV2Format,
  openApiV2Protobuf,
  openApiV3Document,
  openApiV3Root,
} from "./openapi/index.js";
import { applyJsonPatch, applyMergePatch } from "./patch/index.js";
import { bindPod, evictPod } from "./pod-eviction.js";
import { instanceToRead, type PodLogs } from "./pod-logs.js";
import { ProtobufDecodeError } from "./protobuf/index.js";
import { parseRequestPath, type RequestInfo } from "./request.js";
import { decodeBody, decodePatch, deleteOptionsOf, patchTypeOf, readBody } from "./request-body.js";
import { storageKey } from "./resources.js";
import { type LabelSelector, selectorString } from "./selectors.js";
import { proxyToService } from "./service-proxy.js";
import { toTable } from "./table/index.js";
import type { ServerCertificate } from "./tls.js";
import type { KubeObject, ResourceType } from "./types.js";
import { serveWatch } from "./watch.js";
import type { WorkloadHooks } from "./workload-hooks.js";

export const SERVER_VERSION = {
  major: "1",
  minor: "32",
  gitVersion: "v1.32.0",
  gitCommit: "smith-embedded",
  gitTreeState: "clean",
  buildDate: "2026-01-01T00:00:00Z",
  goVersion: "go1.23.4",
  compiler: "gc",
  platform: "linux/amd64",
};

export interface ServerDeps {
  api: ClusterApi;
  tokens: TokenRegistry;
  logs: PodLogs;
  hooks: WorkloadHooks;
  /**
   * Told of every request's start and end, and of long-lived streams (watches, log follows) opening and
   * closing, so the cluster knows when its clients are only waiting (virtual time moves on then).
   */
  activity: { begin(): void; end(): void; streaming(delta: 1 | -1): void; delivered(): void };
}

const TABLE_OFFERS = [
  { as: "Table", g: "meta.k8s.io", v: "v1" },
  { as: "PartialObjectMetadataList", g: "meta.k8s.io", v: "v1" },
  { as: "PartialObjectMetadata", g: "meta.k8s.io", v: "v1" },
];
const DISCOVERY_OFFERS = [{ as: "APIGroupDiscoveryList", g: "apidiscovery.k8s.io", v: "v2" }];

interface Reply {
  status: number;
  body: unknown;
  contentType?: string;
}

export class ApiServer {
  private server: https.Server | undefined;
  private address = "";

  constructor(private readonly deps: ServerDeps) {}

  async listen(port: number, { certPem, keyPem }: ServerCertificate): Promise<string> {
    const server = https.createServer({ cert: certPem, key: keyPem }, (req, res) => {
      this.deps.activity.begin();
      let ended = false;
      const end = () => {
        if (!ended) {
          ended = true;
          this.deps.activity.end();
        }
      };
      res.on("close", end);
      this.handle(req, res).catch((e: unknown) => {
        // A bug here must never take the cluster down: answer 500 with the cause and carry on.
        if (!res.headersSent) sendJson(res, 500, internalError(e));
        else res.end();
      });
    });
    server.keepAliveTimeout = 60_000;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    const addr = server.address() as AddressInfo;
    this.address = `127.0.0.1:${addr.port}`;
    return `https://${this.address}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private rbac(): RbacView {
    const store = this.deps.api.store;
    return {
      roles: (ns) => store.list("roles.rbac.authorization.k8s.io", ns) as never,
      clusterRoles: () => store.list("clusterroles.rbac.authorization.k8s.io") as never,
      roleBindings: (ns) => store.list("rolebindings.rbac.authorization.k8s.io", ns) as never,
      clusterRoleBindings: () => store.list("clusterrolebindings.rbac.authorization.k8s.io") as never,
    };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://embedded");
    const info = parseRequestPath(url.pathname);
    const user = this.deps.tokens.authenticate(req.headers.authorization);
    const api = this.deps.api;
    const record = (verb: string, code: number, u: UserInfo | undefined) =>
      api.audit.record({
        time: api.clock.isoMicro(),
        user: u?.username ?? "system:anonymous",
        verb,
        resource:
          info.kind === "resource" ? (info.group ? `${info.resource}.${info.group}` : info.resource) : "",
        ...(info.kind === "resource" && info.subresource ? { subresource: info.subresource } : {}),
        ...(info.kind === "resource" && info.namespace ? { namespace: info.namespace } : {}),
        ...(info.kind === "resource" && info.name ? { name: info.name } : {}),
        ...(info.kind === "nonResource" ? { path: info.path } : {}),
        code,
      });
    const verb = verbOf(req.method ?? "GET", info, url.searchParams);
    if (!user) {
      record(verb, 401, undefined);
      sendJson(res, 401, new StatusError(401, "Unauthorized", "Unauthorized").toStatus());
      return;
    }
    try {
      this.checkImpersonation(req, user);
      const attrs = attributesOf(user, verb, info);
      const decision = authorize(attrs, this.rbac());
      if (!decision.allowed) throw forbidden(attrs, decision.reason);
      const ctx: RequestContext = {
        user,
        dryRun: url.searchParams.getAll("dryRun").includes("All"),
        fieldValidation: fieldValidationOf(url.searchParams),
        warnings: [],
        ...fieldManagerOf(url.searchParams, req.headers["user-agent"]),
      };
      if (info.kind === "nonResource") {
        const reply = this.nonResource(info.path, req.headers.accept);
        record(verb, reply.status, user);
        send(res, reply);
        return;
      }
      const rt = info.type;
      if (isCrdList(info, verb)) {
        // kubectl lists CRDs before it reports an unknown kind; the embedded cluster has none.
        record(verb, 200, user);
        send(res, { status: 200, body: EMPTY_CRD_LIST });
        return;
      }
      if (!rt || (info.name === undefined && info.subresource !== undefined)) {
        record(verb, 404, user);
        send(res, { status: 404, body: pageNotFound() });
        return;
      }
      if (info.subresource && !rt.subresources.includes(info.subresource)) {
        record(verb, 404, user);
        send(res, { status: 404, body: pageNotFound() });
        return;
      }
      if (verb === "watch") {
        record(verb, 200, user);
        this.trackStream(res);
        serveWatch(req, res, {
          api,
          rt,
          namespace: rt.namespaced ? info.namespace : undefined,
          params: url.searchParams,
          name: info.name,
          table: requestedAs(req.headers.accept, TABLE_OFFERS) === "Table",
          delivered: () => this.deps.activity.delivered(),
        });
        return;
      }
      const special = await this.special(req, res, info, rt, user, url);
      if (special === "streamed") return;
      if (special) {
        record(verb, special.status, user);
        send(res, special);
        return;
      }
      const body = req.method === "GET" || req.method === "HEAD" ? undefined : await readBody(req);
      const reply = this.crud(req, info, rt, ctx, url.searchParams, body);
      // Warnings travel as RFC 7234 Warning headers with code 299, as kube-apiserver sends them.
      const warnings = ctx.warnings ?? [];
      if (warnings.length > 0)
        res.setHeader(
          "Warning",
          warnings.map((w) => `299 - ${JSON.stringify(w)}`),
        );
      send(res, reply);
    } catch (e) {
      const err = toStatusError(e);
      if (!(e instanceof AuditedError)) record(verb, err.code, user);
      sendJson(res, err.code, err.toStatus());
    }
  }

  private trackStream(res: http.ServerResponse): void {
    this.deps.activity.streaming(1);
    res.on("close", () => this.deps.activity.streaming(-1));
  }

  private checkImpersonation(req: http.IncomingMessage, user: UserInfo): void {
    const asUser = req.headers["impersonate-user"];
    const asGroup = req.headers["impersonate-group"];
    if ((asUser || asGroup) && !impersonationAllowed(user)) {
      const target = Array.isArray(asUser) ? asUser[0] : asUser;
      throw new StatusError(
        403,
        "Forbidden",
        `users "${target ?? ""}" is forbidden: User "${user.username}" cannot impersonate resource "users" in API group "" at the cluster scope`,
        { name: target ?? "", kind: "users" },
      );
    }
  }

  private nonResource(path: string, accept: string | undefined): Reply {
    const trimmed = path.replace(/\/+$/, "") || "/";
    switch (trimmed) {
      case "/version":
        return { status: 200, body: SERVER_VERSION };
      case "/healthz":
      case "/livez":
      case "/readyz":
        return { status: 200, body: "ok", contentType: "text/plain; charset=utf-8" };
      case "/api":
        if (requestedAs(accept, DISCOVERY_OFFERS)) {
          return {
            status: 200,
            body: aggregatedDiscovery(true),
            contentType: AGGREGATED_DISCOVERY_CONTENT_TYPE,
          };
        }
        return { status: 200, body: apiVersions(this.address) };
      case "/apis":
        if (requestedAs(accept, DISCOVERY_OFFERS)) {
          return {
            status: 200,
            body: aggregatedDiscovery(false),
            contentType: AGGREGATED_DISCOVERY_CONTENT_TYPE,
          };
        }
        return { status: 200, body: apiGroupList() };
      case "/openapi/v2":
        switch (openApiV2Format(accept)) {
          case "protobuf":
            return { status: 200, body: openApiV2Protobuf(), contentType: OPENAPI_V2_PROTOBUF };
          case "json":
            return { status: 200, body: openApiV2Document() };
        }
        return {
          status: 406,
          body: new StatusError(406, "NotAcceptable", "/openapi/v2 is served as JSON or protobuf").toStatus(),
        };
      case "/openapi/v3":
        return { status: 200, body: openApiV3Root() };
    }
    if (trimmed.startsWith("/openapi/v3/")) {
      const doc = openApiV3Document(trimmed.slice("/openapi/v3/".length));
      if (doc) return { status: 200, body: doc };
    }
    const parts = trimmed.split("/").filter(Boolean);
    if (parts[0] === "api" && parts.length === 2) {
      const list = apiResourceList("", parts[1] as string);
      if (list) return { status: 200, body: list };
    }
    if (parts[0] === "apis" && parts.length === 2) {
      const group = apiGroupDocument(parts[1] as string);
      if (group) return { status: 200, body: group };
    }
    if (parts[0] === "apis" && parts.length === 3) {
      const list = apiResourceList(parts[1] as string, parts[2] as string);
      if (list) return { status: 200, body: list };
    }
    return { status: 404, body: pageNotFound() };
  }

  /** Requests that are not plain CRUD: access reviews, logs, proxies, metrics, and what is not served. */
  private async special(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    info: Extract<RequestInfo, { kind: "resource" }>,
    rt: ResourceType,
    user: UserInfo,
    url: URL,
  ): Promise<Reply | "streamed" | undefined> {
    const api = this.deps.api;
    if (rt.group === "authorization.k8s.io" && req.method === "POST") {
      const review = decodeBody(await readBody(req), req.headers["content-type"]);
      const result =
        rt.resource === "selfsubjectaccessreviews"
          ? selfSubjectAccessReview(review, user, this.rbac())
          : selfSubjectRulesReview(review, user, this.rbac());
      return { status: 201, body: result };
    }
    if (
      rt.group === "authentication.k8s.io" &&
      rt.resource === "selfsubjectreviews" &&
      req.method === "POST"
    ) {
      // The server reads nothing from the review it is sent, but decodes it, as kube-apiserver's create handler does.
      decodeBody(await readBody(req), req.headers["content-type"]);
      return { status: 201, body: selfSubjectReview(user, api.clock.iso()) };
    }
    if (rt.group === "metrics.k8s.io") {
      const ns = rt.namespaced ? info.namespace : undefined;
      const body = info.name
        ? metricsObject(api, this.deps.hooks, rt, ns, info.name)
        : metricsList(api, this.deps.hooks, rt, ns, url.searchParams);
      return { status: 200, body };
    }
    switch (info.subresource) {
      case "exec":
      case "attach":
      case "portforward":
      case "ephemeralcontainers":
        throw new StatusError(
          405,
          "MethodNotAllowed",
          `${rt.resource}/${info.subresource} is not supported by the embedded Smith cluster: it simulates pods and runs no containers`,
        );
      case "proxy":
        if (rt.kind !== "Service") {
          throw new StatusError(
            405,
            "MethodNotAllowed",
            `${rt.resource}/proxy is not supported by the embedded Smith cluster; services/proxy is`,
          );
        }
        return proxyToService(
          api,
          this.deps.hooks,
          info,
          req.method ?? "GET",
          url.search,
          await readBody(req),
          req.headers,
        );
      case "log":
        return this.podLog(res, info, rt, url.searchParams);
    }
    return undefined;
  }

  private podLog(
    res: http.ServerResponse,
    info: Extract<RequestInfo, { kind: "resource" }>,
    rt: ResourceType,
    params: URLSearchParams,
  ): Reply | "streamed" {
    const pod = this.deps.api.read(rt, info.namespace, info.name as string);
    const containers = ((pod.spec as { containers?: { name: string }[] }).containers ?? []).map(
      (c) => c.name,
    );
    let container = params.get("container") ?? undefined;
    if (!container) {
      if (containers.length !== 1) {
        throw badRequest(
          `a container name must be specified for pod ${info.name}, choose one of: [${containers.join(" ")}]`,
        );
      }
      container = containers[0] as string;
    }
    if (!containers.includes(container)) {
      throw badRequest(`container ${container} is not valid for pod ${info.name}`);
    }
    const status = pod.status as
      | { containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[] }
      | undefined;
    const cs = [...(status?.containerStatuses ?? []), ...(status?.initContainerStatuses ?? [])].find(
      (c) => c.name === container,
    );
    const previous = params.get("previous") === "true";
    const instance = instanceToRead(info.name as string, container, cs, previous);
    let lines = [...this.deps.logs.read(info.namespace as string, info.name as string, container, instance)];
    const tail = params.get("tailLines");
    if (tail !== null && Number(tail) >= 0) lines = Number(tail) === 0 ? [] : lines.slice(-Number(tail));
    const timestamps = params.get("timestamps") === "true";
    const render = (l: { time: string; text: string }) => `${timestamps ? `${l.time} ` : ""}${l.text}\n`;
    // A previous instance has ended: there is nothing to follow.
    if (params.get("follow") !== "true" || previous) {
      return { status: 200, body: lines.map(render).join(""), contentType: "text/plain" };
    }
    res.writeHead(200, { "Content-Type": "text/plain", "Transfer-Encoding": "chunked" });
    this.trackStream(res);
    for (const l of lines) res.write(render(l));
    const stopLogs = this.deps.logs.subscribe((ns, p, c, line) => {
      if (ns === info.namespace && p === info.name && c === container) {
        res.write(render(line));
        this.deps.activity.delivered();
      }
    });
    const stopPods = this.deps.api.store.subscribe((e) => {
      if (e.type === "DELETED" && e.resource === storageKey(rt) && e.object.metadata.uid === pod.metadata.uid)
        res.end();
    });
    res.on("close", () => {
      stopLogs();
      stopPods();
    });
    return "streamed";
  }

  private crud(
    req: http.IncomingMessage,
    info: Extract<RequestInfo, { kind: "resource" }>,
    rt: ResourceType,
    ctx: RequestContext,
    params: URLSearchParams,
    rawBody: Buffer | undefined,
  ): Reply {
    const api = this.deps.api;
    const ns = rt.namespaced ? info.namespace : undefined;
    const name = info.name;
    const sub = info.subresource;
    const accept = req.headers.accept;
    const asKind = requestedAs(accept, TABLE_OFFERS);
    const method = req.method ?? "GET";
    const audited = <T>(run: () => T): T => {
      try {
        return run();
      } catch (e) {
        throw new AuditedError(e);
      }
    };
    if (sub === "scale") return audited(() => this.scale(method, rt, ns, name as string, ctx, req, rawBody));
    if (sub === "token") {
      if (method !== "POST")
        throw methodNotAllowed("the server does not allow this method on the requested resource");
      const request = decodeBody(rawBody, req.headers["content-type"]);
      const issued = audited(() =>
        requestToken(api, this.deps.tokens, ctx, ns as string, name as string, request),
      );
      return { status: 201, body: issued };
    }
    if (sub === "eviction" || sub === "binding") {
      if (method !== "POST")
        throw methodNotAllowed("the server does not allow this method on the requested resource");
      const body = decodeBody(rawBody, req.headers["content-type"]);
      const run = sub === "eviction" ? evictPod : bindPod;
      return { status: 201, body: audited(() => run(api, ctx, ns as string, name as string, body)) };
    }
    if (method === "GET") {
      if (name === undefined) {
        const list = audited(() =>
          api.list(ctx, rt, ns, {
            labelSelector: params.get("labelSelector") ?? undefined,
            fieldSelector: params.get("fieldSelector") ?? undefined,
            limit: Number(params.get("limit") ?? 0) || undefined,
            continue: params.get("continue") ?? undefined,
          }),
        );
        return { status: 200, body: this.represent(rt, list, asKind, params, true) };
      }
      const object = audited(() => api.get(ctx, rt, ns, name));
      return { status: 200, body: this.represent(rt, object, asKind, params, false) };
    }
    if (method === "POST") {
      if (name !== undefined)
        throw new StatusError(
          405,
          "MethodNotAllowed",
          `the server does not allow this method on the requested resource`,
        );
      const body = decodeBody(rawBody, req.headers["content-type"]);
      const created = audited(() => api.create(ctx, rt, ns, body));
      return { status: 201, body: created };
    }
    if (method === "PUT") {
      if (name === undefined)
        throw new StatusError(
          405,
          "MethodNotAllowed",
          `the server does not allow this method on the requested resource`,
        );
      const body = decodeBody(rawBody, req.headers["content-type"]);
      const subresource = sub === "finalize" ? "finalize" : sub;
      return { status: 200, body: audited(() => api.update(ctx, rt, ns, name, body, subresource)) };
    }
    if (method === "PATCH") {
      if (name === undefined)
        throw new StatusError(
          405,
          "MethodNotAllowed",
          `the server does not allow this method on the requested resource`,
        );
      const type = patchTypeOf(req.headers["content-type"]);
      const patch = decodePatch(rawBody, type);
      const force = params.get("force") === "true";
      if (type === "apply" && !params.get("fieldManager")) {
        throw badRequest(
          "PATCH, application/apply-patch+yaml requests require fieldManager to be explicitly set",
        );
      }
      const { object, created } = audited(() =>
        api.patchWithOutcome(ctx, rt, ns, name, type, patch, { force, ...(sub ? { subresource: sub } : {}) }),
      );
      return { status: created ? 201 : 200, body: object };
    }
    if (method === "DELETE") {
      const options = deleteOptionsOf(rawBody, params);
      if (name === undefined) {
        const list = audited(() =>
          api.deleteCollection(
            ctx,
            rt,
            ns,
            {
              labelSelector: params.get("labelSelector") ?? undefined,
              fieldSelector: params.get("fieldSelector") ?? undefined,
            },
            options,
          ),
        );
        return { status: 200, body: list };
      }
      const deleted = audited(() => api.delete(ctx, rt, ns, name, options));
      const gone =
        !api.store.get(storageKey(rt), ns, name) ||
        api.store.get(storageKey(rt), ns, name)?.metadata.uid !== deleted.metadata.uid;
      if (gone && rt.kind !== "Pod") {
        return {
          status: 200,
          body: {
            kind: "Status",
            apiVersion: "v1",
            metadata: {},
            status: "Success",
            details: {
              name,
              ...(rt.group ? { group: rt.group } : {}),
              kind: rt.resource,
              uid: deleted.metadata.uid,
            },
          },
        };
      }
      return { status: gone ? 200 : 202, body: deleted };
    }
    throw new StatusError(
      405,
      "MethodNotAllowed",
      "the server does not allow this method on the requested resource",
    );
  }

  private scale(
    method: string,
    rt: ResourceType,
    ns: string | undefined,
    name: string,
    ctx: RequestContext,
    req: http.IncomingMessage,
    rawBody: Buffer | undefined,
  ): Reply {
    const api = this.deps.api;
    const toScale = (o: KubeObject): KubeObject => {
      const spec = (o.spec ?? {}) as { replicas?: number; selector?: unknown };
      const status = (o.status ?? {}) as { replicas?: number };
      return {
        kind: "Scale",
        apiVersion: "autoscaling/v1",
        metadata: {
          name: o.metadata.name as string,
          namespace: o.metadata.namespace as string,
          uid: o.metadata.uid as string,
          resourceVersion: o.metadata.resourceVersion as string,
          creationTimestamp: o.metadata.creationTimestamp as string,
        },
        spec: { replicas: spec.replicas ?? 0 },
        status: {
          replicas: status.replicas ?? 0,
          selector: selectorString(spec.selector as LabelSelector | undefined) ?? "",
        },
      };
    };
    if (method === "GET") return { status: 200, body: toScale(api.get(ctx, rt, ns, name)) };
    const current = toScale(api.read(rt, ns, name));
    let desired: KubeObject;
    if (method === "PUT") desired = decodeBody(rawBody, req.headers["content-type"]);
    else if (method === "PATCH") {
      const type = patchTypeOf(req.headers["content-type"]);
      const patch = decodePatch(rawBody, type);
      desired = type === "apply" ? (patch as KubeObject) : applyScalePatch(current, type, patch);
    } else
      throw new StatusError(
        405,
        "MethodNotAllowed",
        "the server does not allow this method on the requested resource",
      );
    const rv = desired.metadata?.resourceVersion;
    const replicas = (desired.spec as { replicas?: unknown } | undefined)?.replicas;
    if (typeof replicas !== "number") throw badRequest("spec.replicas: Required value");
    const updated = api.patch(
      ctx,
      rt,
      ns,
      name,
      "merge",
      { metadata: rv ? { resourceVersion: rv } : {}, spec: { replicas } },
      { subresource: "scale" },
    );
    return { status: 200, body: toScale(updated) };
  }

  private represent(
    rt: ResourceType,
    value: KubeObject,
    asKind: string | undefined,
    params: URLSearchParams,
    isList: boolean,
  ): unknown {
    const items = isList ? (value.items as KubeObject[]) : [value];
    if (asKind === "Table") {
      const include = (params.get("includeObject") ?? "Metadata") as "None" | "Metadata" | "Object";
      const listMeta = isList
        ? (value.metadata as { resourceVersion?: string; continue?: string; remainingItemCount?: number })
        : { resourceVersion: value.metadata.resourceVersion };
      return toTable(rt, items, {
        now: new Date(this.deps.api.clock.now()),
        includeObject: include,
        listMeta,
      });
    }
    if (asKind === "PartialObjectMetadataList" || asKind === "PartialObjectMetadata") {
      const partial = (o: KubeObject) => ({
        kind: "PartialObjectMetadata",
        apiVersion: "meta.k8s.io/v1",
        metadata: o.metadata,
      });
      return isList
        ? {
            kind: "PartialObjectMetadataList",
            apiVersion: "meta.k8s.io/v1",
            metadata: value.metadata,
            items: items.map(partial),
          }
        : partial(value);
    }
    return value;
  }
}

const EMPTY_CRD_LIST = {
  kind: "CustomResourceDefinitionList",
  apiVersion: "apiextensions.k8s.io/v1",
  metadata: { resourceVersion: "1" },
  items: [],
};

function isCrdList(info: Extract<RequestInfo, { kind: "resource" }>, verb: string): boolean {
  return (
    info.group === "apiextensions.k8s.io" && info.resource === "customresourcedefinitions" && verb === "list"
  );
}

/** Thrown around errors the registry already recorded, so the server does not audit them twice. */
class AuditedError extends Error {
  constructor(readonly inner: unknown) {
    super(inner instanceof Error ? inner.message : String(inner));
  }
}

function toStatusError(e: unknown): StatusError {
  const inner = e instanceof AuditedError ? e.inner : e;
  if (inner instanceof StatusError) return inner;
  if (inner instanceof ProtobufDecodeError) return new StatusError(inner.status, inner.reason, inner.message);
  return new StatusError(
    500,
    "InternalError",
    `Internal error occurred: ${inner instanceof Error ? inner.message : String(inner)}`,
  );
}

function internalError(e: unknown): object {
  return new StatusError(
    500,
    "InternalError",
    `Internal error occurred: ${e instanceof Error ? e.message : String(e)}`,
  ).toStatus();
}

function verbOf(method: string, info: RequestInfo, params: URLSearchParams): string {
  if (info.kind === "nonResource") return method.toLowerCase();
  const watch = params.get("watch");
  switch (method) {
    case "GET":
    case "HEAD":
      if (watch === "true" || watch === "1") return "watch";
      return info.name === undefined ? "list" : "get";
    case "POST":
      return "create";
    case "PUT":
      return "update";
    case "PATCH":
      return "patch";
    case "DELETE":
      return info.name === undefined ? "deletecollection" : "delete";
    default:
      return method.toLowerCase();
  }
}

function attributesOf(user: UserInfo, verb: string, info: RequestInfo): RequestAttributes {
  if (info.kind === "nonResource") {
    return {
      user,
      verb,
      apiGroup: "",
      resource: "",
      subresource: "",
      namespace: "",
      name: "",
      resourceRequest: false,
      path: info.path,
    };
  }
  return {
    user,
    verb,
    apiGroup: info.group,
    resource: info.resource,
    subresource: info.subresource ?? "",
    namespace: info.namespace ?? "",
    name: info.name ?? "",
    resourceRequest: true,
    path: "",
  };
}

function fieldValidationOf(params: URLSearchParams): "Strict" | "Warn" | "Ignore" {
  const v = params.get("fieldValidation");
  if (v === null || v === "") return "Warn";
  if (v === "Strict" || v === "Warn" || v === "Ignore") return v;
  throw badRequest(`fieldValidation must be one of "Ignore", "Warn", or "Strict", got "${v}"`);
}

function fieldManagerOf(params: URLSearchParams, userAgent: string | undefined): { fieldManager?: string } {
  const explicit = params.get("fieldManager");
  if (explicit) return { fieldManager: explicit };
  // kube-apiserver falls back to the user agent's first segment ("kubectl/v1.32 …" → "kubectl").
  const fromAgent = userAgent?.split("/")[0]?.trim();
  return fromAgent ? { fieldManager: fromAgent } : {};
}

/** A Scale has no lists, so merge and strategic patches coincide on it. */
function applyScalePatch(current: KubeObject, type: PatchType, patch: unknown): KubeObject {
  return type === "json" ? applyJsonPatch(current, patch) : applyMergePatch(current, patch);
}

function pageNotFound(): object {
  return new StatusError(404, "NotFound", "the server could not find the requested resource").toStatus();
}

function isList(body: unknown): body is { items: object[] } & Record<string, unknown> {
  return typeof body === "object" && body !== null && Array.isArray((body as { items?: unknown }).items);
}

function send(res: http.ServerResponse, reply: Reply): void {
  if (typeof reply.body === "string" || reply.body instanceof Uint8Array) {
    res.writeHead(reply.status, { "Content-Type": reply.contentType ?? "text/plain" });
    res.end(reply.body);
    return;
  }
  sendJson(res, reply.status, reply.body, reply.contentType);
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  contentType = "application/json",
): void {
  const text = isList(body) ? listJson(body) : JSON.stringify(body);
  res.writeHead(status, { "Content-Type": contentType, "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

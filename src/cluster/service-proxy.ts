/**
 * services/proxy: `kubectl get --raw /api/v1/namespaces/N/services/S:P/proxy/metrics` and the sandbox's curl
 * reach a ready endpoint pod of the service, whose answer comes from the workload hooks.
 */
import type http from "node:http";
import type { ClusterApi } from "./api.js";
import { notFound, StatusError } from "./errors.js";
import type { RequestInfo } from "./request.js";
import { fromLabelSelector, matchesSelector } from "./selectors.js";
import type { KubeObject } from "./types.js";
import type { WorkloadHooks } from "./workload-hooks.js";

interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
}

interface ProxyReply {
  status: number;
  body: string;
  contentType?: string;
}

export function isReadyPod(pod: KubeObject): boolean {
  const conditions =
    (pod.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
  return !pod.metadata.deletionTimestamp && conditions.some((c) => c.type === "Ready" && c.status === "True");
}

/** The ready pods behind a service among its namespace's `pods`, in their order. */
export function readyEndpoints(pods: readonly KubeObject[], service: KubeObject): KubeObject[] {
  const selector = (service.spec as { selector?: Record<string, string> } | undefined)?.selector;
  if (!selector || Object.keys(selector).length === 0) return [];
  const reqs = fromLabelSelector({ matchLabels: selector });
  return pods.filter((p) => matchesSelector(reqs, p.metadata.labels) && isReadyPod(p));
}

/** The audit entry of an in-cluster HTTP request to a Service (curl in a pod), before its response code. */
export function serviceProxyEntry(caller: string, call: ServiceCall, time: string) {
  return {
    time,
    user: caller,
    verb: "proxy",
    resource: "services",
    subresource: "proxy",
    namespace: call.namespace,
    name: call.service,
    path: call.path,
  };
}

function containerPortFor(pod: KubeObject, target: number | string): number | undefined {
  if (typeof target === "number") return target;
  const containers =
    (pod.spec as { containers?: { ports?: { name?: string; containerPort: number }[] }[] }).containers ?? [];
  for (const c of containers) for (const p of c.ports ?? []) if (p.name === target) return p.containerPort;
  return undefined;
}

/** Spreads requests over endpoints deterministically, as kube-proxy's round robin would on average. */
const roundRobin = new WeakMap<ClusterApi, Map<string, number>>();

/** An HTTP request to a Service, as a pod would send it or the API server's services/proxy forwards it. */
export interface ServiceCall {
  namespace: string;
  service: string;
  /** A port number or name of the Service; its first port when absent. */
  port?: string;
  path: string;
  query: string;
  method: string;
  body: string;
  headers: Record<string, string>;
}

/**
 * Delivers a request to one ready endpoint pod of a Service; its answer comes from the workload hooks.
 * 404 when the Service does not exist, 503 when nothing behind it is ready or listening.
 */
export function callService(api: ClusterApi, hooks: WorkloadHooks, call: ServiceCall): ProxyReply {
  const service = api.store.get("services", call.namespace, call.service);
  if (!service) throw notFound("", "services", call.service);
  const ports = ((service.spec as { ports?: ServicePort[] }).ports ?? []) as ServicePort[];
  const port =
    call.port === undefined || call.port === ""
      ? ports[0]
      : ports.find((p) => p.name === call.port || String(p.port) === call.port);
  const endpoints = port ? readyEndpoints(api.store.list("pods", call.namespace), service) : [];
  if (!port || endpoints.length === 0) {
    throw new StatusError(503, "ServiceUnavailable", `no endpoints available for service "${call.service}"`);
  }
  let counters = roundRobin.get(api);
  if (!counters) {
    counters = new Map();
    roundRobin.set(api, counters);
  }
  const key = `${call.namespace}/${call.service}`;
  const n = counters.get(key) ?? 0;
  counters.set(key, n + 1);
  const pod = endpoints[n % endpoints.length] as KubeObject;
  const target = containerPortFor(pod, port.targetPort ?? port.port) ?? port.port;
  const answer = hooks.serveHttp(pod, target, {
    method: call.method,
    path: call.path || "/",
    query: call.query,
    headers: call.headers,
    body: call.body,
  });
  if (!answer) {
    const ip = (pod.status as { podIP?: string } | undefined)?.podIP ?? "0.0.0.0";
    throw new StatusError(
      503,
      "ServiceUnavailable",
      `error trying to reach service: dial tcp ${ip}:${target}: connect: connection refused`,
    );
  }
  return {
    status: answer.status,
    body: answer.body,
    contentType: answer.headers?.["content-type"] ?? "text/plain; charset=utf-8",
  };
}

/** services/proxy: `NAME`, `NAME:PORT` or `SCHEME:NAME:PORT`, then the path to forward. */
export function proxyToService(
  api: ClusterApi,
  hooks: WorkloadHooks,
  info: Extract<RequestInfo, { kind: "resource" }>,
  method: string,
  search: string,
  body: Buffer,
  headers: http.IncomingHttpHeaders,
): ProxyReply {
  const [first = "", second, third] = (info.name ?? "").split(":");
  const [service, port] = third !== undefined ? [second as string, third] : [first, second];
  const flatHeaders: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers))
    if (typeof v === "string" && k !== "authorization") flatHeaders[k] = v;
  return callService(api, hooks, {
    namespace: info.namespace ?? "default",
    service,
    ...(port !== undefined ? { port } : {}),
    path: info.subpath,
    query: search,
    method,
    body: body.toString("utf8"),
    headers: flatHeaders,
  });
}

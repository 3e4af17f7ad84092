import type { ExecState } from "../exec-state.js";
import type { ServiceRequest, ServiceResponse } from "../types.js";
import { ServiceUnreachableError } from "../types.js";
import { resolveUrl } from "./service-url.js";

/** What curl and wget need from the harness. */
export interface HttpHost {
  fetchService(request: ServiceRequest): Promise<ServiceResponse>;
  podNamespace: string;
}

/** The harness and the exec that runs now. */
export interface HttpContext extends HttpHost {
  state: ExecState;
}

export interface HttpRequest {
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/** Why no response came back, in the terms curl and wget report. */
export type ReachFailure =
  | { kind: "malformed" }
  | { kind: "protocol"; protocol: string }
  | { kind: "resolve"; host: string }
  | { kind: "connect"; host: string; port: string }
  | { kind: "receive" }
  /** The command's deadline came first. */
  | { kind: "timeout"; afterMs: number };

export type Reach =
  | { ok: true; url: URL; host: string; port: string; response: ServiceResponse; elapsedMs: number }
  | { ok: false; failure: ReachFailure };

/** Sends one request to the Service a URL names, recording a refusal when the URL points anywhere else. */
export async function reachService(rawUrl: string, request: HttpRequest, http: HttpContext): Promise<Reach> {
  const target = resolveUrl(rawUrl, http.podNamespace);
  switch (target.kind) {
    case "malformed":
      return { ok: false, failure: { kind: "malformed" } };
    case "unsupported-protocol":
      http.state.refuse(
        target.protocol === "file" ? "host-path" : "network",
        `${target.protocol}:// URL ${rawUrl}`,
      );
      return { ok: false, failure: { kind: "protocol", protocol: target.protocol } };
    case "unresolvable":
      http.state.refuse("network", `${target.host}: ${target.why}`);
      return { ok: false, failure: { kind: "resolve", host: target.host } };
    case "unreachable":
      http.state.refuse("network", `${target.host}:${target.port}: ${target.why}`);
      return { ok: false, failure: { kind: "connect", host: target.host, port: target.port } };
  }
  const started = performance.now();
  try {
    const response = await beforeDeadline(
      http.state,
      http.fetchService({
        namespace: target.namespace,
        service: target.service,
        port: target.port,
        path: `${target.url.pathname}${target.url.search}`,
        method: request.method,
        headers: request.headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
      }),
    );
    if (response === undefined)
      return { ok: false, failure: { kind: "timeout", afterMs: performance.now() - started } };
    const elapsedMs = response.elapsedMs ?? performance.now() - started;
    return { ok: true, url: target.url, host: target.host, port: target.port, response, elapsedMs };
  } catch (error) {
    if (!(error instanceof ServiceUnreachableError)) return { ok: false, failure: { kind: "receive" } };
    if (error.reason === "no-endpoints") {
      return { ok: false, failure: { kind: "connect", host: target.host, port: target.port } };
    }
    if (target.guessedNamespace) http.state.refuse("network", `${target.host}: not a cluster Service`);
    return { ok: false, failure: { kind: "resolve", host: target.host } };
  }
}

/** The response, or undefined when the exec's deadline passes first (the exec is then timed out). */
async function beforeDeadline<T>(state: ExecState, pending: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      state.timedOut = true;
      resolve(undefined);
    }, state.remainingMs());
  });
  try {
    return await Promise.race([pending, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Where a redirect response points, resolved against the URL that answered; undefined if it is no redirect. */
export function redirectLocation(reach: Reach & { ok: true }): string | undefined {
  if (!REDIRECTS.has(reach.response.status)) return undefined;
  const location = headerValue(reach.response.headers, "location");
  if (location === undefined) return undefined;
  try {
    return new URL(location, reach.url).toString();
  } catch {
    return undefined;
  }
}

/** The method after a redirect: 303, and 301/302 of a POST, turn into GET as curl and wget do. */
export function redirectMethod(status: number, method: string): string {
  if (method === "HEAD") return method;
  if (status === 303 || ((status === 301 || status === 302) && method === "POST")) return "GET";
  return method;
}

export function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/**
 * Watch: a chunked stream of JSON events, one per line, as kube-apiserver serves it. Headers are flushed
 * at once (kubectl's `rollout status` waits for them), `timeoutSeconds` runs on the virtual clock, and a
 * resourceVersion older than the kept history answers the real 410 "too old resource version".
 */
import type http from "node:http";
import type { ClusterApi } from "./api.js";
import { fromStorage } from "./conversion.js";
import { StatusError } from "./errors.js";
import { parseGoDuration } from "./go-duration.js";
import { storageKey } from "./resources.js";
import type { StoreEvent } from "./store.js";
import { toTable } from "./table/index.js";
import type { KubeObject, ResourceType } from "./types.js";

/** The clock label of a watch's timeout: the cluster lets clients close first before jumping to it. */
export const WATCH_TIMEOUT_LABEL = "watch timeout";

export interface WatchRequest {
  api: ClusterApi;
  rt: ResourceType;
  namespace: string | undefined;
  name: string | undefined;
  params: URLSearchParams;
  /** The client asked for Table rows (`kubectl get -w`). */
  table: boolean;
  /** Told of every event sent, so virtual time waits for the client to act on it. */
  delivered: () => void;
}

export function serveWatch(req: http.IncomingMessage, res: http.ServerResponse, w: WatchRequest): void {
  const { api, rt, params } = w;
  const fieldSelector = [params.get("fieldSelector"), w.name ? `metadata.name=${w.name}` : undefined]
    .filter((s): s is string => Boolean(s))
    .join(",");
  const matches = api.filterFor(rt, {
    labelSelector: params.get("labelSelector") ?? undefined,
    fieldSelector: fieldSelector || undefined,
  });
  const key = storageKey(rt);
  const inScope = (o: KubeObject) => w.namespace === undefined || o.metadata.namespace === w.namespace;
  const include = (params.get("includeObject") ?? "Metadata") as "None" | "Metadata" | "Object";
  let first = true;

  res.writeHead(200, {
    "Content-Type": "application/json",
    "Cache-Control": "no-cache, private",
    "Transfer-Encoding": "chunked",
  });
  res.flushHeaders();

  const send = (type: string, stored: KubeObject) => {
    if (res.writableEnded) return;
    const object = fromStorage(rt, stored);
    let payload: unknown = object;
    if (w.table) {
      const table = toTable(rt, [object], {
        now: new Date(api.clock.now()),
        includeObject: include,
        listMeta: { resourceVersion: object.metadata.resourceVersion },
      }) as { columnDefinitions?: unknown[] };
      // The real server sends column definitions with the first event only.
      if (!first) table.columnDefinitions = [];
      payload = table;
    }
    first = false;
    res.write(`${JSON.stringify({ type, object: payload })}\n`);
    w.delivered();
  };

  const deliver = (e: StoreEvent) => {
    if (e.resource !== key || !inScope(e.object)) return;
    const now = matches(e.object);
    if (e.type === "MODIFIED") {
      const before = e.previous ? matches(e.previous) : now;
      if (now && before) send("MODIFIED", e.object);
      else if (now) send("ADDED", e.object);
      else if (before) send("DELETED", e.object);
      return;
    }
    if (now) send(e.type, e.object);
  };

  const rvParam = params.get("resourceVersion");
  const sendInitial = params.get("sendInitialEvents") === "true";
  if (!rvParam || rvParam === "0" || sendInitial) {
    for (const o of api.store.list(key, w.namespace)) if (matches(o)) send("ADDED", o);
    if (sendInitial) {
      const rv = String(api.store.resourceVersion());
      res.write(
        `${JSON.stringify({ type: "BOOKMARK", object: { kind: rt.kind, apiVersion: rt.group ? `${rt.group}/${rt.version}` : rt.version, metadata: { resourceVersion: rv, annotations: { "k8s.io/initial-events-end": "true" } } } })}\n`,
      );
    }
  } else {
    const since = Number(rvParam);
    const past = Number.isFinite(since) ? api.store.eventsSince(since) : "gone";
    if (past === "gone") {
      const status = new StatusError(
        410,
        "Expired",
        `too old resource version: ${rvParam} (${api.store.resourceVersion()})`,
      ).toStatus();
      res.end(`${JSON.stringify({ type: "ERROR", object: status })}\n`);
      return;
    }
    for (const e of past) deliver(e);
  }

  const unsubscribe = api.store.subscribe(deliver);
  // timeoutSeconds (watch clients) and timeout (kubectl's --request-timeout, a Go duration): the sooner wins.
  const limits = [
    Number(params.get("timeoutSeconds") ?? 0) * 1000,
    parseGoDuration(params.get("timeout") ?? "") ?? 0,
  ];
  const timeoutMs = Math.min(...limits.filter((ms) => ms > 0), Number.POSITIVE_INFINITY);
  const stop = () => {
    unsubscribe();
    timer?.cancel();
  };
  const timer =
    timeoutMs < Number.POSITIVE_INFINITY
      ? api.clock.after(timeoutMs, WATCH_TIMEOUT_LABEL, () => {
          stop();
          res.end();
        })
      : undefined;
  res.on("close", stop);
  req.on("close", stop);
}

/**
 * Passing one HTTP exchange between the agent's client and the API server: which headers cross, and the
 * response streamed back as it comes, so watches and `logs -f` behave as they do against the cluster itself.
 */
import type http from "node:http";

/**
 * Hop-by-hop headers, the client's credential and accept-encoding (so upstream answers uncompressed and the
 * proxy can read what a create returned); content-length is set again for the buffered body.
 */
const DROPPED_REQUEST_HEADERS = new Set([
  "authorization",
  "host",
  "accept-encoding",
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "expect",
  "content-length",
]);
const DROPPED_RESPONSE_HEADERS = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

/**
 * Streams upstream's answer back as it comes (watches and `logs -f` are long chunked streams), and lets
 * either side's hang-up end the other. `keepReading`: the body is still wanted after the client left.
 */
export function relay(
  upstreamRes: http.IncomingMessage,
  res: http.ServerResponse,
  code: number,
  keepReading: boolean,
): void {
  const hangUp = () => (keepReading ? upstreamRes.resume() : upstreamRes.destroy());
  if (res.destroyed) {
    hangUp();
    return;
  }
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, values] of Object.entries(upstreamRes.headersDistinct)) {
    if (!DROPPED_RESPONSE_HEADERS.has(name)) headers[name] = values;
  }
  res.writeHead(code, headers);
  res.flushHeaders();
  upstreamRes.pipe(res);
  res.on("close", () => {
    if (!upstreamRes.complete) hangUp();
  });
  upstreamRes.on("close", () => {
    if (!upstreamRes.complete) res.destroy();
  });
}

export function forwardedHeaders(
  req: http.IncomingMessage,
  bodyLength: number,
  wantJson: boolean,
): http.OutgoingHttpHeaders {
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, values] of Object.entries(req.headersDistinct)) {
    if (!DROPPED_REQUEST_HEADERS.has(name)) headers[name] = values;
  }
  if (req.method !== "GET" && req.method !== "HEAD") headers["content-length"] = bodyLength;
  // The proxy reads created objects from the response; every client reads JSON as well as protobuf.
  if (wantJson) headers.accept = "application/json";
  return headers;
}

/**
 * One JSON request to a real API server with the kubeconfig's credentials, answered as the server wrote it.
 * The typed clients of @kubernetes/client-node turn timestamps into Date objects; the trial reads objects in
 * their wire shape (as watches deliver them), so lists and proxied calls go through here.
 */
import https from "node:https";
import type { KubeConfig } from "@kubernetes/client-node";

export interface ApiReply {
  status: number;
  contentType: string;
  body: string;
}

export async function apiRequest(
  kc: KubeConfig,
  method: string,
  path: string,
  body?: { contentType: string; text: string },
): Promise<ApiReply> {
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new Error("The kubeconfig names no cluster server: set a current context that has one.");
  const url = new URL(path, server);
  const payload = body === undefined ? undefined : Buffer.from(body.text, "utf8");
  const options: https.RequestOptions = {
    method,
    // An explicit length: Node frames a DELETE's body neither by length nor by chunks on its own.
    headers: {
      accept: "application/json",
      ...(body && payload ? { "content-type": body.contentType, "content-length": payload.length } : {}),
    },
  };
  await kc.applyToHTTPSOptions(options);
  return new Promise((resolve, reject) => {
    const req = https.request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers["content-type"] ?? "text/plain"),
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(payload);
  });
}

/** The body of a successful reply as JSON; an error reply as an Error carrying the server's message. */
export async function apiJson<T>(
  kc: KubeConfig,
  method: string,
  path: string,
  body?: unknown,
  contentType = "application/json",
): Promise<T> {
  const reply = await apiRequest(
    kc,
    method,
    path,
    body === undefined ? undefined : { contentType, text: JSON.stringify(body) },
  );
  if (reply.status >= 200 && reply.status < 300) return JSON.parse(reply.body) as T;
  let message = reply.body.trim();
  try {
    message = (JSON.parse(reply.body) as { message?: string }).message ?? message;
  } catch {
    // not a Status: keep the text
  }
  throw Object.assign(new Error(`${method} ${path}: ${reply.status} ${message}`), { code: reply.status });
}

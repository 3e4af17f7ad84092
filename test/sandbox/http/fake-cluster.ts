import type { ServiceRequest, ServiceResponse } from "../../../src/sandbox/index.js";
import { ServiceUnreachableError } from "../../../src/sandbox/index.js";

/** A small cluster: web (agent-ns) echoes the request, /old redirects, /missing is 404, idle has no endpoints. */
export function fakeCluster(requests: ServiceRequest[]) {
  return async (request: ServiceRequest): Promise<ServiceResponse> => {
    requests.push(request);
    if (request.service === "idle")
      throw new ServiceUnreachableError("no-endpoints", "no endpoints available");
    if (request.service !== "web" && request.service !== "metrics") {
      throw new ServiceUnreachableError("not-found", `services "${request.service}" not found`);
    }
    if (request.path === "/old") return { status: 302, headers: { location: "/new" }, body: "moved\n" };
    if (request.path === "/missing")
      return { status: 404, headers: { "content-type": "text/plain" }, body: "no such page\n" };
    if (request.path === "/slow") return { status: 200, headers: {}, body: "late\n", elapsedMs: 2500 };
    const echo = `${request.method} ${request.service}.${request.namespace}:${request.port}${request.path}${request.body ? ` body=${request.body}` : ""}\n`;
    return { status: 200, headers: { "content-type": "text/plain", "x-replicas": "3" }, body: echo };
  };
}

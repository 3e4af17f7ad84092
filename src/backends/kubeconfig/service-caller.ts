/**
 * The agent's curl to a Service on a real cluster. A ready pod behind the Service is picked round robin, as
 * kube-proxy would; if it is the simulated service (a handler of the workload driver claims it), the
 * workload model answers, since the real container is only a stand-in; any other Service is reached for real
 * through the API server's service proxy.
 */
import type { KubeConfig } from "@kubernetes/client-node";
import type { KubeObject, ServiceCall } from "../../cluster/index.js";
import { readyEndpoints } from "../../cluster/service-proxy.js";
import {
  type ClusterView,
  ServiceCallError,
  type ServiceHttpReply,
  type WorkloadSurface,
} from "../backend.js";
import { apiRequest } from "./api-request.js";

type HttpHandler = Parameters<WorkloadSurface["serveHttp"]>[0];

export class ServiceCaller {
  private readonly handlers: HttpHandler[] = [];
  private next = 0;

  constructor(
    private readonly kc: KubeConfig,
    private readonly view: ClusterView,
  ) {}

  serveHttp(handler: HttpHandler): void {
    this.handlers.push(handler);
  }

  async call(call: ServiceCall): Promise<ServiceHttpReply> {
    const service = this.view.get("services", call.namespace, call.service);
    if (!service) {
      throw new ServiceCallError("not-found", `Could not resolve host: ${call.service}.${call.namespace}`);
    }
    const ready = readyEndpoints(this.view.list("pods", call.namespace), service);
    if (ready.length === 0) {
      throw new ServiceCallError("no-endpoints", `no endpoints available for service "${call.service}"`);
    }
    const pod = ready[this.next++ % ready.length] as KubeObject;
    const request = {
      method: call.method,
      path: call.path || "/",
      query: call.query,
      headers: call.headers,
      body: call.body,
    };
    for (const handler of this.handlers) {
      const answer = handler(pod, Number(call.port) || 80, request);
      if (answer) {
        return {
          status: answer.status,
          body: answer.body,
          contentType: answer.headers?.["content-type"] ?? "text/plain",
        };
      }
    }
    const port = call.port ? `:${call.port}` : "";
    const reply = await apiRequest(
      this.kc,
      call.method,
      `/api/v1/namespaces/${encodeURIComponent(call.namespace)}/services/${encodeURIComponent(call.service)}${port}/proxy${call.path || "/"}${call.query}`,
      call.body ? { contentType: call.headers["content-type"] ?? "text/plain", text: call.body } : undefined,
    );
    return { status: reply.status, body: reply.body, contentType: reply.contentType };
  }
}

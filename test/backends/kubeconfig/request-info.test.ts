import { describe, expect, it } from "vitest";
import { auditTarget, requestInfoOf } from "../../../src/backends/kubeconfig/request-info.js";

const target = (method: string, url: string) =>
  auditTarget(requestInfoOf(method, new URL(url, "https://proxy.invalid")));

describe("the audit target of a proxied request, as kube-apiserver's RequestInfo computes it", () => {
  it("tells list, watch and get apart", () => {
    expect(target("GET", "/apis/apps/v1/namespaces/prod/deployments")).toEqual({
      verb: "list",
      resource: "deployments.apps",
      namespace: "prod",
    });
    expect(target("GET", "/api/v1/namespaces/prod/pods?watch=1&resourceVersion=10").verb).toBe("watch");
    expect(target("GET", "/api/v1/namespaces/prod/pods?watch=false").verb).toBe("list");
    expect(target("GET", "/api/v1/namespaces/prod/pods/web-1")).toEqual({
      verb: "get",
      resource: "pods",
      namespace: "prod",
      name: "web-1",
    });
  });

  it("names the object a collection request selects by metadata.name (kubectl get NAME -w)", () => {
    expect(
      target("GET", "/api/v1/namespaces/prod/pods?fieldSelector=metadata.name%3Dweb-1&watch=true"),
    ).toEqual({ verb: "watch", resource: "pods", namespace: "prod", name: "web-1" });
    expect(
      target("GET", "/api/v1/namespaces/prod/pods?fieldSelector=metadata.name!%3Dweb-1"),
    ).not.toHaveProperty("name");
  });

  it("takes the verb from the legacy /watch/ and /proxy/ prefixes", () => {
    expect(target("GET", "/api/v1/watch/namespaces/prod/pods/web-1")).toEqual({
      verb: "watch",
      resource: "pods",
      namespace: "prod",
      name: "web-1",
    });
    expect(target("GET", "/apis/apps/v1/watch/deployments")).toEqual({
      verb: "watch",
      resource: "deployments.apps",
    });
    expect(target("GET", "/api/v1/proxy/namespaces/prod/services/web/")).toMatchObject({
      verb: "proxy",
      resource: "services",
      name: "web",
    });
  });

  it("maps writes to create, update, patch, delete and deletecollection", () => {
    expect(target("POST", "/api/v1/namespaces/prod/configmaps").verb).toBe("create");
    expect(target("PUT", "/api/v1/namespaces/prod/configmaps/a").verb).toBe("update");
    expect(target("PATCH", "/apis/apps/v1/namespaces/prod/deployments/web/scale")).toEqual({
      verb: "patch",
      resource: "deployments.apps",
      subresource: "scale",
      namespace: "prod",
      name: "web",
    });
    expect(target("DELETE", "/api/v1/namespaces/prod/configmaps/a").verb).toBe("delete");
    expect(target("DELETE", "/api/v1/namespaces/prod/configmaps?labelSelector=x%3Dy").verb).toBe(
      "deletecollection",
    );
  });

  it("keeps the path of non-resource requests and takes their verb from the method", () => {
    expect(target("GET", "/apis/apps/v1")).toEqual({ verb: "get", resource: "", path: "/apis/apps/v1" });
    expect(target("POST", "/healthz")).toEqual({ verb: "post", resource: "", path: "/healthz" });
  });
});

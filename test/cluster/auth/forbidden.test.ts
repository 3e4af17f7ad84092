import { describe, expect, it } from "vitest";
import { forbidden, forbiddenMessage, serviceAccountUser } from "../../../src/cluster/auth/index.js";
import { pathRequest, resourceRequest } from "./rbac-fixture.js";

const agent = serviceAccountUser("prod", "agent");
const SA = '"system:serviceaccount:prod:agent"';

describe("forbiddenMessage", () => {
  it("names the object when the request has a name", () => {
    const req = resourceRequest(agent, "get", {
      apiGroup: "apps",
      resource: "deployments",
      namespace: "default",
      name: "web",
    });
    expect(forbiddenMessage(req)).toBe(
      `deployments.apps "web" is forbidden: User ${SA} cannot get resource "deployments" in API group "apps" in the namespace "default"`,
    );
  });

  it("names only the resource for list and create", () => {
    const list = resourceRequest(agent, "list", {
      apiGroup: "apps",
      resource: "deployments",
      namespace: "kube-system",
    });
    expect(forbiddenMessage(list)).toBe(
      `deployments.apps is forbidden: User ${SA} cannot list resource "deployments" in API group "apps" in the namespace "kube-system"`,
    );
    const create = resourceRequest(agent, "create", {
      apiGroup: "apps",
      resource: "deployments",
      namespace: "default",
    });
    expect(forbiddenMessage(create)).toBe(
      `deployments.apps is forbidden: User ${SA} cannot create resource "deployments" in API group "apps" in the namespace "default"`,
    );
  });

  it("says `at the cluster scope` for cluster-scoped resources and all-namespace lists", () => {
    expect(forbiddenMessage(resourceRequest(agent, "list", { resource: "nodes" }))).toBe(
      `nodes is forbidden: User ${SA} cannot list resource "nodes" in API group "" at the cluster scope`,
    );
    expect(forbiddenMessage(resourceRequest(agent, "create", { resource: "namespaces" }))).toBe(
      `namespaces is forbidden: User ${SA} cannot create resource "namespaces" in API group "" at the cluster scope`,
    );
  });

  it("writes the core group as an empty API group and no suffix on the resource", () => {
    const req = resourceRequest(agent, "delete", { resource: "pods", namespace: "prod", name: "web-1" });
    expect(forbiddenMessage(req)).toBe(
      `pods "web-1" is forbidden: User ${SA} cannot delete resource "pods" in API group "" in the namespace "prod"`,
    );
  });

  it("puts the subresource in the refused resource but not in the qualified name", () => {
    const req = resourceRequest(agent, "patch", {
      apiGroup: "apps",
      resource: "deployments",
      subresource: "scale",
      namespace: "prod",
      name: "web",
    });
    expect(forbiddenMessage(req)).toBe(
      `deployments.apps "web" is forbidden: User ${SA} cannot patch resource "deployments/scale" in API group "apps" in the namespace "prod"`,
    );
  });

  it("words non-resource refusals by path", () => {
    expect(forbiddenMessage(pathRequest({ username: "x", groups: [] }, "get", "/foo"))).toBe(
      'forbidden: User "x" cannot get path "/foo"',
    );
  });

  it("appends a non-empty authorizer reason after a colon", () => {
    const req = resourceRequest(agent, "list", { resource: "pods", namespace: "prod" });
    expect(forbiddenMessage(req, 'RBAC: role.rbac.authorization.k8s.io "r" not found')).toBe(
      `pods is forbidden: User ${SA} cannot list resource "pods" in API group "" in the namespace "prod": RBAC: role.rbac.authorization.k8s.io "r" not found`,
    );
  });

  it("quotes like Go's %q and escapes HTML-significant characters in the refusal", () => {
    const odd = { username: 'a"b<c>&', groups: [] };
    const req = resourceRequest(odd, "get", { resource: "configmaps", namespace: "n", name: 'x"y' });
    expect(forbiddenMessage(req)).toBe(
      'configmaps "x\\"y" is forbidden: User "a\\"b&lt;c&gt;&amp;" cannot get resource "configmaps" in API group "" in the namespace "n"',
    );
  });
});

describe("forbidden", () => {
  it("is the 403 Status kubectl prints as `Error from server (Forbidden)`", () => {
    const req = resourceRequest(agent, "get", {
      apiGroup: "apps",
      resource: "deployments",
      namespace: "default",
      name: "web",
    });
    expect(forbidden(req).toStatus()).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: forbiddenMessage(req),
      reason: "Forbidden",
      details: { name: "web", group: "apps", kind: "deployments" },
      code: 403,
    });
  });

  it("carries empty details for a non-resource refusal", () => {
    expect(forbidden(pathRequest(agent, "get", "/foo")).toStatus().details).toEqual({});
  });
});

import { describe, expect, it } from "vitest";
import {
  HARNESS_USER,
  selfSubjectAccessReview,
  selfSubjectRulesReview,
  serviceAccountUser,
} from "../../../src/cluster/auth/index.js";
import { StatusError } from "../../../src/cluster/errors.js";
import type { KubeObject } from "../../../src/cluster/types.js";
import { rbacView, role, roleBinding } from "./rbac-fixture.js";

const agent = serviceAccountUser("prod", "agent");
const rbac = rbacView(
  roleBinding("prod", "agent-edit", { kind: "ClusterRole", name: "edit" }, [
    { kind: "ServiceAccount", name: "agent", namespace: "prod" },
  ]),
  role("prod", "cm-reader", [
    { apiGroups: [""], resources: ["configmaps"], resourceNames: ["settings"], verbs: ["get"] },
  ]),
  roleBinding("prod", "cm", { kind: "Role", name: "cm-reader" }, [{ kind: "ServiceAccount", name: "agent" }]),
);

function accessReview(spec: Record<string, unknown>): KubeObject {
  return { apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview", metadata: {}, spec };
}

describe("selfSubjectAccessReview (kubectl auth can-i)", () => {
  it("answers yes with the RBAC reason, echoing the request", () => {
    const review = accessReview({
      resourceAttributes: { namespace: "prod", verb: "create", group: "apps", resource: "deployments" },
    });
    expect(selfSubjectAccessReview(review, agent, rbac)).toEqual({
      ...review,
      status: {
        allowed: true,
        reason:
          'RBAC: allowed by RoleBinding "agent-edit/prod" of ClusterRole "edit" to ServiceAccount "agent/prod"',
      },
    });
  });

  it("answers no without a reason or a `denied` flag, as RBAC gives neither", () => {
    const review = accessReview({
      resourceAttributes: { namespace: "default", verb: "create", group: "apps", resource: "deployments" },
    });
    expect(selfSubjectAccessReview(review, agent, rbac).status).toEqual({ allowed: false });
  });

  it("checks subresources and names", () => {
    const scale = {
      namespace: "prod",
      verb: "update",
      group: "apps",
      resource: "deployments",
      subresource: "scale",
    };
    expect(
      selfSubjectAccessReview(accessReview({ resourceAttributes: scale }), agent, rbac).status,
    ).toMatchObject({
      allowed: true,
    });
    const named = { namespace: "prod", verb: "get", resource: "configmaps", name: "settings" };
    expect(
      selfSubjectAccessReview(accessReview({ resourceAttributes: named }), agent, rbac).status,
    ).toMatchObject({
      allowed: true,
    });
  });

  it("answers non-resource questions", () => {
    const ok = accessReview({ nonResourceAttributes: { path: "/apis", verb: "get" } });
    expect(selfSubjectAccessReview(ok, agent, rbac).status).toMatchObject({ allowed: true });
    const no = accessReview({ nonResourceAttributes: { path: "/logs", verb: "get" } });
    expect(selfSubjectAccessReview(no, agent, rbac).status).toEqual({ allowed: false });
  });

  it("says yes to system:masters with no reason", () => {
    const review = accessReview({ resourceAttributes: { verb: "*", group: "*", resource: "*" } });
    expect(selfSubjectAccessReview(review, HARNESS_USER, rbac).status).toEqual({ allowed: true });
  });

  it("rejects a review that asks neither or both kinds of question, as the API validation does", () => {
    const neither = () => selfSubjectAccessReview(accessReview({}), agent, rbac);
    expect(neither).toThrow(StatusError);
    expect(neither).toThrow(
      'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
    );
    const both = accessReview({
      resourceAttributes: { verb: "get" },
      nonResourceAttributes: { verb: "get", path: "/" },
    });
    expect(() => selfSubjectAccessReview(both, agent, rbac)).toThrow(/cannot be specified in combination/);
  });
});

describe("selfSubjectRulesReview (kubectl auth can-i --list)", () => {
  const rulesReview = (namespace: string): KubeObject => ({
    apiVersion: "authorization.k8s.io/v1",
    kind: "SelfSubjectRulesReview",
    metadata: {},
    spec: { namespace },
  });

  it("lists cluster-wide rules first, then the namespace's, split into resource and non-resource rules", () => {
    const status = selfSubjectRulesReview(rulesReview("prod"), agent, rbac).status as {
      resourceRules: Record<string, string[]>[];
      nonResourceRules: Record<string, string[]>[];
      incomplete: boolean;
    };
    expect(status.incomplete).toBe(false);
    expect(status.resourceRules[0]).toEqual({
      verbs: ["create"],
      apiGroups: ["authorization.k8s.io"],
      resources: ["selfsubjectaccessreviews", "selfsubjectrulesreviews"],
    });
    expect(status.resourceRules).toContainEqual({
      verbs: ["create", "delete", "deletecollection", "patch", "update"],
      apiGroups: ["apps"],
      resources: expect.arrayContaining(["deployments", "deployments/scale"]),
    });
    expect(status.resourceRules.at(-1)).toEqual({
      verbs: ["get"],
      apiGroups: [""],
      resources: ["configmaps"],
      resourceNames: ["settings"],
    });
    expect(status.nonResourceRules).toContainEqual({
      verbs: ["get"],
      nonResourceURLs: expect.arrayContaining(["/api", "/apis/*", "/version"]),
    });
    expect(status.resourceRules.every((r) => !("nonResourceURLs" in r))).toBe(true);
  });

  it("drops the namespace's bindings when asked about another namespace", () => {
    const status = selfSubjectRulesReview(rulesReview("default"), agent, rbac).status as {
      resourceRules: { resources?: string[] }[];
    };
    expect(status.resourceRules.flatMap((r) => r.resources ?? [])).not.toContain("deployments");
    expect(status.resourceRules.flatMap((r) => r.resources ?? [])).toContain("selfsubjectaccessreviews");
  });

  it("shows everything for system:masters through the cluster-admin binding", () => {
    const status = selfSubjectRulesReview(rulesReview("default"), HARNESS_USER, rbac).status as {
      resourceRules: unknown[];
      nonResourceRules: unknown[];
    };
    expect(status.resourceRules).toContainEqual({ verbs: ["*"], apiGroups: ["*"], resources: ["*"] });
    expect(status.nonResourceRules).toContainEqual({ verbs: ["*"], nonResourceURLs: ["*"] });
  });

  it("reports dangling role references as an evaluation error", () => {
    const broken = rbacView(
      roleBinding("prod", "b", { kind: "Role", name: "nope" }, [{ kind: "ServiceAccount", name: "agent" }]),
    );
    expect(selfSubjectRulesReview(rulesReview("prod"), agent, broken).status).toMatchObject({
      evaluationError: 'role.rbac.authorization.k8s.io "nope" not found',
      incomplete: false,
    });
  });

  it("refuses a review without a namespace", () => {
    expect(() => selfSubjectRulesReview(rulesReview(""), agent, rbac)).toThrow("no namespace on request");
  });
});

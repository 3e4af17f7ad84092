import { describe, expect, it } from "vitest";
import {
  authorize,
  HARNESS_USER,
  serviceAccountUser,
  type UserInfo,
} from "../../../src/cluster/auth/index.js";
import {
  clusterRole,
  clusterRoleBinding,
  pathRequest,
  rbacView,
  resourceRequest,
  role,
  roleBinding,
} from "./rbac-fixture.js";

const agent = serviceAccountUser("prod", "agent");
const editInProd = roleBinding("prod", "agent-edit", { kind: "ClusterRole", name: "edit" }, [
  { kind: "ServiceAccount", name: "agent", namespace: "prod" },
]);

describe("authorize: a ServiceAccount bound to edit in its namespace", () => {
  const rbac = rbacView(editInProd);
  const deployments = { apiGroup: "apps", resource: "deployments" };

  it("may create deployments in that namespace, and says which binding allowed it", () => {
    expect(authorize(resourceRequest(agent, "create", { ...deployments, namespace: "prod" }), rbac)).toEqual({
      allowed: true,
      reason:
        'RBAC: allowed by RoleBinding "agent-edit/prod" of ClusterRole "edit" to ServiceAccount "agent/prod"',
    });
  });

  it("is refused the same request in another namespace, with no reason to add", () => {
    expect(
      authorize(resourceRequest(agent, "create", { ...deployments, namespace: "default" }), rbac),
    ).toEqual({
      allowed: false,
      reason: "",
    });
  });

  it("is refused at the cluster scope (listing across all namespaces)", () => {
    expect(authorize(resourceRequest(agent, "list", deployments), rbac).allowed).toBe(false);
  });

  it("gets read verbs through view, which edit aggregates", () => {
    for (const verb of ["get", "list", "watch"]) {
      expect(
        authorize(resourceRequest(agent, verb, { ...deployments, namespace: "prod" }), rbac).allowed,
      ).toBe(true);
    }
  });

  it("may scale deployments but not write their status", () => {
    const scale = { ...deployments, subresource: "scale", namespace: "prod", name: "web" };
    expect(authorize(resourceRequest(agent, "patch", scale), rbac).allowed).toBe(true);
    const status = { ...scale, subresource: "status" };
    expect(authorize(resourceRequest(agent, "get", status), rbac).allowed).toBe(true);
    expect(authorize(resourceRequest(agent, "patch", status), rbac).allowed).toBe(false);
  });

  it("may not touch RBAC objects (that is admin's) nor resource quotas", () => {
    const roles = { apiGroup: "rbac.authorization.k8s.io", resource: "roles", namespace: "prod" };
    expect(authorize(resourceRequest(agent, "create", roles), rbac).allowed).toBe(false);
    const quota = { resource: "resourcequotas", namespace: "prod", name: "q" };
    expect(authorize(resourceRequest(agent, "get", quota), rbac).allowed).toBe(true);
    expect(authorize(resourceRequest(agent, "update", quota), rbac).allowed).toBe(false);
  });

  it("may not create namespaces or read nodes", () => {
    expect(authorize(resourceRequest(agent, "create", { resource: "namespaces" }), rbac).allowed).toBe(false);
    expect(authorize(resourceRequest(agent, "list", { resource: "nodes" }), rbac).allowed).toBe(false);
  });

  it("reads pod metrics through metrics-server's aggregated reader role, as `kubectl top` needs", () => {
    const podMetrics = { apiGroup: "metrics.k8s.io", resource: "pods", namespace: "prod" };
    expect(authorize(resourceRequest(agent, "list", podMetrics), rbac).allowed).toBe(true);
  });
});

describe("authorize: the other aggregated roles", () => {
  const viewer = serviceAccountUser("prod", "viewer");
  const admin = serviceAccountUser("prod", "admin");
  const rbac = rbacView(
    roleBinding("prod", "v", { kind: "ClusterRole", name: "view" }, [
      { kind: "ServiceAccount", name: "viewer" },
    ]),
    roleBinding("prod", "a", { kind: "ClusterRole", name: "admin" }, [
      { kind: "ServiceAccount", name: "admin" },
    ]),
  );

  it("view reads workloads but cannot change them or read secrets", () => {
    const deploy = { apiGroup: "apps", resource: "deployments", namespace: "prod" };
    expect(authorize(resourceRequest(viewer, "list", deploy), rbac).allowed).toBe(true);
    expect(authorize(resourceRequest(viewer, "create", deploy), rbac).allowed).toBe(false);
    expect(
      authorize(resourceRequest(viewer, "get", { resource: "secrets", namespace: "prod" }), rbac).allowed,
    ).toBe(false);
  });

  it("admin has edit's powers plus roles and rolebindings", () => {
    const rb = { apiGroup: "rbac.authorization.k8s.io", resource: "rolebindings", namespace: "prod" };
    expect(authorize(resourceRequest(admin, "create", rb), rbac).allowed).toBe(true);
    const deploy = { apiGroup: "apps", resource: "deployments", namespace: "prod" };
    expect(authorize(resourceRequest(admin, "delete", deploy), rbac).allowed).toBe(true);
  });

  it("a ClusterRole labelled aggregate-to-edit extends edit and admin at once, but not view", () => {
    const widgets = clusterRole(
      "widget-editor",
      [{ apiGroups: ["example.com"], resources: ["widgets"], verbs: ["*"] }],
      {
        "rbac.authorization.k8s.io/aggregate-to-edit": "true",
      },
    );
    const withWidgets = rbacView(
      widgets,
      editInProd,
      roleBinding("prod", "a", { kind: "ClusterRole", name: "admin" }, [
        { kind: "ServiceAccount", name: "admin" },
      ]),
      roleBinding("prod", "v", { kind: "ClusterRole", name: "view" }, [
        { kind: "ServiceAccount", name: "viewer" },
      ]),
    );
    const req = (u: UserInfo) =>
      resourceRequest(u, "delete", { apiGroup: "example.com", resource: "widgets", namespace: "prod" });
    expect(authorize(req(agent), withWidgets).allowed).toBe(true);
    expect(authorize(req(admin), withWidgets).allowed).toBe(true);
    expect(authorize(req(viewer), withWidgets).allowed).toBe(false);
  });

  it("aggregation follows matchExpressions selectors too", () => {
    const aggregate = {
      ...clusterRole("team", null),
      aggregationRule: {
        clusterRoleSelectors: [
          { matchExpressions: [{ key: "team", operator: "In" as const, values: ["a", "b"] }] },
        ],
      },
    };
    const rbac2 = rbacView(
      aggregate,
      clusterRole("team-b", [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }], { team: "b" }),
      clusterRole("team-c", [{ apiGroups: [""], resources: ["secrets"], verbs: ["get"] }], { team: "c" }),
      clusterRoleBinding("team", "team", [{ kind: "User", name: "alice" }]),
    );
    const alice = { username: "alice", groups: ["system:authenticated"] };
    expect(
      authorize(resourceRequest(alice, "get", { resource: "configmaps", namespace: "x" }), rbac2).allowed,
    ).toBe(true);
    expect(
      authorize(resourceRequest(alice, "get", { resource: "secrets", namespace: "x" }), rbac2).allowed,
    ).toBe(false);
  });
});

describe("authorize: rule matching", () => {
  const alice = { username: "alice", groups: ["system:authenticated"] };
  const bind = (r: ReturnType<typeof role>) =>
    rbacView(
      r,
      roleBinding("ns", "b", { kind: "Role", name: r.metadata.name ?? "" }, [
        { kind: "User", name: "alice" },
      ]),
    );

  it("resourceNames limit a rule to the named objects, so list and create (no name) are refused", () => {
    const rbac = bind(
      role("ns", "one-cm", [
        {
          apiGroups: [""],
          resources: ["configmaps"],
          resourceNames: ["settings"],
          verbs: ["get", "list", "update", "create"],
        },
      ]),
    );
    const cm = { resource: "configmaps", namespace: "ns" };
    expect(authorize(resourceRequest(alice, "get", { ...cm, name: "settings" }), rbac).allowed).toBe(true);
    expect(authorize(resourceRequest(alice, "update", { ...cm, name: "settings" }), rbac).allowed).toBe(true);
    expect(authorize(resourceRequest(alice, "get", { ...cm, name: "other" }), rbac).allowed).toBe(false);
    expect(authorize(resourceRequest(alice, "list", cm), rbac).allowed).toBe(false);
    expect(authorize(resourceRequest(alice, "create", cm), rbac).allowed).toBe(false);
  });

  it("a resource rule covers the resource, not its subresources", () => {
    const rbac = bind(role("ns", "d", [{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["*"] }]));
    const d = { apiGroup: "apps", resource: "deployments", namespace: "ns", name: "web" };
    expect(authorize(resourceRequest(alice, "patch", d), rbac).allowed).toBe(true);
    expect(authorize(resourceRequest(alice, "patch", { ...d, subresource: "scale" }), rbac).allowed).toBe(
      false,
    );
  });

  it("`*/scale` grants the scale subresource of every resource and nothing else", () => {
    const rbac = bind(
      role("ns", "s", [{ apiGroups: ["*"], resources: ["*/scale"], verbs: ["get", "update", "patch"] }]),
    );
    for (const [apiGroup, resource] of [
      ["apps", "deployments"],
      ["apps", "statefulsets"],
      ["", "replicationcontrollers"],
    ] as const) {
      const req = resourceRequest(alice, "patch", {
        apiGroup,
        resource,
        subresource: "scale",
        namespace: "ns",
        name: "x",
      });
      expect(authorize(req, rbac).allowed).toBe(true);
    }
    const status = {
      apiGroup: "apps",
      resource: "deployments",
      subresource: "status",
      namespace: "ns",
      name: "x",
    };
    expect(authorize(resourceRequest(alice, "patch", status), rbac).allowed).toBe(false);
    const parent = { apiGroup: "apps", resource: "deployments", namespace: "ns", name: "x" };
    expect(authorize(resourceRequest(alice, "patch", parent), rbac).allowed).toBe(false);
  });

  it("`*` resources include subresources; apiGroups must still match", () => {
    const rbac = bind(role("ns", "all-apps", [{ apiGroups: ["apps"], resources: ["*"], verbs: ["get"] }]));
    const scale = {
      apiGroup: "apps",
      resource: "deployments",
      subresource: "scale",
      namespace: "ns",
      name: "x",
    };
    expect(authorize(resourceRequest(alice, "get", scale), rbac).allowed).toBe(true);
    expect(
      authorize(resourceRequest(alice, "get", { resource: "pods", namespace: "ns" }), rbac).allowed,
    ).toBe(false);
  });

  it("the empty string apiGroup is the core group and nothing else", () => {
    const rbac = bind(role("ns", "core", [{ apiGroups: [""], resources: ["*"], verbs: ["list"] }]));
    expect(
      authorize(resourceRequest(alice, "list", { resource: "pods", namespace: "ns" }), rbac).allowed,
    ).toBe(true);
    const deploy = { apiGroup: "apps", resource: "deployments", namespace: "ns" };
    expect(authorize(resourceRequest(alice, "list", deploy), rbac).allowed).toBe(false);
  });

  it("a Role grants nothing outside its namespace, even through a same-named binding elsewhere", () => {
    const rbac = rbacView(
      role("ns", "r", [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }]),
      roleBinding("other", "b", { kind: "Role", name: "r" }, [{ kind: "User", name: "alice" }]),
    );
    expect(
      authorize(resourceRequest(alice, "get", { resource: "pods", namespace: "ns" }), rbac).allowed,
    ).toBe(false);
    expect(authorize(resourceRequest(alice, "get", { resource: "pods", namespace: "other" }), rbac)).toEqual({
      allowed: false,
      reason: 'RBAC: role.rbac.authorization.k8s.io "r" not found',
    });
  });

  it("reports every dangling reference among the user's bindings", () => {
    const rbac = rbacView(
      roleBinding("ns", "b1", { kind: "ClusterRole", name: "gone" }, [{ kind: "User", name: "alice" }]),
      roleBinding("ns", "b2", { kind: "Role", name: "missing" }, [{ kind: "User", name: "alice" }]),
    );
    expect(authorize(resourceRequest(alice, "get", { resource: "pods", namespace: "ns" }), rbac).reason).toBe(
      'RBAC: [clusterrole.rbac.authorization.k8s.io "gone" not found, role.rbac.authorization.k8s.io "missing" not found]',
    );
  });
});

describe("authorize: subjects", () => {
  const podsIn = (namespace: string) => ({ resource: "pods", namespace });

  it("a Group subject admits every member of the group", () => {
    const rbac = rbacView(
      clusterRoleBinding("all-sa-view", "view", [{ kind: "Group", name: "system:serviceaccounts:prod" }]),
    );
    expect(authorize(resourceRequest(agent, "list", podsIn("prod")), rbac)).toEqual({
      allowed: true,
      reason:
        'RBAC: allowed by ClusterRoleBinding "all-sa-view" of ClusterRole "view" to Group "system:serviceaccounts:prod"',
    });
    const outsider = serviceAccountUser("dev", "agent");
    expect(authorize(resourceRequest(outsider, "list", podsIn("prod")), rbac).allowed).toBe(false);
  });

  it("a ServiceAccount subject without namespace means the RoleBinding's namespace", () => {
    const rbac = rbacView(
      roleBinding("prod", "b", { kind: "ClusterRole", name: "view" }, [
        { kind: "ServiceAccount", name: "agent" },
      ]),
    );
    expect(authorize(resourceRequest(agent, "list", podsIn("prod")), rbac).reason).toBe(
      'RBAC: allowed by RoleBinding "b/prod" of ClusterRole "view" to ServiceAccount "agent/prod"',
    );
    const sameNameElsewhere = serviceAccountUser("dev", "agent");
    expect(authorize(resourceRequest(sameNameElsewhere, "list", podsIn("prod")), rbac).allowed).toBe(false);
  });

  it("a ServiceAccount subject without namespace in a ClusterRoleBinding matches no one", () => {
    const rbac = rbacView(clusterRoleBinding("b", "view", [{ kind: "ServiceAccount", name: "agent" }]));
    expect(authorize(resourceRequest(agent, "list", podsIn("prod")), rbac).allowed).toBe(false);
  });

  it("a ClusterRoleBinding grants in every namespace and at the cluster scope", () => {
    const rbac = rbacView(
      clusterRoleBinding("b", "view", [{ kind: "ServiceAccount", name: "agent", namespace: "prod" }]),
    );
    expect(authorize(resourceRequest(agent, "list", podsIn("kube-system")), rbac).allowed).toBe(true);
    expect(authorize(resourceRequest(agent, "list", podsIn("")), rbac).allowed).toBe(true);
  });

  it("a User subject matches the username only", () => {
    const rbac = rbacView(
      clusterRoleBinding("b", "view", [{ kind: "User", name: "system:serviceaccounts" }]),
    );
    expect(authorize(resourceRequest(agent, "list", podsIn("prod")), rbac).allowed).toBe(false);
  });
});

describe("authorize: non-resource URLs", () => {
  const rbac = rbacView();

  it("discovery, OpenAPI, version and health paths are open to every authenticated user", () => {
    for (const path of [
      "/api",
      "/api/v1",
      "/apis",
      "/apis/apps/v1",
      "/openapi/v3",
      "/openapi/v3/apis/apps/v1",
      "/version",
      "/healthz",
      "/readyz",
    ]) {
      expect(authorize(pathRequest(agent, "get", path), rbac).allowed, path).toBe(true);
    }
  });

  it("says which default binding opened the path", () => {
    expect(authorize(pathRequest(agent, "get", "/version"), rbac).reason).toBe(
      'RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"',
    );
  });

  it("other paths and other verbs stay closed", () => {
    expect(authorize(pathRequest(agent, "get", "/metrics"), rbac).allowed).toBe(false);
    expect(authorize(pathRequest(agent, "get", "/foo"), rbac).allowed).toBe(false);
    expect(authorize(pathRequest(agent, "post", "/api"), rbac).allowed).toBe(false);
  });

  it("unauthenticated users see only the public info paths", () => {
    const anonymous = { username: "system:anonymous", groups: ["system:unauthenticated"] };
    expect(authorize(pathRequest(anonymous, "get", "/version"), rbac).allowed).toBe(true);
    expect(authorize(pathRequest(anonymous, "get", "/api"), rbac).allowed).toBe(false);
  });

  it("a trailing `*` in a rule matches by prefix", () => {
    const metrics = clusterRole("m", [{ nonResourceURLs: ["/metrics*"], verbs: ["get"] }]);
    const rbac2 = rbacView(metrics, clusterRoleBinding("m", "m", [{ kind: "User", name: agent.username }]));
    expect(authorize(pathRequest(agent, "get", "/metrics/slis"), rbac2).allowed).toBe(true);
    expect(authorize(pathRequest(agent, "get", "/metric"), rbac2).allowed).toBe(false);
  });
});

describe("authorize: system:masters", () => {
  it("allows the harness everything, with no RBAC consulted and no reason given", () => {
    const empty = {
      roles: () => [],
      clusterRoles: () => [],
      roleBindings: () => [],
      clusterRoleBindings: () => [],
    };
    const req = resourceRequest(HARNESS_USER, "deletecollection", { resource: "nodes" });
    expect(authorize(req, empty)).toEqual({ allowed: true, reason: "" });
    expect(authorize(pathRequest(HARNESS_USER, "get", "/anything"), empty).allowed).toBe(true);
  });
});

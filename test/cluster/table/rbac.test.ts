import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/cluster/types.js";
import { cells, headers, meta } from "./fixtures.js";

describe("RoleBinding and ClusterRoleBinding", () => {
  const binding: KubeObject = {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: meta("agent-edit", 600),
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" },
    subjects: [
      { kind: "ServiceAccount", name: "agent", namespace: "smith" },
      { apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "jane" },
      { apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "devs" },
      { apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "bob" },
    ],
  };

  it("prints the role and, wide, the subjects by kind", () => {
    expect(headers(binding)).toEqual({
      normal: ["NAME", "ROLE", "AGE"],
      wide: ["USERS", "GROUPS", "SERVICEACCOUNTS"],
    });
    expect(cells(binding)).toEqual([
      "agent-edit",
      "ClusterRole/edit",
      "10m",
      "jane, bob",
      "devs",
      "smith/agent",
    ]);
  });

  it("prints a ClusterRoleBinding alike, with empty cells for missing subject kinds", () => {
    const { namespace: _, ...metadata } = meta("cluster-admin", 30 * 86400);
    const crb: KubeObject = {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata,
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "system:masters" }],
    };
    expect(cells(crb)).toEqual([
      "cluster-admin",
      "ClusterRole/cluster-admin",
      "30d",
      "",
      "system:masters",
      "",
    ]);
  });
});

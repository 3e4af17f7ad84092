import { describe, expect, it } from "vitest";
import {
  type ClusterRole,
  type ClusterRoleBinding,
  defaultClusterRbac,
} from "../../../src/cluster/auth/index.js";

describe("defaultClusterRbac", () => {
  const objects = defaultClusterRbac();
  const roles = objects.filter((o) => o.kind === "ClusterRole") as ClusterRole[];
  const bindings = objects.filter((o) => o.kind === "ClusterRoleBinding") as ClusterRoleBinding[];
  const roleNamed = (name: string) => roles.find((r) => r.metadata.name === name);

  it("holds the roles a real cluster has that Smith's agents meet", () => {
    expect(roles.map((r) => r.metadata.name)).toEqual(
      expect.arrayContaining([
        "cluster-admin",
        "admin",
        "edit",
        "view",
        "system:discovery",
        "system:basic-user",
        "system:public-info-viewer",
      ]),
    );
    for (const o of objects) expect(o.apiVersion).toBe("rbac.authorization.k8s.io/v1");
  });

  it("binds them to the groups kube-apiserver binds them to", () => {
    const subjectsOf = (name: string) =>
      bindings.find((b) => b.metadata.name === name)?.subjects?.map((s) => `${s.kind}:${s.name}`);
    expect(subjectsOf("cluster-admin")).toEqual(["Group:system:masters"]);
    expect(subjectsOf("system:discovery")).toEqual(["Group:system:authenticated"]);
    expect(subjectsOf("system:basic-user")).toEqual(["Group:system:authenticated"]);
    expect(subjectsOf("system:public-info-viewer")).toEqual([
      "Group:system:authenticated",
      "Group:system:unauthenticated",
    ]);
  });

  it("stores edit with the rules aggregation gives it, as `kubectl get clusterrole edit -o yaml` shows", () => {
    const edit = roleNamed("edit");
    expect(edit?.aggregationRule?.clusterRoleSelectors).toEqual([
      { matchLabels: { "rbac.authorization.k8s.io/aggregate-to-edit": "true" } },
    ]);
    const editResources = (edit?.rules ?? []).flatMap((r) => r.resources ?? []);
    expect(editResources).toContain("deployments/scale");
    // view's rules are part of edit through view's own aggregate-to-edit label.
    expect(editResources).toContain("deployments/status");
    expect(roleNamed("admin")?.rules?.length).toBeGreaterThan(edit?.rules?.length ?? 0);
  });

  it("returns fresh objects each call, so the store may change them freely", () => {
    const aggregateToEdit = () =>
      defaultClusterRbac().find((o) => o.metadata.name === "system:aggregate-to-edit") as ClusterRole;
    aggregateToEdit().rules?.[0]?.resources?.push("nodes");
    expect(aggregateToEdit().rules?.[0]?.resources).not.toContain("nodes");
  });
});

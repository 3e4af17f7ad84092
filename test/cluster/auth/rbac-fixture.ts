import {
  type ClusterRole,
  type ClusterRoleBinding,
  defaultClusterRbac,
  type RbacView,
  type RequestAttributes,
  type Role,
  type RoleBinding,
  type UserInfo,
} from "../../../src/cluster/auth/index.js";
import type { KubeObject } from "../../../src/cluster/types.js";

/** An in-memory RbacView over the default cluster policy plus the given objects, as the store would give it. */
export function rbacView(...objects: KubeObject[]): RbacView {
  const all = [...defaultClusterRbac(), ...objects];
  const of = <T extends KubeObject>(kind: string, namespace?: string) =>
    all.filter(
      (o) => o.kind === kind && (namespace === undefined || o.metadata.namespace === namespace),
    ) as T[];
  return {
    roles: (ns) => of<Role>("Role", ns),
    clusterRoles: () => of<ClusterRole>("ClusterRole"),
    roleBindings: (ns) => of<RoleBinding>("RoleBinding", ns),
    clusterRoleBindings: () => of<ClusterRoleBinding>("ClusterRoleBinding"),
  };
}

const RBAC = "rbac.authorization.k8s.io";

export function roleBinding(
  namespace: string,
  name: string,
  roleRef: { kind: "Role" | "ClusterRole"; name: string },
  subjects: RoleBinding["subjects"],
): RoleBinding {
  return {
    apiVersion: `${RBAC}/v1`,
    kind: "RoleBinding",
    metadata: { name, namespace },
    roleRef: { apiGroup: RBAC, ...roleRef },
    subjects,
  };
}

export function clusterRoleBinding(
  name: string,
  roleName: string,
  subjects: ClusterRoleBinding["subjects"],
): ClusterRoleBinding {
  return {
    apiVersion: `${RBAC}/v1`,
    kind: "ClusterRoleBinding",
    metadata: { name },
    roleRef: { apiGroup: RBAC, kind: "ClusterRole", name: roleName },
    subjects,
  };
}

export function role(namespace: string, name: string, rules: Role["rules"]): Role {
  return { apiVersion: `${RBAC}/v1`, kind: "Role", metadata: { name, namespace }, rules };
}

export function clusterRole(
  name: string,
  rules: ClusterRole["rules"],
  labels?: Record<string, string>,
): ClusterRole {
  return {
    apiVersion: `${RBAC}/v1`,
    kind: "ClusterRole",
    metadata: labels ? { name, labels } : { name },
    rules,
  };
}

/** A resource request; fields not given are empty, as for a collection request in the core group. */
export function resourceRequest(
  user: UserInfo,
  verb: string,
  fields: Partial<Pick<RequestAttributes, "apiGroup" | "resource" | "subresource" | "namespace" | "name">>,
): RequestAttributes {
  return {
    user,
    verb,
    apiGroup: "",
    resource: "",
    subresource: "",
    namespace: "",
    name: "",
    path: "",
    resourceRequest: true,
    ...fields,
  };
}

export function pathRequest(user: UserInfo, verb: string, path: string): RequestAttributes {
  return { ...resourceRequest(user, verb, {}), resourceRequest: false, path };
}

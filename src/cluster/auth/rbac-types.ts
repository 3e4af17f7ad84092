import type { LabelSelector } from "../selectors.js";
import type { KubeObject } from "../types.js";

/** rbac.authorization.k8s.io/v1 objects in their JSON form: only the fields authorization reads are typed. */

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface Subject {
  kind: "User" | "Group" | "ServiceAccount" | (string & {});
  name: string;
  namespace?: string;
  apiGroup?: string;
}

export interface RoleRef {
  apiGroup: string;
  kind: "Role" | "ClusterRole" | (string & {});
  name: string;
}

export interface Role extends KubeObject {
  rules?: PolicyRule[] | null;
}

export interface AggregationRule {
  clusterRoleSelectors?: LabelSelector[];
}

export interface ClusterRole extends KubeObject {
  rules?: PolicyRule[] | null;
  aggregationRule?: AggregationRule;
}

export interface RoleBinding extends KubeObject {
  roleRef: RoleRef;
  subjects?: Subject[] | null;
}

export interface ClusterRoleBinding extends KubeObject {
  roleRef: RoleRef;
  subjects?: Subject[] | null;
}

/** What authorization needs from the object store: a read view, consulted afresh on every decision. */
export interface RbacView {
  roles(namespace: string): Role[];
  clusterRoles(): ClusterRole[];
  roleBindings(namespace: string): RoleBinding[];
  clusterRoleBindings(): ClusterRoleBinding[];
}

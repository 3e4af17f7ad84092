import type { ResourceType, Verb } from "./types.js";

const ALL: readonly Verb[] = [
  "create",
  "delete",
  "deletecollection",
  "get",
  "list",
  "patch",
  "update",
  "watch",
];
const CREATE_ONLY: readonly Verb[] = ["create"];
const READ_ONLY: readonly Verb[] = ["get", "list"];

function rt(
  group: string,
  version: string,
  resource: string,
  kind: string,
  namespaced: boolean,
  extra: Partial<
    Pick<ResourceType, "shortNames" | "categories" | "verbs" | "subresources" | "singular">
  > = {},
): ResourceType {
  return {
    group,
    version,
    resource,
    kind,
    namespaced,
    singular: extra.singular ?? kind.toLowerCase(),
    shortNames: extra.shortNames ?? [],
    categories: extra.categories ?? [],
    verbs: extra.verbs ?? ALL,
    subresources: extra.subresources ?? [],
  };
}

const all = ["all"];

/**
 * Every resource the embedded API server serves, in discovery order.
 * A kind served in two versions (HPA in autoscaling/v1 and v2, Event in v1 and events.k8s.io/v1)
 * appears once per version; all versions share one stored object.
 */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  rt("", "v1", "namespaces", "Namespace", false, {
    shortNames: ["ns"],
    subresources: ["status", "finalize"],
  }),
  rt("", "v1", "nodes", "Node", false, { shortNames: ["no"], subresources: ["status", "proxy"] }),
  rt("", "v1", "pods", "Pod", true, {
    shortNames: ["po"],
    categories: all,
    subresources: [
      "status",
      "log",
      "exec",
      "attach",
      "portforward",
      "proxy",
      "eviction",
      "binding",
      "ephemeralcontainers",
    ],
  }),
  rt("", "v1", "services", "Service", true, {
    shortNames: ["svc"],
    categories: all,
    subresources: ["status", "proxy"],
  }),
  rt("", "v1", "endpoints", "Endpoints", true, { shortNames: ["ep"], singular: "endpoints" }),
  rt("", "v1", "configmaps", "ConfigMap", true, { shortNames: ["cm"] }),
  rt("", "v1", "secrets", "Secret", true),
  rt("", "v1", "serviceaccounts", "ServiceAccount", true, { shortNames: ["sa"], subresources: ["token"] }),
  rt("", "v1", "events", "Event", true, { shortNames: ["ev"] }),
  rt("", "v1", "resourcequotas", "ResourceQuota", true, { shortNames: ["quota"], subresources: ["status"] }),
  rt("", "v1", "limitranges", "LimitRange", true, { shortNames: ["limits"] }),
  rt("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", true, {
    shortNames: ["pvc"],
    subresources: ["status"],
  }),
  rt("apps", "v1", "deployments", "Deployment", true, {
    shortNames: ["deploy"],
    categories: all,
    subresources: ["status", "scale"],
  }),
  rt("apps", "v1", "replicasets", "ReplicaSet", true, {
    shortNames: ["rs"],
    categories: all,
    subresources: ["status", "scale"],
  }),
  rt("apps", "v1", "statefulsets", "StatefulSet", true, {
    shortNames: ["sts"],
    categories: all,
    subresources: ["status", "scale"],
  }),
  rt("apps", "v1", "daemonsets", "DaemonSet", true, {
    shortNames: ["ds"],
    categories: all,
    subresources: ["status"],
  }),
  rt("apps", "v1", "controllerrevisions", "ControllerRevision", true),
  rt("batch", "v1", "jobs", "Job", true, { categories: all, subresources: ["status"] }),
  rt("batch", "v1", "cronjobs", "CronJob", true, {
    shortNames: ["cj"],
    categories: all,
    subresources: ["status"],
  }),
  rt("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true, {
    shortNames: ["hpa"],
    categories: all,
    subresources: ["status"],
  }),
  rt("autoscaling", "v1", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true, {
    shortNames: ["hpa"],
    categories: all,
    subresources: ["status"],
  }),
  rt("events.k8s.io", "v1", "events", "Event", true, { shortNames: ["ev"] }),
  rt("authentication.k8s.io", "v1", "selfsubjectreviews", "SelfSubjectReview", false, {
    verbs: CREATE_ONLY,
  }),
  rt("authorization.k8s.io", "v1", "selfsubjectaccessreviews", "SelfSubjectAccessReview", false, {
    verbs: CREATE_ONLY,
  }),
  rt("authorization.k8s.io", "v1", "selfsubjectrulesreviews", "SelfSubjectRulesReview", false, {
    verbs: CREATE_ONLY,
  }),
  rt("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true, {
    shortNames: ["pdb"],
    subresources: ["status"],
  }),
  rt("rbac.authorization.k8s.io", "v1", "roles", "Role", true),
  rt("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true),
  rt("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false),
  rt("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false),
  rt("coordination.k8s.io", "v1", "leases", "Lease", true),
  rt("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", true),
  rt("metrics.k8s.io", "v1beta1", "pods", "PodMetrics", true, { verbs: READ_ONLY }),
  rt("metrics.k8s.io", "v1beta1", "nodes", "NodeMetrics", false, { verbs: READ_ONLY }),
];

/** Groups in discovery order, each with its versions, the preferred (first) version first. */
export function groupVersions(): { group: string; versions: string[] }[] {
  const groups: { group: string; versions: string[] }[] = [];
  for (const t of RESOURCE_TYPES) {
    let g = groups.find((x) => x.group === t.group);
    if (!g) {
      g = { group: t.group, versions: [] };
      groups.push(g);
    }
    if (!g.versions.includes(t.version)) g.versions.push(t.version);
  }
  return groups;
}

export function findResourceType(group: string, version: string, resource: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((t) => t.group === group && t.version === version && t.resource === resource);
}

export function findKind(apiVersion: string, kind: string): ResourceType | undefined {
  return RESOURCE_TYPES.find(
    (t) => (t.group === "" ? t.version : `${t.group}/${t.version}`) === apiVersion && t.kind === kind,
  );
}

/**
 * The key objects are stored under. Versions of one resource share storage, and events.k8s.io Events
 * are the core Events seen through another version, as in Kubernetes.
 */
export function storageKey(t: Pick<ResourceType, "group" | "resource">): string {
  if (t.group === "" || t.group === "events.k8s.io") return t.resource;
  return `${t.resource}.${t.group}`;
}

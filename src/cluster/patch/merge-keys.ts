/**
 * How Kubernetes 1.32 merges the list (and a few struct) fields of the served types: the `patchStrategy` /
 * `patchMergeKey` struct tags and the `+listType` / `+listMapKey` markers of k8s.io/api, keyed by OpenAPI definition
 * name. The OpenAPI documents publish these as `x-kubernetes-patch-*` and `x-kubernetes-list-*` (kubectl's
 * client-side apply reads them from /openapi/v3), and the strategic-merge-patch code merges by them.
 *
 * A field absent here has neither tag: strategic merge patch replaces it whole, and server-side apply treats it as
 * atomic. Only a few of the many fields Kubernetes marks `+listType=atomic` are listed, since that is the default.
 */

export type PatchStrategy = "merge" | "replace" | "retainKeys" | "merge,retainKeys";
export type ListType = "atomic" | "set" | "map";

export interface PatchMeta {
  /** Strategic merge patch: how a patch merges into this field. Absent: the patch replaces the field. */
  strategy?: PatchStrategy;
  /** Strategic merge patch: the element field that identifies list items (only with a "merge" strategy). */
  mergeKey?: string;
  /** Server-side apply: list semantics. */
  listType?: ListType;
  /** Server-side apply: the element fields that together identify items of a `listType: map` list. */
  listMapKeys?: readonly string[];
}

const mergeBy = (key: string, ...moreMapKeys: string[]): PatchMeta => ({
  strategy: "merge",
  mergeKey: key,
  listType: "map",
  listMapKeys: [key, ...moreMapKeys],
});
const atomic: PatchMeta = { listType: "atomic" };
const mergedSet: PatchMeta = { strategy: "merge", listType: "set" };
const byName = mergeBy("name");
const byType = mergeBy("type");
const conditions = { conditions: byType };

const CORE = "io.k8s.api.core.v1";
const META = "io.k8s.apimachinery.pkg.apis.meta.v1";

const container: Record<string, PatchMeta> = {
  args: atomic,
  command: atomic,
  env: byName,
  envFrom: atomic,
  ports: mergeBy("containerPort", "protocol"),
  resizePolicy: atomic,
  volumeDevices: mergeBy("devicePath"),
  volumeMounts: mergeBy("mountPath"),
};

/** The table itself, by definition name then field. */
export const PATCH_META: Readonly<Record<string, Readonly<Record<string, PatchMeta>>>> = {
  [`${META}.ObjectMeta`]: {
    finalizers: mergedSet,
    managedFields: atomic,
    ownerReferences: mergeBy("uid"),
  },
  [`${META}.LabelSelector`]: { matchExpressions: atomic },
  [`${META}.LabelSelectorRequirement`]: { values: atomic },

  [`${CORE}.PodSpec`]: {
    containers: byName,
    ephemeralContainers: byName,
    hostAliases: mergeBy("ip"),
    imagePullSecrets: byName,
    initContainers: byName,
    readinessGates: atomic,
    resourceClaims: { ...byName, strategy: "merge,retainKeys" },
    schedulingGates: byName,
    tolerations: atomic,
    topologySpreadConstraints: mergeBy("topologyKey", "whenUnsatisfiable"),
    volumes: { ...byName, strategy: "merge,retainKeys" },
  },
  [`${CORE}.Container`]: container,
  [`${CORE}.EphemeralContainer`]: container,
  [`${CORE}.PodStatus`]: {
    conditions: byType,
    containerStatuses: atomic,
    ephemeralContainerStatuses: atomic,
    hostIPs: { strategy: "merge", mergeKey: "ip", listType: "atomic" },
    initContainerStatuses: atomic,
    podIPs: mergeBy("ip"),
    resourceClaimStatuses: { ...byName, strategy: "merge,retainKeys" },
  },
  [`${CORE}.PodSecurityContext`]: { supplementalGroups: atomic, sysctls: atomic },
  [`${CORE}.Capabilities`]: { add: atomic, drop: atomic },
  [`${CORE}.ResourceRequirements`]: { claims: { listType: "map", listMapKeys: ["name"] } },
  [`${CORE}.ServiceSpec`]: {
    clusterIPs: atomic,
    externalIPs: atomic,
    ipFamilies: atomic,
    loadBalancerSourceRanges: atomic,
    ports: mergeBy("port", "protocol"),
  },
  [`${CORE}.ServiceStatus`]: conditions,
  [`${CORE}.ServiceAccount`]: { imagePullSecrets: atomic, secrets: byName },
  [`${CORE}.EndpointSubset`]: { addresses: atomic, notReadyAddresses: atomic, ports: atomic },
  [`${CORE}.Endpoints`]: { subsets: atomic },
  [`${CORE}.NamespaceSpec`]: { finalizers: atomic },
  [`${CORE}.NamespaceStatus`]: conditions,
  [`${CORE}.PersistentVolumeClaimSpec`]: { accessModes: atomic },
  [`${CORE}.PersistentVolumeClaimStatus`]: { accessModes: atomic, conditions: byType },
  [`${CORE}.NodeSpec`]: { podCIDRs: mergedSet, taints: atomic },
  [`${CORE}.NodeStatus`]: {
    addresses: byType,
    conditions: byType,
    images: atomic,
    volumesAttached: atomic,
    volumesInUse: atomic,
  },

  "io.k8s.api.apps.v1.DeploymentSpec": { strategy: { strategy: "retainKeys" } },
  "io.k8s.api.apps.v1.DeploymentStatus": conditions,
  "io.k8s.api.apps.v1.ReplicaSetStatus": conditions,
  "io.k8s.api.apps.v1.StatefulSetSpec": { volumeClaimTemplates: atomic },
  "io.k8s.api.apps.v1.StatefulSetStatus": conditions,
  "io.k8s.api.apps.v1.DaemonSetStatus": conditions,
  "io.k8s.api.batch.v1.JobStatus": {
    conditions: { strategy: "merge", mergeKey: "type", listType: "atomic" },
  },
  "io.k8s.api.batch.v1.CronJobStatus": { active: atomic },
  "io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerSpec": { metrics: atomic },
  "io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerStatus": { conditions: byType, currentMetrics: atomic },
  "io.k8s.api.policy.v1.PodDisruptionBudgetStatus": conditions,
  "io.k8s.api.discovery.v1.EndpointSlice": { endpoints: atomic, ports: atomic },
  "io.k8s.api.discovery.v1.Endpoint": { addresses: { listType: "set" } },
  "io.k8s.api.discovery.v1.EndpointHints": { forZones: atomic },
  "io.k8s.api.rbac.v1.Role": { rules: atomic },
  "io.k8s.api.rbac.v1.ClusterRole": { rules: atomic },
  "io.k8s.api.rbac.v1.RoleBinding": { subjects: atomic },
  "io.k8s.api.rbac.v1.ClusterRoleBinding": { subjects: atomic },
  "io.k8s.api.rbac.v1.PolicyRule": {
    apiGroups: atomic,
    nonResourceURLs: atomic,
    resourceNames: atomic,
    resources: atomic,
    verbs: atomic,
  },
};

/** How field `field` of OpenAPI definition `definitionName` (e.g. "io.k8s.api.core.v1.PodSpec") is merged. */
export function patchMetaFor(definitionName: string, field: string): PatchMeta | undefined {
  const fields = Object.hasOwn(PATCH_META, definitionName) ? PATCH_META[definitionName] : undefined;
  return fields && Object.hasOwn(fields, field) ? fields[field] : undefined;
}

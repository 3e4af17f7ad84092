export type { ClusterApi, RequestContext } from "./api.js";
export type { AuditEntry, AuditLog } from "./audit.js";
export type { VirtualClock } from "./clock.js";
export { EmbeddedCluster, type EmbeddedClusterOptions } from "./cluster.js";
export { findKind, findResourceType, RESOURCE_TYPES } from "./resources.js";
export type { KubeObject, ObjectMeta, ResourceType } from "./types.js";
export type {
  ContainerUsage,
  HttpRequestToPod,
  HttpResponseFromPod,
  WorkloadHooks,
} from "./workload-hooks.js";

export type { ClusterApi, RequestContext } from "./api.js";
export type { AuditEntry, AuditLog } from "./audit.js";
export type { VirtualClock } from "./clock.js";
export { EmbeddedCluster, type EmbeddedClusterOptions } from "./cluster.js";
export type { StartupDelay } from "./controllers/kubelet.js";
export { DEFAULT_NODES, GPU_RESOURCE, type NodeSpec, type NodeTaint } from "./nodes.js";
export { findKind, findResourceType, RESOURCE_TYPES } from "./resources.js";
export type { ServiceCall } from "./service-proxy.js";
export type { KubeObject, ObjectMeta, ResourceType } from "./types.js";
export type {
  ContainerUsage,
  HttpRequestToPod,
  HttpResponseFromPod,
  LogSource,
  RunDuration,
  RunDurationSource,
  WorkloadHooks,
} from "./workload-hooks.js";

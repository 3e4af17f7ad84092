import type { ResourceType } from "../types.js";
import type { Printer } from "./printer.js";
import { cronJobPrinter, jobPrinter } from "./printers/batch.js";
import {
  configMapPrinter,
  namespacePrinter,
  resourceQuotaPrinter,
  secretPrinter,
  serviceAccountPrinter,
} from "./printers/config.js";
import { leasePrinter } from "./printers/coordination.js";
import { defaultPrinter } from "./printers/default.js";
import { endpointSlicePrinter } from "./printers/endpoint-slice.js";
import { eventPrinter } from "./printers/event.js";
import { hpaPrinter } from "./printers/hpa.js";
import { nodeMetricsPrinter, podMetricsPrinter } from "./printers/metrics.js";
import { endpointsPrinter, servicePrinter } from "./printers/network.js";
import { nodePrinter } from "./printers/node.js";
import { podPrinter } from "./printers/pod.js";
import { podDisruptionBudgetPrinter } from "./printers/policy.js";
import { clusterRoleBindingPrinter, roleBindingPrinter } from "./printers/rbac.js";
import { persistentVolumeClaimPrinter } from "./printers/storage.js";
import {
  controllerRevisionPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  replicaSetPrinter,
  statefulSetPrinter,
} from "./printers/workloads.js";

/** Printers by "group/Kind"; every version of a resource prints alike, as the real server's do. */
const PRINTERS: Record<string, Printer> = {
  "/Pod": podPrinter,
  "/Service": servicePrinter,
  "/Endpoints": endpointsPrinter,
  "/Node": nodePrinter,
  "/Namespace": namespacePrinter,
  "/ConfigMap": configMapPrinter,
  "/Secret": secretPrinter,
  "/ServiceAccount": serviceAccountPrinter,
  "/Event": eventPrinter,
  "events.k8s.io/Event": eventPrinter,
  "/ResourceQuota": resourceQuotaPrinter,
  "/PersistentVolumeClaim": persistentVolumeClaimPrinter,
  "apps/Deployment": deploymentPrinter,
  "apps/ReplicaSet": replicaSetPrinter,
  "apps/StatefulSet": statefulSetPrinter,
  "apps/DaemonSet": daemonSetPrinter,
  "apps/ControllerRevision": controllerRevisionPrinter,
  "batch/Job": jobPrinter,
  "batch/CronJob": cronJobPrinter,
  "autoscaling/HorizontalPodAutoscaler": hpaPrinter,
  "discovery.k8s.io/EndpointSlice": endpointSlicePrinter,
  "coordination.k8s.io/Lease": leasePrinter,
  "policy/PodDisruptionBudget": podDisruptionBudgetPrinter,
  "rbac.authorization.k8s.io/RoleBinding": roleBindingPrinter,
  "rbac.authorization.k8s.io/ClusterRoleBinding": clusterRoleBindingPrinter,
  "metrics.k8s.io/PodMetrics": podMetricsPrinter,
  "metrics.k8s.io/NodeMetrics": nodeMetricsPrinter,
};

export function printerFor(resourceType: Pick<ResourceType, "group" | "kind">): Printer {
  return PRINTERS[`${resourceType.group}/${resourceType.kind}`] ?? defaultPrinter;
}

/** Starts every controller of the embedded cluster, in the order kube-controller-manager would. */
import type { PodLogs } from "../pod-logs.js";
import type { WorkloadHooks } from "../workload-hooks.js";
import type { ControllerContext } from "./controller.js";
import { startDisruptionController } from "./disruption.js";
import { startEndpointsController } from "./endpoints.js";
import { startEndpointSliceController } from "./endpointslice.js";
import { startGarbageCollector } from "./garbage-collector.js";
import { type Kubelet, type StartupDelay, startKubelet } from "./kubelet.js";
import { startNamespaceController } from "./namespace.js";
import { startNodeLifecycleController } from "./node-lifecycle.js";
import { startPersistentVolumeController } from "./persistent-volume.js";
import { startResourceQuotaController } from "./resource-quota.js";
import { startScheduler } from "./scheduler.js";
import { startTaintEvictionController } from "./taint-eviction.js";
import { startWorkloadControllers } from "./workloads.js";

export interface ControllerOptions {
  caCertPem: string;
  podExitDelayMs: number;
  hooks: WorkloadHooks;
  logs: PodLogs;
  startupDelays: readonly StartupDelay[];
  defaultStartupSeconds: number;
}

/** What scenarios may drive directly: the nodes' container runtime. */
export interface ControllerHandles {
  kubelet: Kubelet;
}

export function startControllers(ctx: ControllerContext, options: ControllerOptions): ControllerHandles {
  startGarbageCollector(ctx);
  startNamespaceController(ctx, options.caCertPem);
  startNodeLifecycleController(ctx);
  startTaintEvictionController(ctx);
  startEndpointsController(ctx);
  startEndpointSliceController(ctx);
  startResourceQuotaController(ctx);
  startPersistentVolumeController(ctx);
  startWorkloadControllers(ctx, options.hooks);
  startDisruptionController(ctx);
  startScheduler(ctx);
  return { kubelet: startKubelet(ctx, options) };
}

export { type ControllerContext, controllerIdentity, WorkQueue } from "./controller.js";
export { EventRecorder } from "./events.js";
export type { Kubelet, StartupDelay } from "./kubelet.js";

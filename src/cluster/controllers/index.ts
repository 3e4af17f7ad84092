/** Starts every controller of the embedded cluster, in the order kube-controller-manager would. */
import type { ControllerContext } from "./controller.js";
import { startGarbageCollector } from "./garbage-collector.js";
import { startNamespaceController } from "./namespace.js";
import { startPodTermination } from "./pod-termination.js";

export interface ControllerOptions {
  caCertPem: string;
  podExitDelayMs: number;
}

export function startControllers(ctx: ControllerContext, options: ControllerOptions): void {
  startGarbageCollector(ctx);
  startNamespaceController(ctx, options.caCertPem);
  startPodTermination(ctx, options.podExitDelayMs);
}

export { type ControllerContext, controllerIdentity, WorkQueue } from "./controller.js";
export { EventRecorder } from "./events.js";

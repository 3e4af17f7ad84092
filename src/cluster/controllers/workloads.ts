/** The workload controllers of kube-controller-manager: what turns workload objects into pods. */
import type { WorkloadHooks } from "../workload-hooks.js";
import type { ControllerContext } from "./controller.js";
import { startCronJobController } from "./cronjob.js";
import { startDaemonSetController } from "./daemonset.js";
import { startDeploymentController } from "./deployment.js";
import { startHorizontalPodAutoscaler } from "./hpa.js";
import { startJobController } from "./job.js";
import { startReplicaSetController } from "./replicaset.js";
import { startStatefulSetController } from "./statefulset.js";

export function startWorkloadControllers(ctx: ControllerContext, hooks: WorkloadHooks): void {
  startDeploymentController(ctx);
  startReplicaSetController(ctx);
  startStatefulSetController(ctx);
  startDaemonSetController(ctx);
  startJobController(ctx);
  startCronJobController(ctx);
  startHorizontalPodAutoscaler(ctx, hooks);
}

import type {
  ContainerStateTerminated,
  ContainerStatus,
  Pod,
  PodCondition,
} from "kubernetes-types/core/v1.js";
import type { KubeObject } from "../../types.js";
import { DESCRIPTIONS as D } from "../descriptions.js";
import { humanDuration, parseTimestamp, since } from "../human-duration.js";
import { column, type PrintedRow, type Printer, wide } from "../printer.js";
import type { TableRowCondition } from "../types.js";
import { AGE, as, NAME } from "./common.js";

const SUCCEEDED: TableRowCondition[] = [
  { type: "Completed", status: "True", reason: "Succeeded", message: "The pod has completed successfully." },
];
const FAILED: TableRowCondition[] = [
  { type: "Completed", status: "True", reason: "Failed", message: "The pod failed." },
];

function conditionIs(conditions: readonly PodCondition[], type: string): boolean {
  return conditions.find((c) => c.type === type)?.status === "True";
}

/** Keeps the latest container termination time: RESTARTS says how long ago the last restart was. */
class LastRestart {
  at: number | undefined;
  see(status: ContainerStatus): void {
    const finished = parseTimestamp(status.lastState?.terminated?.finishedAt);
    if (finished !== undefined && (this.at === undefined || this.at < finished)) this.at = finished;
  }
}

function terminatedReason(prefix: string, t: ContainerStateTerminated): string {
  if (t.reason) return `${prefix}${t.reason}`;
  return t.signal ? `${prefix}Signal:${t.signal}` : `${prefix}ExitCode:${t.exitCode ?? 0}`;
}

/**
 * The real pod printer's STATUS derivation: phase, overridden by the pod's reason, by the first init
 * container still working ("Init:0/1", "Init:CrashLoopBackOff"), then by the containers' waiting or
 * terminated reasons ("ContainerCreating", "CrashLoopBackOff", "Completed"), and finally by
 * "Terminating" once the pod is being deleted.
 */
function printPod(object: KubeObject, now: Date): PrintedRow {
  const pod = as<Pod>(object);
  const spec = pod.spec;
  const status = pod.status ?? {};
  const conditions = status.conditions ?? [];
  const phase = status.phase ?? "";
  const initSpecs = new Map((spec?.initContainers ?? []).map((c) => [c.name, c]));
  const isSidecar = (name: string) => initSpecs.get(name)?.restartPolicy === "Always";

  let reason = status.reason || phase;
  if (conditions.some((c) => c.type === "PodScheduled" && c.reason === "SchedulingGated"))
    reason = "SchedulingGated";
  const total = (spec?.containers ?? []).length + [...initSpecs.keys()].filter(isSidecar).length;
  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart = new LastRestart();
  const lastSidecarRestart = new LastRestart();

  let initializing = false;
  for (const [i, c] of (status.initContainerStatuses ?? []).entries()) {
    restarts += c.restartCount ?? 0;
    lastRestart.see(c);
    if (isSidecar(c.name)) {
      sidecarRestarts += c.restartCount ?? 0;
      lastSidecarRestart.see(c);
    }
    const terminated = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (isSidecar(c.name) && c.started === true) {
      if (c.ready) ready++;
      continue;
    }
    initializing = true;
    if (terminated) reason = terminatedReason("Init:", terminated);
    else if (waiting?.reason && waiting.reason !== "PodInitializing") reason = `Init:${waiting.reason}`;
    else reason = `Init:${i}/${initSpecs.size}`;
    break;
  }

  if (!initializing || conditionIs(conditions, "Initialized")) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i] as ContainerStatus;
      restarts += c.restartCount ?? 0;
      lastRestart.see(c);
      const { waiting, terminated, running } = c.state ?? {};
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated) reason = terminatedReason("", terminated);
      else if (c.ready && running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === "Completed" && hasRunning)
      reason = conditionIs(conditions, "Ready") ? "Running" : "NotReady";
  }

  if (pod.metadata?.deletionTimestamp) {
    if (status.reason === "NodeLost") reason = "Unknown";
    else if (phase !== "Succeeded" && phase !== "Failed") reason = "Terminating";
  }

  let restartCell = String(restarts);
  if (restarts !== 0 && lastRestart.at !== undefined) {
    restartCell = `${restarts} (${humanDuration(now.getTime() - lastRestart.at)} ago)`;
  }

  const gates = spec?.readinessGates ?? [];
  const trueGates = gates.filter(
    (g) => conditions.find((c) => c.type === g.conditionType)?.status === "True",
  );
  const row: PrintedRow = {
    cells: [
      pod.metadata?.name ?? "",
      `${ready}/${total}`,
      reason,
      restartCell,
      since(pod.metadata?.creationTimestamp, now),
      status.podIPs?.[0]?.ip || status.podIP || "<none>",
      spec?.nodeName || "<none>",
      status.nominatedNodeName || "<none>",
      gates.length > 0 ? `${trueGates.length}/${gates.length}` : "<none>",
    ],
  };
  if (phase === "Succeeded") row.conditions = SUCCEEDED;
  if (phase === "Failed") row.conditions = FAILED;
  return row;
}

export const podPrinter: Printer = {
  columns: [
    NAME,
    column("Ready", "string", D.podReady),
    column("Status", "string", D.podStatus),
    column("Restarts", "string", D.podRestarts),
    AGE,
    wide("IP", "string", D.podIP),
    wide("Node", "string", D.nodeName),
    wide("Nominated Node", "string", D.nominatedNodeName),
    wide("Readiness Gates", "string", D.readinessGates),
  ],
  print: printPod,
};

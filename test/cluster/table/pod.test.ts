import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/cluster/types.js";
import { ago, cells, headers, meta, tableOf } from "./fixtures.js";

interface PodParts {
  phase: string;
  containerStatuses?: unknown[];
  initContainerStatuses?: unknown[];
  conditions?: unknown[];
  initContainers?: unknown[];
  reason?: string;
  deletionTimestamp?: string;
  readinessGates?: unknown[];
  nodeName?: string;
}

function pod(parts: PodParts, containers = ["web"]): KubeObject {
  const scheduled = parts.nodeName !== undefined;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      ...meta("web-7c9f8d6b5-x2x9q", 300),
      ...(parts.deletionTimestamp
        ? { deletionTimestamp: parts.deletionTimestamp, deletionGracePeriodSeconds: 30 }
        : {}),
    },
    spec: {
      containers: containers.map((name) => ({ name, image: "nginx:1.27", imagePullPolicy: "IfNotPresent" })),
      ...(parts.initContainers ? { initContainers: parts.initContainers } : {}),
      ...(parts.readinessGates ? { readinessGates: parts.readinessGates } : {}),
      restartPolicy: "Always",
      ...(scheduled ? { nodeName: parts.nodeName } : {}),
    },
    status: {
      phase: parts.phase,
      ...(parts.reason ? { reason: parts.reason } : {}),
      conditions: parts.conditions ?? [],
      ...(scheduled ? { hostIP: "172.18.0.2", podIP: "10.244.1.7", podIPs: [{ ip: "10.244.1.7" }] } : {}),
      ...(parts.initContainerStatuses ? { initContainerStatuses: parts.initContainerStatuses } : {}),
      ...(parts.containerStatuses ? { containerStatuses: parts.containerStatuses } : {}),
      startTime: ago(300),
    },
  };
}

const condition = (type: string, status: "True" | "False") => ({
  type,
  status,
  lastTransitionTime: ago(290),
});
const running = (name = "web", ready = true, restartCount = 0) => ({
  name,
  ready,
  restartCount,
  started: true,
  image: "nginx:1.27",
  imageID: "docker.io/library/nginx@sha256:abc",
  containerID: "containerd://abc",
  state: { running: { startedAt: ago(280) } },
  lastState: {},
});
const waiting = (reason: string, restartCount = 0, lastState: object = {}) => ({
  name: "web",
  ready: false,
  restartCount,
  started: false,
  image: "nginx:1.27",
  imageID: "",
  state: { waiting: { reason } },
  lastState,
});
const terminated = (reason: string | undefined, exitCode: number, name = "web") => ({
  name,
  ready: false,
  restartCount: 0,
  started: false,
  image: "nginx:1.27",
  imageID: "docker.io/library/nginx@sha256:abc",
  state: {
    terminated: { exitCode, ...(reason ? { reason } : {}), startedAt: ago(200), finishedAt: ago(100) },
  },
  lastState: {},
});
const readyConditions = [
  condition("PodReadyToStartContainers", "True"),
  condition("Initialized", "True"),
  condition("Ready", "True"),
  condition("ContainersReady", "True"),
  condition("PodScheduled", "True"),
];

describe("pod printer", () => {
  it("has the 1.32 columns, wide ones at priority 1", () => {
    expect(headers(pod({ phase: "Pending" }))).toEqual({
      normal: ["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
      wide: ["IP", "NODE", "NOMINATED NODE", "READINESS GATES"],
    });
  });

  it("prints a running, ready pod", () => {
    const p = pod({
      phase: "Running",
      nodeName: "kind-worker",
      conditions: readyConditions,
      containerStatuses: [running()],
    });
    expect(cells(p)).toEqual([
      "web-7c9f8d6b5-x2x9q",
      "1/1",
      "Running",
      "0",
      "5m",
      "10.244.1.7",
      "kind-worker",
      "<none>",
      "<none>",
    ]);
  });

  it("prints an unschedulable pod as Pending with no IP or node", () => {
    const p = pod({
      phase: "Pending",
      conditions: [
        {
          type: "PodScheduled",
          status: "False",
          reason: "Unschedulable",
          message: "0/1 nodes are available",
        },
      ],
    });
    expect(cells(p)).toEqual([
      "web-7c9f8d6b5-x2x9q",
      "0/1",
      "Pending",
      "0",
      "5m",
      "<none>",
      "<none>",
      "<none>",
      "<none>",
    ]);
  });

  it("shows the container's waiting reason while it is being created", () => {
    const p = pod({
      phase: "Pending",
      nodeName: "kind-worker",
      containerStatuses: [waiting("ContainerCreating")],
    });
    expect(cells(p).slice(1, 4)).toEqual(["0/1", "ContainerCreating", "0"]);
  });

  it("shows CrashLoopBackOff with the restart count and how long ago the last restart was", () => {
    const lastState = {
      terminated: { exitCode: 1, reason: "Error", startedAt: ago(200), finishedAt: ago(180) },
    };
    const p = pod({
      phase: "Running",
      nodeName: "kind-worker",
      containerStatuses: [waiting("CrashLoopBackOff", 4, lastState)],
    });
    expect(cells(p).slice(1, 4)).toEqual(["0/1", "CrashLoopBackOff", "4 (3m ago)"]);
  });

  it("prints a finished pod as Completed and marks the row completed", () => {
    const p = pod({
      phase: "Succeeded",
      nodeName: "kind-worker",
      containerStatuses: [terminated("Completed", 0)],
    });
    const row = tableOf(p).rows[0];
    expect(row?.cells.slice(1, 3)).toEqual(["0/1", "Completed"]);
    expect(row?.conditions).toEqual([
      {
        type: "Completed",
        status: "True",
        reason: "Succeeded",
        message: "The pod has completed successfully.",
      },
    ]);
  });

  it("prints a failed container's reason, or its exit code when it has none", () => {
    const failed = pod({
      phase: "Failed",
      nodeName: "kind-worker",
      containerStatuses: [terminated("Error", 1)],
    });
    expect(cells(failed)[2]).toBe("Error");
    expect(tableOf(failed).rows[0]?.conditions?.[0]?.reason).toBe("Failed");
    const noReason = pod({
      phase: "Failed",
      nodeName: "kind-worker",
      containerStatuses: [terminated(undefined, 137)],
    });
    expect(cells(noReason)[2]).toBe("ExitCode:137");
  });

  it("prints an evicted pod with the pod's reason", () => {
    expect(cells(pod({ phase: "Failed", reason: "Evicted" }))[2]).toBe("Evicted");
  });

  it("prints Terminating once deletion starts, but not for a pod that already finished", () => {
    const deleting = pod({
      phase: "Running",
      nodeName: "kind-worker",
      conditions: readyConditions,
      containerStatuses: [running()],
      deletionTimestamp: ago(-30),
    });
    expect(cells(deleting)[2]).toBe("Terminating");
    const done = pod({
      phase: "Succeeded",
      nodeName: "kind-worker",
      containerStatuses: [terminated("Completed", 0)],
      deletionTimestamp: ago(-30),
    });
    expect(cells(done)[2]).toBe("Completed");
  });

  it("prints Unknown for a pod deleted on a lost node", () => {
    const lost = pod({
      phase: "Running",
      reason: "NodeLost",
      containerStatuses: [running()],
      deletionTimestamp: ago(10),
    });
    expect(cells(lost)[2]).toBe("Unknown");
  });

  describe("init containers", () => {
    const init = [{ name: "migrate", image: "migrate:1" }];
    const initStatus = (state: object, restartCount = 0) => ({
      name: "migrate",
      ready: false,
      restartCount,
      started: false,
      image: "migrate:1",
      imageID: "",
      state,
      lastState: {},
    });

    it("prints Init:0/1 while the first init container runs", () => {
      const p = pod({
        phase: "Pending",
        nodeName: "kind-worker",
        initContainers: init,
        conditions: [condition("Initialized", "False")],
        initContainerStatuses: [initStatus({ running: { startedAt: ago(10) } })],
        containerStatuses: [waiting("PodInitializing")],
      });
      expect(cells(p).slice(1, 4)).toEqual(["0/1", "Init:0/1", "0"]);
    });

    it("prints the init container's waiting reason and counts its restarts", () => {
      const p = pod({
        phase: "Pending",
        nodeName: "kind-worker",
        initContainers: init,
        conditions: [condition("Initialized", "False")],
        initContainerStatuses: [initStatus({ waiting: { reason: "CrashLoopBackOff" } }, 3)],
        containerStatuses: [waiting("PodInitializing")],
      });
      expect(cells(p).slice(1, 4)).toEqual(["0/1", "Init:CrashLoopBackOff", "3"]);
    });

    it("prints a failed init container as Init:<reason>", () => {
      const p = pod({
        phase: "Pending",
        nodeName: "kind-worker",
        initContainers: init,
        initContainerStatuses: [initStatus({ terminated: { exitCode: 2, reason: "Error" } })],
      });
      expect(cells(p)[2]).toBe("Init:Error");
    });

    it("counts a started sidecar (restartable init container) as a ready container", () => {
      const p = pod({
        phase: "Running",
        nodeName: "kind-worker",
        initContainers: [{ name: "proxy", image: "envoy:1", restartPolicy: "Always" }],
        conditions: readyConditions,
        initContainerStatuses: [
          { ...running("proxy", true, 1), lastState: { terminated: { exitCode: 1, finishedAt: ago(120) } } },
        ],
        containerStatuses: [running()],
      });
      expect(cells(p).slice(1, 4)).toEqual(["2/2", "Running", "1 (2m ago)"]);
    });
  });

  it("prints NotReady when a container completed while another still runs but the pod is not ready", () => {
    const statuses = [terminated("Completed", 0, "job"), running("web")];
    const notReady = pod(
      {
        phase: "Running",
        nodeName: "kind-worker",
        conditions: [condition("Ready", "False")],
        containerStatuses: statuses,
      },
      ["job", "web"],
    );
    expect(cells(notReady).slice(1, 3)).toEqual(["1/2", "NotReady"]);
    const ready = pod(
      { phase: "Running", nodeName: "kind-worker", conditions: readyConditions, containerStatuses: statuses },
      ["job", "web"],
    );
    expect(cells(ready).slice(1, 3)).toEqual(["1/2", "Running"]);
  });

  it("prints SchedulingGated for a pod held by scheduling gates", () => {
    const p = pod({
      phase: "Pending",
      conditions: [{ type: "PodScheduled", status: "False", reason: "SchedulingGated" }],
    });
    expect(cells(p)[2]).toBe("SchedulingGated");
  });

  it("counts readiness gates whose condition is True", () => {
    const p = pod({
      phase: "Running",
      nodeName: "kind-worker",
      readinessGates: [{ conditionType: "example.com/lb" }, { conditionType: "example.com/dns" }],
      conditions: [...readyConditions, condition("example.com/lb", "True")],
      containerStatuses: [running()],
    });
    expect(cells(p)[8]).toBe("1/2");
  });
});

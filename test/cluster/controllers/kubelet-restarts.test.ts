import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/cluster/index.js";
import { type KubectlEnv, startKubectlEnv } from "../../helpers/kubectl-env.js";

let env: KubectlEnv;
beforeEach(async () => {
  env = await startKubectlEnv({ seed: 11, timeMode: "manual" });
});
afterEach(() => env.stop());

interface ContainerStatus {
  restartCount: number;
  ready: boolean;
  state: Record<string, { reason?: string; message?: string; exitCode?: number }>;
  lastState: { terminated?: { exitCode: number; reason: string } };
}

function pod(name: string, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default" },
    spec: { containers: [{ name: "app", image: "registry.example.com/app:1.0" }], ...spec },
  };
}

const status = (name: string) =>
  env.cluster.store.get("pods", "default", name)?.status as {
    phase: string;
    containerStatuses: ContainerStatus[];
    conditions: { type: string; status: string; reason?: string }[];
  };
const container = (name: string) => status(name).containerStatuses[0] as ContainerStatus;

async function row(name: string): Promise<string[]> {
  const r = await env.kubectl(`get pod ${name} --no-headers`);
  return r.stdout.trim().split(/\s{2,}/);
}

describe("container restarts", () => {
  it("restarts a crashed container at once, then backs off 10 s, 20 s … in CrashLoopBackOff", async () => {
    env.cluster.apply([pod("app")]);
    env.cluster.advance(2_000);
    const uid = env.cluster.store.get("pods", "default", "app")?.metadata.uid;

    env.cluster.crashContainer("default", "app", "app", 1);
    expect(container("app")).toMatchObject({
      restartCount: 1,
      ready: true,
      state: { running: {} },
      lastState: { terminated: { exitCode: 1, reason: "Error" } },
    });

    env.cluster.advance(5_000);
    env.cluster.crashContainer("default", "app", "app", 137);
    expect(container("app")).toMatchObject({
      restartCount: 1,
      ready: false,
      state: {
        waiting: {
          reason: "CrashLoopBackOff",
          message: `back-off 10s restarting failed container=app pod=app_default(${uid})`,
        },
      },
      lastState: { terminated: { exitCode: 137 } },
    });
    expect(await row("app")).toEqual(["app", "0/1", "CrashLoopBackOff", "1 (0s ago)", "7s"]);
    expect(status("app").conditions.find((c) => c.type === "Ready")).toMatchObject({
      status: "False",
      reason: "ContainersNotReady",
    });
    const backOff = env.cluster.store.list("events", "default").find((e) => e.reason === "BackOff");
    expect(backOff).toMatchObject({
      type: "Warning",
      message: `Back-off restarting failed container app in pod app_default(${uid})`,
    });

    env.cluster.advance(9_999);
    expect(container("app").state.waiting?.reason).toBe("CrashLoopBackOff");
    env.cluster.advance(1);
    expect(container("app")).toMatchObject({ restartCount: 2, ready: true, state: { running: {} } });

    env.cluster.crashContainer("default", "app", "app", 1);
    expect(container("app").state.waiting?.message).toMatch(/^back-off 20s /);
    env.cluster.advance(20_000);
    expect(container("app").restartCount).toBe(3);
    expect(await row("app")).toEqual(["app", "1/1", "Running", "3 (20s ago)", "37s"]);
  });

  it("forgets the back-off once a container ran for ten minutes", () => {
    env.cluster.apply([pod("app")]);
    env.cluster.advance(2_000);
    env.cluster.crashContainer("default", "app", "app", 1);
    env.cluster.crashContainer("default", "app", "app", 1);
    env.cluster.advance(10_000);
    env.cluster.advance(600_000);
    env.cluster.crashContainer("default", "app", "app", 1);
    expect(container("app")).toMatchObject({ restartCount: 3, state: { running: {} } });
  });

  it("refuses to crash a container that is not running", () => {
    env.cluster.apply([pod("app")]);
    expect(() => env.cluster.crashContainer("default", "app", "app", 1)).toThrow(
      "Container app of pod default/app is not running.",
    );
  });
});

describe("batch containers", () => {
  it("finishes a restartPolicy Never pod after its run: Succeeded, shown Completed", async () => {
    env.cluster.apply([pod("once", { restartPolicy: "Never" })]);
    env.cluster.advance(2_000 + 9_999);
    expect(status("once").phase).toBe("Running");
    env.cluster.advance(1);
    expect(status("once").phase).toBe("Succeeded");
    expect(container("once").state.terminated).toMatchObject({ exitCode: 0, reason: "Completed" });
    expect(status("once").conditions.find((c) => c.type === "Ready")).toMatchObject({
      status: "False",
      reason: "PodCompleted",
    });
    expect((await row("once")).slice(1, 3)).toEqual(["0/1", "Completed"]);
  });

  it("takes run length and exit code from the workload hooks: Never fails, OnFailure restarts", async () => {
    env.cluster.hooks.addRunDurationSource((p) =>
      p.metadata.name?.startsWith("flaky") ? { seconds: 5, exitCode: 2 } : undefined,
    );
    env.cluster.apply([
      pod("flaky-never", { restartPolicy: "Never" }),
      pod("flaky-retry", { restartPolicy: "OnFailure" }),
    ]);
    env.cluster.advance(7_000);
    expect(status("flaky-never").phase).toBe("Failed");
    expect(container("flaky-never").state.terminated).toMatchObject({ exitCode: 2, reason: "Error" });
    expect((await row("flaky-never")).slice(1, 3)).toEqual(["0/1", "Error"]);
    expect(status("flaky-retry").phase).toBe("Running");
    expect(container("flaky-retry").restartCount).toBe(1);
  });

  it("runs init containers before the app and reports them completed", () => {
    env.cluster.apply([
      pod("with-init", { initContainers: [{ name: "migrate", image: "registry.example.com/migrate:1" }] }),
    ]);
    const before = env.cluster.store.get("pods", "default", "with-init")?.status as {
      initContainerStatuses: ContainerStatus[];
      containerStatuses: ContainerStatus[];
      conditions: { type: string; status: string; reason?: string }[];
    };
    expect(before.initContainerStatuses[0]?.state.waiting?.reason).toBe("PodInitializing");
    expect(before.conditions.find((c) => c.type === "Initialized")).toMatchObject({
      status: "False",
      reason: "ContainersNotInitialized",
    });
    env.cluster.advance(2_000);
    const after = env.cluster.store.get("pods", "default", "with-init")?.status as typeof before;
    expect(after.initContainerStatuses[0]?.state.terminated).toMatchObject({
      exitCode: 0,
      reason: "Completed",
    });
    expect(after.containerStatuses[0]?.state.running).toBeDefined();
  });
});

describe("container logs", () => {
  it("shows the lines a workload logs on start in `kubectl logs`", async () => {
    env.cluster.hooks.addLogSource((p, c) =>
      p.metadata.name === "app" ? [`${c} listening on :8080`, "ready"] : undefined,
    );
    env.cluster.apply([pod("app")]);
    const waiting = await env.kubectl("logs app");
    expect(waiting.stderr).toContain('container "app" in pod "app" is waiting to start: ContainerCreating');
    env.cluster.advance(2_000);
    expect((await env.kubectl("logs app")).stdout).toBe("app listening on :8080\nready\n");
    expect((await env.kubectl("logs app --timestamps")).stdout.split("\n")[0]).toBe(
      "2026-01-01T00:00:02.000000000Z app listening on :8080",
    );
  });
});

describe("kubectl logs --previous", () => {
  /** What the app writes while it runs: the embedded backend's workloads append lines like this. */
  const write = (text: string) =>
    env.cluster.logs.append("default", "app", "app", { time: env.cluster.clock.isoMicro(), text });

  it("says so, with kubectl's real error, while the container has not restarted", async () => {
    env.cluster.apply([pod("app")]);
    env.cluster.advance(2_000);
    write("first run");
    const none = await env.kubectl("logs app --previous");
    expect(none.code).not.toBe(0);
    expect(none.stderr).toBe(
      'Error from server (BadRequest): previous terminated container "app" in pod "app" not found\n',
    );
  });

  it("serves the instance before the restart, and the current one without the flag", async () => {
    env.cluster.apply([pod("app")]);
    env.cluster.advance(2_000);
    write("first run: out of memory");
    env.cluster.crashContainer("default", "app", "app", 137);
    write("second run");
    expect((await env.kubectl("logs app --previous")).stdout).toBe("first run: out of memory\n");
    expect((await env.kubectl("logs app")).stdout).toBe("second run\n");

    // Crashed again: in CrashLoopBackOff the dead instance is both the latest and the previous one.
    env.cluster.advance(5_000);
    env.cluster.crashContainer("default", "app", "app", 1);
    expect(container("app").state.waiting?.reason).toBe("CrashLoopBackOff");
    expect((await env.kubectl("logs app")).stdout).toBe("second run\n");
    expect((await env.kubectl("logs app --previous")).stdout).toBe("second run\n");

    // The back-off ends and a third instance starts: the second becomes the previous one.
    env.cluster.advance(10_000);
    write("third run");
    expect((await env.kubectl("logs app -p")).stdout).toBe("second run\n");
    expect((await env.kubectl("logs app")).stdout).toBe("third run\n");
  });
});

describe("pods bound to a node that is not (yet) there", () => {
  it("start when their node joins", () => {
    env.cluster.apply([pod("pinned", { nodeName: "late" })]);
    env.cluster.advance(10_000);
    expect(status("pinned").phase).toBe("Pending");
    expect(status("pinned").containerStatuses).toBeUndefined();
    env.cluster.addNode({ name: "late", cpu: "2", memory: "8Gi" });
    env.cluster.advance(2_000);
    expect(status("pinned").phase).toBe("Running");
  });

  it("are removed by the pod garbage collector when deleted", async () => {
    env.cluster.apply([pod("orphan", { nodeName: "ghost" })]);
    expect((await env.kubectl("delete pod orphan --wait=false")).code).toBe(0);
    expect(env.cluster.store.get("pods", "default", "orphan")?.metadata.deletionTimestamp).toBeDefined();
    env.cluster.advance(1_000);
    expect(env.cluster.store.get("pods", "default", "orphan")).toBeUndefined();
    const remover = env.cluster.audit
      .list()
      .filter((e) => e.verb === "delete" && e.name === "orphan")
      .map((e) => e.user);
    expect(remover).toEqual(["smith:harness", "system:serviceaccount:kube-system:pod-garbage-collector"]);
  });
});

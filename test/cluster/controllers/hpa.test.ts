/**
 * The HorizontalPodAutoscaler against a Deployment whose pods report the cpu usage the test sets, with
 * the real scheduler and kubelet (pods Ready 5 s after binding) and kubectl reading the result.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/cluster/types.js";
import { type KubectlEnv, startKubectlEnv } from "../../helpers/kubectl-env.js";

let env: KubectlEnv;
let cpuPerPod = 0.425;
const start = () => env.cluster.clock.now();
let t0 = 0;

beforeAll(async () => {
  env = await startKubectlEnv({ seed: 5, timeMode: "manual", defaultStartupSeconds: 5 });
  env.cluster.hooks.addUsageSource((pod: KubeObject) =>
    pod.metadata.labels?.app === "web" ? { main: { cpu: cpuPerPod, memory: 64 * 1024 * 1024 } } : undefined,
  );
  t0 = start();
});
afterAll(() => env.stop());

async function ok(args: string, stdin?: string): Promise<string> {
  const r = await env.kubectl(args, stdin === undefined ? {} : { stdin });
  if (r.code !== 0) throw new Error(`kubectl ${args} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

const replicas = () =>
  (env.cluster.store.get("deployments.apps", "default", "web")?.spec as { replicas?: number } | undefined)
    ?.replicas;
const hpaStatus = () =>
  (env.cluster.store.get("horizontalpodautoscalers.autoscaling", "default", "web")?.status ?? {}) as {
    currentReplicas?: number;
    desiredReplicas?: number;
    conditions?: { type: string; status: string; reason: string; message: string }[];
  };
/** Moves virtual time to `seconds` after the test began. */
const at = (seconds: number) => env.cluster.advance(t0 + seconds * 1000 - env.cluster.clock.now());

const manifest = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: main
        image: nginx
        resources: {requests: {cpu: 500m, memory: 128Mi}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 6
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}
`;

describe("HorizontalPodAutoscaler", () => {
  it("does nothing before its first sync, 15 s after creation", async () => {
    await ok("apply -f -", manifest);
    at(14);
    expect(await ok("get hpa")).toMatch(
      /^NAME\s+REFERENCE\s+TARGETS\s+MINPODS\s+MAXPODS\s+REPLICAS\s+AGE\nweb\s+Deployment\/web\s+cpu: <unknown>\/50%\s+2\s+6\s+0\s+14s\n$/,
    );
  });

  it("ignores cpu samples of pods that only just became ready", async () => {
    at(15);
    const s = hpaStatus();
    expect(s.conditions).toContainEqual(
      expect.objectContaining({
        type: "ScalingActive",
        status: "False",
        reason: "FailedGetResourceMetric",
        message:
          "the HPA was unable to compute the replica count: failed to get cpu utilization: did not receive metrics for targeted pods (pods might be unready)",
      }),
    );
    expect(replicas()).toBe(2);
  });

  it("scales up on high cpu, shows TARGETS like a real cluster, and stops at maxReplicas", async () => {
    at(30);
    expect(replicas()).toBe(4);
    const out = await ok("get hpa web");
    expect(out).toMatch(/web\s+Deployment\/web\s+cpu: 85%\/50%\s+2\s+6\s+2\s+30s/);
    const events = await ok(
      "get events --field-selector involvedObject.kind=HorizontalPodAutoscaler -o custom-columns=REASON:.reason,MSG:.message --no-headers",
    );
    expect(events).toMatch(
      /SuccessfulRescale +New size: 4; reason: cpu resource utilization \(percentage of request\) above target/,
    );
    at(45);
    // The two new pods became ready 10 s ago: their samples are left out and count as idle on a scale-up.
    expect(replicas()).toBe(4);
    at(60);
    expect(replicas()).toBe(6);
    expect(hpaStatus().conditions).toContainEqual(
      expect.objectContaining({ type: "ScalingLimited", status: "True", reason: "TooManyReplicas" }),
    );
    expect(await ok("get hpa web")).toMatch(/cpu: 85%\/50%\s+2\s+6\s+4\s/);
    at(75);
    expect(hpaStatus()).toMatchObject({ currentReplicas: 6, desiredReplicas: 6 });
  });

  it("holds a scale-down for the 5-minute stabilization window, then scales to minReplicas", async () => {
    cpuPerPod = 0.05;
    at(90);
    expect(replicas()).toBe(6);
    expect(hpaStatus().conditions).toContainEqual(
      expect.objectContaining({ type: "AbleToScale", status: "True", reason: "ScaleDownStabilized" }),
    );
    expect(await ok("get hpa web")).toMatch(/cpu: 10%\/50%\s+2\s+6\s+6\s/);
    // The last high recommendation was made at 75 s: it counts until 300 s later.
    at(375);
    expect(replicas()).toBe(6);
    at(390);
    expect(replicas()).toBe(2);
    const events = await ok(
      "get events --field-selector involvedObject.kind=HorizontalPodAutoscaler -o custom-columns=MSG:.message --no-headers",
    );
    expect(events).toContain("New size: 2; reason: All metrics below target");
  });
});

describe("HorizontalPodAutoscaler with behavior and kubectl autoscale", () => {
  let env2: KubectlEnv;
  beforeAll(async () => {
    env2 = await startKubectlEnv({ seed: 6, timeMode: "manual", defaultStartupSeconds: 5 });
    env2.cluster.hooks.addUsageSource((pod: KubeObject) =>
      pod.metadata.labels?.app === "api" ? { main: { cpu: 0.4, memory: 300 * 1024 * 1024 } } : undefined,
    );
  });
  afterAll(() => env2.stop());

  const apiReplicas = () =>
    (env2.cluster.store.get("deployments.apps", "default", "api")?.spec as { replicas?: number } | undefined)
      ?.replicas;

  it("kubectl autoscale creates an HPA the controller acts on", async () => {
    const created = await env2.kubectl("create deployment api --image=nginx --replicas=2");
    expect(created.code).toBe(0);
    const patched = await env2.kubectl([
      "set",
      "resources",
      "deployment/api",
      "--requests=cpu=200m,memory=256Mi",
    ]);
    expect(patched.code).toBe(0);
    const out = await env2.kubectl("autoscale deployment api --cpu-percent=100 --min=2 --max=20");
    expect(out.stdout).toBe("horizontalpodautoscaler.autoscaling/api autoscaled\n");
    // 400m used of 200m requested: 200% of a 100% target, so twice the replicas, once the pods of the
    // resources change have been ready for a metrics window (the sync at 15 s still finds them too new).
    env2.cluster.advance(30_000);
    expect(apiReplicas()).toBe(4);
    // At 45 s the two new pods are too new to count: as idle pods they bring usage to the target.
    env2.cluster.advance(15_000);
    expect(apiReplicas()).toBe(4);
    env2.cluster.advance(15_000);
    expect(apiReplicas()).toBe(8);
    const hpa = await env2.kubectl("get hpa api");
    expect(hpa.stdout).toMatch(/api\s+Deployment\/api\s+cpu: 200%\/100%\s+2\s+20\s+4\s+60s/);
  });

  it("limits scale-up to the behavior's policy: 2 pods per minute", async () => {
    const r = await env2.kubectl("apply -f -", {
      stdin: `
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
  minReplicas: 2
  maxReplicas: 20
  metrics:
  - type: Resource
    resource: {name: memory, target: {type: AverageValue, averageValue: 100Mi}}
  behavior:
    scaleUp:
      policies: [{type: Pods, value: 2, periodSeconds: 60}]
`,
    });
    expect(r.code).toBe(0);
    const sizes: number[] = [];
    for (let i = 0; i < 8; i++) {
      env2.cluster.advance(15_000);
      sizes.push(apiReplicas() ?? 0);
    }
    // 300Mi used per pod against 100Mi: three times as many pods wanted, at most 2 more per minute.
    expect(sizes).toEqual([10, 10, 10, 10, 12, 12, 12, 12]);
    const status = env2.cluster.store.get("horizontalpodautoscalers.autoscaling", "default", "api")
      ?.status as {
      conditions: { type: string; status: string; reason: string }[];
    };
    expect(status.conditions).toContainEqual(
      expect.objectContaining({ type: "ScalingLimited", status: "True", reason: "ScaleUpLimit" }),
    );
    const hpa = await env2.kubectl("get hpa api");
    expect(hpa.stdout).toMatch(/memory: 314572800\/100Mi/);
  });
});

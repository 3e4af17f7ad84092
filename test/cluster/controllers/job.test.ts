/** Jobs with the real kubectl, scheduler and kubelet: batch containers run 10 s unless a hook says otherwise. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/cluster/types.js";
import { type KubectlEnv, startKubectlEnv } from "../../helpers/kubectl-env.js";

let env: KubectlEnv;
beforeAll(async () => {
  env = await startKubectlEnv({ seed: 17, timeMode: "manual", defaultStartupSeconds: 2 });
  env.cluster.hooks.addRunDurationSource((pod: KubeObject) =>
    pod.metadata.labels?.["job-name"] === "flaky" ? { seconds: 5, exitCode: 1 } : undefined,
  );
});
afterAll(() => env.stop());

async function ok(args: string, stdin?: string): Promise<string> {
  const r = await env.kubectl(args, stdin === undefined ? {} : { stdin });
  if (r.code !== 0) throw new Error(`kubectl ${args} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

interface JobJson {
  status: {
    active?: number;
    succeeded?: number;
    failed?: number;
    ready?: number;
    terminating?: number;
    startTime?: string;
    completionTime?: string;
    uncountedTerminatedPods?: object;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
  };
}
const job = async (name: string) => JSON.parse(await ok(`get job ${name} -o json`)) as JobJson;
const jobPods = (name: string) =>
  env.cluster.store.list("pods", "default").filter((p) => p.metadata.labels?.["job-name"] === name);

describe("Job", () => {
  it("runs a pod to completion and marks the Job Complete", async () => {
    await ok("create job once --image=busybox -- echo hi");
    const [pod] = jobPods("once");
    expect(pod?.metadata.name).toMatch(/^once-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod?.metadata.finalizers).toEqual(["batch.kubernetes.io/job-tracking"]);
    expect((await job("once")).status).toMatchObject({
      active: 1,
      ready: 0,
      terminating: 0,
      uncountedTerminatedPods: {},
    });
    env.cluster.advance(2_000);
    expect((await job("once")).status).toMatchObject({ active: 1, ready: 1 });
    env.cluster.advance(10_000);
    const done = (await job("once")).status;
    expect(done).toMatchObject({ succeeded: 1, ready: 0, terminating: 0 });
    expect(done.active).toBeUndefined();
    expect(done.completionTime).toBe("2026-01-01T00:00:12Z");
    expect(done.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      "SuccessCriteriaMet=True",
      "Complete=True",
    ]);
    expect(jobPods("once")[0]?.metadata.finalizers).toBeUndefined();
    expect(await ok("wait --for=condition=complete job/once --timeout=10s")).toBe(
      "job.batch/once condition met\n",
    );
    expect(await ok("get job once")).toMatch(
      /^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE\nonce\s+Complete\s+1\/1\s+12s\s+12s\n$/,
    );
    const events = await ok(
      "get events --field-selector involvedObject.name=once -o custom-columns=REASON:.reason,MSG:.message --no-headers",
    );
    expect(events).toMatch(/SuccessfulCreate\s+Created pod: once-\w{5}\n/);
    expect(events).toMatch(/Completed\s+Job completed\n/);
  });

  it("keeps at most `parallelism` pods running until `completions` succeed", async () => {
    await ok(
      "apply -f -",
      `
apiVersion: batch/v1
kind: Job
metadata: {name: batch}
spec:
  completions: 5
  parallelism: 2
  template:
    spec:
      restartPolicy: Never
      containers: [{name: work, image: busybox}]
`,
    );
    let maxActive = 0;
    for (let i = 0; i < 10; i++) {
      const active = jobPods("batch").filter((p) => {
        const phase = (p.status as { phase: string }).phase;
        return phase === "Pending" || phase === "Running";
      }).length;
      maxActive = Math.max(maxActive, active);
      env.cluster.advance(6_000);
    }
    expect(maxActive).toBe(2);
    const status = (await job("batch")).status;
    expect(status.succeeded).toBe(5);
    expect(jobPods("batch")).toHaveLength(5);
    expect(status.conditions?.at(-1)).toMatchObject({ type: "Complete", status: "True" });
  });

  it("fails the Job once backoffLimit is exceeded, waiting 10 s, then 20 s between attempts", async () => {
    await ok(
      "apply -f -",
      `
apiVersion: batch/v1
kind: Job
metadata: {name: flaky}
spec:
  backoffLimit: 2
  template:
    spec:
      restartPolicy: Never
      containers: [{name: work, image: busybox}]
`,
    );
    const created: number[] = [];
    const t0 = env.cluster.clock.now();
    const unsubscribe = env.cluster.store.subscribe((e) => {
      if (e.resource === "pods" && e.type === "ADDED" && e.object.metadata.labels?.["job-name"] === "flaky")
        created.push((env.cluster.clock.now() - t0) / 1000);
    });
    env.cluster.advance(120_000);
    unsubscribe();
    // Each pod starts after 2 s and fails 5 s later; the next one waits 10 s, then 20 s, from that failure.
    expect(created).toEqual([17, 44]);
    const status = (await job("flaky")).status;
    expect(status.failed).toBe(3);
    expect(status.conditions?.map((c) => `${c.type}=${c.reason}`)).toEqual([
      "FailureTarget=BackoffLimitExceeded",
      "Failed=BackoffLimitExceeded",
    ]);
    expect(status.conditions?.[1]?.message).toBe("Job has reached the specified backoff limit");
    expect(await ok("get job flaky")).toMatch(/flaky\s+Failed\s+0\/1\s/);
  });

  it("Indexed jobs give each pod its completion index and report the completed indexes", async () => {
    await ok(
      "apply -f -",
      `
apiVersion: batch/v1
kind: Job
metadata: {name: shards}
spec:
  completions: 3
  parallelism: 3
  completionMode: Indexed
  template:
    spec:
      restartPolicy: Never
      containers: [{name: work, image: busybox}]
`,
    );
    const pods = jobPods("shards").sort((a, b) =>
      (a.metadata.annotations?.["batch.kubernetes.io/job-completion-index"] ?? "") <
      (b.metadata.annotations?.["batch.kubernetes.io/job-completion-index"] ?? "")
        ? -1
        : 1,
    );
    expect(pods.map((p) => p.metadata.name?.replace(/\w{5}$/, "*"))).toEqual([
      "shards-0-*",
      "shards-1-*",
      "shards-2-*",
    ]);
    const spec = pods[1]?.spec as { hostname: string; containers: { env: { name: string }[] }[] };
    expect(spec.hostname).toBe("shards-1");
    expect(spec.containers[0]?.env.map((e) => e.name)).toEqual(["JOB_COMPLETION_INDEX"]);
    expect(pods[1]?.metadata.labels?.["batch.kubernetes.io/job-completion-index"]).toBe("1");
    env.cluster.advance(15_000);
    const status = (await job("shards")).status as JobJson["status"] & { completedIndexes?: string };
    expect(status).toMatchObject({ succeeded: 3, completedIndexes: "0-2" });
    expect(status.conditions?.at(-1)).toMatchObject({ type: "Complete", status: "True" });
  });

  it("suspending a Job removes its pods until it is resumed", async () => {
    await ok("create job paused --image=busybox -- sleep 3600");
    env.cluster.advance(1_000);
    await ok(`patch job paused -p {"spec":{"suspend":true}}`);
    env.cluster.advance(5_000);
    expect(jobPods("paused").filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(0);
    const suspended = (await job("paused")).status;
    expect(suspended.conditions).toContainEqual(
      expect.objectContaining({
        type: "Suspended",
        status: "True",
        reason: "JobSuspended",
        message: "Job suspended",
      }),
    );
    await ok(`patch job paused -p {"spec":{"suspend":false}}`);
    expect(jobPods("paused").filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(1);
    expect((await job("paused")).status.conditions).toContainEqual(
      expect.objectContaining({ type: "Suspended", status: "False", reason: "JobResumed" }),
    );
  });

  it("deleting a Job removes its pods despite their tracking finalizers", async () => {
    await ok("create job long --image=busybox -- sleep 3600");
    env.cluster.advance(3_000);
    expect(jobPods("long")).toHaveLength(1);
    await ok("delete job long");
    env.cluster.advance(5_000);
    expect(jobPods("long")).toHaveLength(0);
  });

  it("deletes a finished Job after ttlSecondsAfterFinished", async () => {
    await ok(
      "apply -f -",
      `
apiVersion: batch/v1
kind: Job
metadata: {name: short}
spec:
  ttlSecondsAfterFinished: 30
  template:
    spec:
      restartPolicy: Never
      containers: [{name: work, image: busybox}]
`,
    );
    env.cluster.advance(12_000);
    expect((await job("short")).status.succeeded).toBe(1);
    env.cluster.advance(29_000);
    expect(env.cluster.store.get("jobs.batch", "default", "short")).toBeDefined();
    env.cluster.advance(2_000);
    expect(env.cluster.store.get("jobs.batch", "default", "short")).toBeUndefined();
  });
});

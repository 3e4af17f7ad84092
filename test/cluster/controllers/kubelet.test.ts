import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubectlEnv, startKubectlEnv } from "../../helpers/kubectl-env.js";

const MODEL_IMAGE = "vllm/vllm-openai:v0.6.4";

async function ok(env: KubectlEnv, args: string, stdin?: string): Promise<string> {
  const r = await env.kubectl(args, stdin === undefined ? {} : { stdin });
  if (r.code !== 0) throw new Error(`kubectl ${args} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

describe("pod start-up on the virtual clock (manual time)", () => {
  let env: KubectlEnv;
  beforeAll(async () => {
    env = await startKubectlEnv({
      seed: 5,
      timeMode: "manual",
      startupDelays: [{ image: "vllm/vllm-openai", seconds: 90 }],
    });
  });
  afterAll(() => env.stop());

  it("runs a pod exactly its image's start-up delay after creation, then shows it Running 1/1 with IP and node", async () => {
    const created = env.cluster.clock.now();
    await ok(env, `run model --image=${MODEL_IMAGE} --port=8000`);
    expect((await ok(env, "get pod model --no-headers")).split(/\s+/).slice(1, 3)).toEqual([
      "0/1",
      "ContainerCreating",
    ]);
    env.cluster.advance(89_999);
    expect(await ok(env, "get pod model -o jsonpath={.status.phase}")).toBe("Pending");
    env.cluster.advance(1);
    expect(env.cluster.clock.now() - created).toBe(90_000);
    const row = (await ok(env, "get pod model -o wide --no-headers")).trim().split(/\s+/);
    expect(row.slice(0, 3)).toEqual(["model", "1/1", "Running"]);
    expect(row[5]).toMatch(/^10\.244\.\d+\.\d+$/);
    expect(row[6]).toMatch(/^node-[12]$/);
    const ready = JSON.parse(await ok(env, "get pod model -o json")) as {
      status: {
        conditions: { type: string; status: string; lastTransitionTime: string }[];
        containerStatuses: {
          containerID: string;
          image: string;
          imageID: string;
          started: boolean;
          restartCount: number;
          state: { running: { startedAt: string } };
        }[];
        startTime: string;
        hostIP: string;
      };
    };
    expect(ready.status.conditions.map((c) => [c.type, c.status])).toEqual([
      ["PodReadyToStartContainers", "True"],
      ["Initialized", "True"],
      ["Ready", "True"],
      ["ContainersReady", "True"],
      ["PodScheduled", "True"],
    ]);
    expect(ready.status.conditions.find((c) => c.type === "Ready")?.lastTransitionTime).toBe(
      "2026-01-01T00:01:30Z",
    );
    const container = ready.status.containerStatuses[0];
    expect(container).toMatchObject({
      image: "docker.io/vllm/vllm-openai:v0.6.4",
      started: true,
      restartCount: 0,
      state: { running: { startedAt: "2026-01-01T00:01:30Z" } },
    });
    expect(container?.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(container?.imageID).toMatch(/^docker\.io\/vllm\/vllm-openai@sha256:[0-9a-f]{64}$/);
    expect(ready.status.startTime).toBe("2026-01-01T00:00:00Z");
    expect(ready.status.hostIP).toMatch(/^10\.0\.0\.\d+$/);
  });

  it("tells the image pull and container start in the kubelet's events", async () => {
    const events = await ok(
      env,
      "get events --field-selector involvedObject.name=model --sort-by=.metadata.name -o custom-columns=REASON:.reason,FROM:.source.component,MESSAGE:.message --no-headers",
    );
    const lines = events
      .trim()
      .split("\n")
      .map((l) => l.replace(/\s+/g, " "));
    expect(lines).toEqual([
      expect.stringMatching(
        /^Scheduled default-scheduler Successfully assigned default\/model to node-[12]$/,
      ),
      `Pulling kubelet Pulling image "${MODEL_IMAGE}"`,
      expect.stringMatching(
        /^Pulled kubelet Successfully pulled image "vllm\/vllm-openai:v0\.6\.4" in 1m7\.5s \(1m7\.5s including waiting\)\. Image size: \d+ bytes\.$/,
      ),
      "Created kubelet Created container model",
      "Started kubelet Started container model",
    ]);
  });

  it("holds Ready back for a readinessProbe's initialDelaySeconds when that is longer", async () => {
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "slow-ready" },
      spec: {
        containers: [
          {
            name: "web",
            image: "nginx:1.27",
            readinessProbe: { httpGet: { path: "/", port: 80 }, initialDelaySeconds: 30 },
          },
        ],
      },
    };
    await ok(env, "apply -f -", JSON.stringify(pod));
    env.cluster.advance(2_000);
    expect((await ok(env, "get pod slow-ready --no-headers")).split(/\s+/).slice(1, 3)).toEqual([
      "0/1",
      "Running",
    ]);
    env.cluster.advance(28_000);
    expect((await ok(env, "get pod slow-ready --no-headers")).split(/\s+/).slice(1, 3)).toEqual([
      "1/1",
      "Running",
    ]);
  });

  it("says an image is already present when the node pulled it before", async () => {
    await ok(env, `run again --image=${MODEL_IMAGE} --overrides={"spec":{"nodeName":"${nodeOf("model")}"}}`);
    env.cluster.advance(90_000);
    const messages = await ok(
      env,
      "get events --field-selector involvedObject.name=again,reason=Pulled -o jsonpath={.items[*].message}",
    );
    expect(messages).toBe(`Container image "${MODEL_IMAGE}" already present on machine`);
  });

  function nodeOf(pod: string): string {
    return (
      (env.cluster.store.get("pods", "default", pod)?.spec as { nodeName?: string } | undefined)?.nodeName ??
      ""
    );
  }
});

describe("blocking kubectl commands (time jumps while they wait)", () => {
  let env: KubectlEnv;
  beforeAll(async () => {
    env = await startKubectlEnv({ seed: 6, startupDelays: [{ image: "vllm/vllm-openai", seconds: 45 }] });
  });
  afterAll(() => env.stop());

  it("returns from `kubectl wait --for=condition=Ready` at the virtual instant the pod is ready", async () => {
    const created = env.cluster.clock.now();
    await ok(env, `run model --image=${MODEL_IMAGE}`);
    const out = await ok(env, "wait --for=condition=Ready pod/model --timeout=60s");
    expect(out).toBe("pod/model condition met\n");
    const ready = (
      env.cluster.store.get("pods", "default", "model")?.status as
        | {
            conditions: { type: string; lastTransitionTime: string }[];
          }
        | undefined
    )?.conditions.find((c) => c.type === "Ready");
    expect(Date.parse(ready?.lastTransitionTime ?? "") - created).toBe(45_000);
  });

  it("deletes a pod gracefully: the containers are stopped, then the pod is gone", async () => {
    const out = await ok(env, "delete pod model");
    expect(out).toBe('pod "model" deleted\n');
    expect(env.cluster.store.get("pods", "default", "model")).toBeUndefined();
    const killing = env.cluster.store
      .list("events", "default")
      .find((e) => e.reason === "Killing" && (e.involvedObject as { name: string }).name === "model");
    expect(killing).toMatchObject({ message: "Stopping container model", source: { component: "kubelet" } });
    const deleter = env.cluster.audit
      .list()
      .filter((e) => e.verb === "delete" && e.resource === "pods" && e.name === "model")
      .map((e) => e.user);
    expect(deleter).toEqual(["smith:harness", expect.stringMatching(/^system:node:node-[12]$/)]);
  });

  it("removes a pod at once with --grace-period=0 --force", async () => {
    await ok(env, "run quick --image=nginx:1.27");
    await ok(env, "wait --for=condition=Ready pod/quick --timeout=60s");
    const before = env.cluster.clock.now();
    const r = await env.kubectl("delete pod quick --grace-period=0 --force");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("Immediate deletion does not wait for confirmation");
    expect(env.cluster.store.get("pods", "default", "quick")).toBeUndefined();
    expect(env.cluster.clock.now()).toBe(before);
  });
});

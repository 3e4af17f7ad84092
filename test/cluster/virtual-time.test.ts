import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubectlEnv, startKubectlEnv } from "../helpers/kubectl-env.js";

let env: KubectlEnv;
beforeAll(async () => {
  env = await startKubectlEnv({ timeMode: "on-block" });
});
afterAll(() => env.stop());

describe("virtual time while kubectl blocks", () => {
  it("a graceful delete waits for the pod's containers to exit, not for kubectl's watch timeout", async () => {
    await env.kubectl(["run", "sleeper", "--image=nginx:1.27"]);
    env.cluster.advance(30_000);
    const before = env.cluster.clock.now();
    const r = await env.kubectl("delete pod sleeper");
    expect(r.stdout).toBe('pod "sleeper" deleted\n');
    const elapsedSeconds = (env.cluster.clock.now() - before) / 1000;
    expect(elapsedSeconds).toBeGreaterThan(0);
    expect(elapsedSeconds).toBeLessThan(30);
  });

  it("a watch with a request timeout ends at that virtual time", async () => {
    const before = env.cluster.clock.now();
    const r = await env.kubectl("get configmaps -w --request-timeout=45s");
    expect(r.stdout).toMatch(/^kube-root-ca\.crt\s/m);
    expect((env.cluster.clock.now() - before) / 1000).toBe(45);
  });
});

import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveKubectl } from "../../src/common/kubectl.js";
import { type CliProcess, ensureBuilt, runCli, startCli } from "./built-cli.js";

const execFileAsync = promisify(execFile);

let cwd: string;
const running: CliProcess[] = [];

beforeAll(() => {
  ensureBuilt();
  cwd = mkdtempSync(path.join(tmpdir(), "smith-cluster-up-"));
}, 180_000);
afterAll(async () => {
  for (const cli of running) {
    cli.child.kill("SIGINT");
    await cli.done;
  }
});

/** Starts `smith cluster up` and resolves once it has printed where it listens. */
async function clusterUp(args: string[]): Promise<{ cli: CliProcess; kubeconfig: string }> {
  const kubeconfig = path.join(cwd, `${running.length}.kubeconfig`);
  const cli = startCli(["cluster", "up", "--kubeconfig-out", kubeconfig, ...args], { cwd });
  running.push(cli);
  await cli.waitForStdout(/Press Ctrl-C to stop\./);
  return { cli, kubeconfig };
}

async function kubectl(
  kubeconfig: string,
  args: string[],
): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await execFileAsync(resolveKubectl(), [
      `--kubeconfig=${kubeconfig}`,
      `--cache-dir=${path.join(cwd, "kube-cache")}`,
      ...args,
    ]);
    return { stdout, stderr, code: 0 };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; code?: number };
    return { stdout: err.stdout ?? "", stderr: err.stderr ?? "", code: err.code ?? 1 };
  }
}

describe("smith cluster up as a stand-in for a real cluster", () => {
  it("--scenario --nodes-only --speed 60: the scenario's nodes and start-up delays, nothing provisioned, fast virtual time", async () => {
    const { kubeconfig } = await clusterUp(["--speed", "60", "--scenario", "load-balancing", "--nodes-only"]);

    const nodes = await kubectl(kubeconfig, ["get", "nodes", "-o", "name"]);
    expect(nodes.stdout.trim().split("\n").sort()).toEqual([
      "node/gpu-node-1",
      "node/gpu-node-2",
      "node/gpu-node-3",
      "node/gpu-node-4",
      "node/system-node",
    ]);
    const gpus = await kubectl(kubeconfig, [
      "get",
      "node",
      "gpu-node-1",
      "-o",
      "jsonpath={.status.capacity.nvidia\\.com/gpu}",
    ]);
    expect(gpus.stdout).toBe("4");
    const prod = await kubectl(kubeconfig, ["get", "namespace", "prod"]);
    expect(prod.code).toBe(1);
    expect(prod.stderr).toContain('namespaces "prod" not found');
    expect((await kubectl(kubeconfig, ["get", "deployments", "-A", "-o", "name"])).stdout).toBe("");

    const image = "registry.smith.dev/agents/assistant-server:2.3.1";
    const created = await kubectl(kubeconfig, ["create", "deployment", "assistant", `--image=${image}`]);
    expect(created.stdout).toBe("deployment.apps/assistant created\n");
    // 90 virtual seconds of start-up are a second and a half at 60×; at 1× the poll gives up long before.
    let available = "";
    for (let i = 0; i < 120 && available !== "1"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const r = await kubectl(kubeconfig, [
        "get",
        "deployment",
        "assistant",
        "-o",
        "jsonpath={.status.availableReplicas}",
      ]);
      available = r.stdout;
    }
    expect(available).toBe("1");
    const pods = JSON.parse(
      (await kubectl(kubeconfig, ["get", "pods", "-l", "app=assistant", "-o", "json"])).stdout,
    );
    const pod = pods.items[0];
    const ready = pod.status.conditions.find((c: { type: string }) => c.type === "Ready");
    const startedAfter = Date.parse(ready.lastTransitionTime) - Date.parse(pod.metadata.creationTimestamp);
    expect(startedAfter).toBeGreaterThanOrEqual(90_000);
  }, 120_000);

  it("prints the speed it runs at", async () => {
    const cli = startCli(
      ["cluster", "up", "--speed", "2.5", "--kubeconfig-out", path.join(cwd, "s.kubeconfig")],
      {
        cwd,
      },
    );
    running.push(cli);
    const stdout = await cli.waitForStdout(/Press Ctrl-C/);
    expect(stdout).toContain("Virtual time runs 2.5× as fast as the wall clock.");
  });
});

describe("smith cluster up: bad options exit 2 with one sentence", () => {
  for (const speed of ["0", "-3", "fast", "Infinity", ""]) {
    it(`--speed ${JSON.stringify(speed)}`, async () => {
      const result = await runCli(["cluster", "up", "--speed", speed], { cwd });
      expect(result.code).toBe(2);
      expect(result.stderr.trimEnd().split("\n")).toEqual([
        `error: option '--speed <n>' argument '${speed}' is invalid. --speed must be a positive number, such as 60 for a virtual minute per second.`,
      ]);
    });
  }

  it("--nodes-only without --scenario", async () => {
    const result = await runCli(["cluster", "up", "--nodes-only"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "smith: --nodes-only shapes the cluster like a scenario's: add --scenario <id-or-file> to name the scenario.\n",
    );
  });
});

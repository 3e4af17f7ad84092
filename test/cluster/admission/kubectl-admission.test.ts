import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubectlEnv, startKubectlEnv } from "../../helpers/kubectl-env.js";

let env: KubectlEnv;
beforeAll(async () => {
  env = await startKubectlEnv({ timeMode: "manual" });
  for (const ns of ["quota", "limits", "gpu"]) await env.kubectl(`create namespace ${ns}`);
});
afterAll(() => env.stop());

const gpuPod = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: model
    image: registry.local/model-server:1
    resources:
      limits:
        nvidia.com/gpu: 2
`;

describe("quota through kubectl", () => {
  it("creates a quota, and a deployment past its count is refused with the real 403", async () => {
    const created = await env.kubectl(
      "-n quota create quota deploys --hard=count/deployments.apps=1,pods=10",
    );
    expect(created.stdout.trim()).toBe("resourcequota/deploys created");
    expect((await env.kubectl("-n quota create deployment web --image=nginx:1.27")).code).toBe(0);
    const refused = await env.kubectl("-n quota create deployment api --image=nginx:1.27");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'deployments.apps "api" is forbidden: exceeded quota: deploys, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1',
    );
  });

  it("shows used/hard in `kubectl get quota` and `kubectl describe quota`", async () => {
    const table = await env.kubectl("-n quota get quota");
    expect(table.stdout.split("\n")[0]).toMatch(/^NAME\s+AGE\s+REQUEST\s+LIMIT$/);
    // The one deployment that fit has its pod.
    expect(table.stdout).toMatch(/deploys\s+\S+\s+count\/deployments\.apps: 1\/1, pods: 1\/10/);
    const described = await env.kubectl("-n quota describe quota deploys");
    expect(described.stdout).toMatch(/Name:\s+deploys/);
    expect(described.stdout).toMatch(/Resource\s+Used\s+Hard/);
    expect(described.stdout).toMatch(/count\/deployments\.apps\s+1\s+1/);
    expect(described.stdout).toMatch(/pods\s+1\s+10/);
  });

  it("refuses the pod past a GPU quota, and get quota shows the GPUs in use", async () => {
    await env.kubectl("-n gpu create quota gpu-quota --hard=requests.nvidia.com/gpu=4");
    for (const name of ["model-a", "model-b"]) {
      expect((await env.kubectl("-n gpu apply -f -", { stdin: gpuPod(name) })).code).toBe(0);
    }
    const refused = await env.kubectl("-n gpu apply -f -", { stdin: gpuPod("model-c") });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'Error from server (Forbidden): error when creating "STDIN": pods "model-c" is forbidden: exceeded quota: gpu-quota, requested: requests.nvidia.com/gpu=2, used: requests.nvidia.com/gpu=4, limited: requests.nvidia.com/gpu=4',
    );
    const table = await env.kubectl("-n gpu get quota gpu-quota --no-headers");
    expect(table.stdout).toMatch(/gpu-quota\s+\S+\s+requests\.nvidia\.com\/gpu: 4\/4/);
  });
});

describe("LimitRange through kubectl", () => {
  it("puts the defaults into the pod, as `kubectl get pod -o yaml` shows", async () => {
    const range = `apiVersion: v1
kind: LimitRange
metadata:
  name: defaults
spec:
  limits:
  - type: Container
    default: {cpu: 500m, memory: 256Mi}
    defaultRequest: {cpu: 100m, memory: 128Mi}
    min: {cpu: 50m}
`;
    expect((await env.kubectl("-n limits apply -f -", { stdin: range })).code).toBe(0);
    expect((await env.kubectl("-n limits run web --image=nginx:1.27")).code).toBe(0);
    const yaml = (await env.kubectl("-n limits get pod web -o yaml")).stdout;
    expect(yaml).toContain(
      "kubernetes.io/limit-ranger: 'LimitRanger plugin set: cpu, memory request for container\n      web; cpu, memory limit for container web'",
    );
    expect(yaml).toContain(
      "    resources:\n      limits:\n        cpu: 500m\n        memory: 256Mi\n      requests:\n        cpu: 100m\n        memory: 128Mi\n",
    );
    expect(yaml).toContain("qosClass: Burstable");
  });

  it("refuses a container under the minimum with the real message", async () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: tiny
spec:
  containers:
  - name: main
    image: nginx:1.27
    resources:
      requests: {cpu: 10m}
`;
    const refused = await env.kubectl("-n limits apply -f -", { stdin: pod });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'pods "tiny" is forbidden: minimum cpu usage per Container is 50m, but request is 10m',
    );
  });
});

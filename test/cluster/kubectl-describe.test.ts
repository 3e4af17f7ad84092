import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubectlEnv, startKubectlEnv } from "../helpers/kubectl-env.js";

let env: KubectlEnv;
beforeAll(async () => {
  env = await startKubectlEnv();
  for (const cmd of [
    "create deployment web --image=nginx:1.27 --replicas=2",
    "expose deployment web --port=80 --target-port=8080",
    "create configmap cfg --from-literal=a=1",
    "create secret generic s --from-literal=k=v",
    "create serviceaccount robot",
    "create role reader --verb=get --resource=pods",
    "create rolebinding rb --role=reader --serviceaccount=default:robot",
    "create job once --image=busybox",
    ["create", "cronjob", "nightly", "--image=busybox", "--schedule=0 3 * * *"],
    "create quota q --hard=pods=20",
    "autoscale deployment web --min=2 --max=5 --cpu-percent=60",
  ] as (string | string[])[]) {
    const r = await env.kubectl(cmd);
    if (r.code !== 0) throw new Error(`${cmd}: ${r.stderr}`);
  }
  env.cluster.advance(120_000);
});
afterAll(() => env.stop());

describe("kubectl describe, for every kind an agent meets", () => {
  it.each([
    [
      "deployment web",
      /^Name:\s+web$/m,
      /^Replicas:\s+2 desired \| 2 updated \| 2 total \| 2 available \| 0 unavailable$/m,
    ],
    ["service web", /^Name:\s+web$/m, /^Endpoints:\s+\S+:8080/m],
    ["nodes", /^Name:\s+node-1$/m, /^Allocatable:/m],
    ["configmap cfg", /^Name:\s+cfg$/m, /^a:$/m],
    ["secret s", /^Type:\s+Opaque$/m, /^k:\s+1 bytes$/m],
    ["serviceaccount robot", /^Name:\s+robot$/m, /^Namespace:\s+default$/m],
    ["role reader", /^Name:\s+reader$/m, /pods\s+\[\]\s+\[\]\s+\[get\]/],
    ["rolebinding rb", /^Role:$/m, /ServiceAccount\s+robot\s+default/],
    ["job once", /^Name:\s+once$/m, /^Completions:\s+1$/m],
    ["cronjob nightly", /^Schedule:\s+0 3 \* \* \*$/m, /^Concurrency Policy:\s+Allow$/m],
    ["quota q", /^Name:\s+q$/m, /^pods\s+\d+\s+20$/m],
    ["hpa web", /^Reference:\s+Deployment\/web$/m, /^Min replicas:\s+2$/m],
    ["namespace default", /^Name:\s+default$/m, /^Status:\s+Active$/m],
  ])("describe %s", async (what, first, second) => {
    const r = await env.kubectl(`describe ${what}`);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(first);
    expect(r.stdout).toMatch(second);
  });

  it("describes a pod with its events", async () => {
    const name = (await env.kubectl("get pods -l app=web -o jsonpath={.items[0].metadata.name}")).stdout;
    const r = await env.kubectl(`describe pod ${name}`);
    expect(r.stdout).toMatch(/^Status:\s+Running$/m);
    expect(r.stdout).toMatch(/^Controlled By:\s+ReplicaSet\/web-[a-z0-9]+$/m);
    expect(r.stdout).toMatch(
      /Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned default\//,
    );
  });

  it("sorts events by lastTimestamp", async () => {
    const r = await env.kubectl("get events --sort-by=.lastTimestamp");
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    expect(r.stdout).toMatch(
      /ScalingReplicaSet\s+deployment\/web\s+Scaled up replica set web-[a-z0-9]+ from 0 to 2/,
    );
  });
});

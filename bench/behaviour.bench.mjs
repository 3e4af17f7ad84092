// Embedded cluster behaviour costs (issue 3): 10,000 virtual seconds of a 50-pod cluster with an HPA and a
// workload hook, in real time; and the in-process CPU of a 30-step scripted trial (kubectl's own process
// time is not in it: the cluster's share is). Run: npm run bench (builds first).

import { Session } from "node:inspector/promises";
import { scriptedAgent } from "../dist/agents/policies/scripted-agent.js";
import { EmbeddedCluster, findKind } from "../dist/cluster/index.js";
import { loadScenario } from "../dist/scenarios/load.js";
import { runTrial } from "../dist/trial/run-trial.js";
import { fmt, median } from "./stats.mjs";

async function virtualHours(swinging) {
  const cluster = await EmbeddedCluster.start({
    seed: 1,
    timeMode: "manual",
    nodes: [1, 2, 3, 4].map((i) => ({ name: `node-${i}`, cpu: "32", memory: "128Gi" })),
  });
  const deployment = findKind("apps/v1", "Deployment");
  const hpa = findKind("autoscaling/v2", "HorizontalPodAutoscaler");
  cluster.api.create(cluster.harness, deployment, "default", {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: {
      replicas: 50,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: {
          containers: [
            { name: "web", image: "nginx:1.27", resources: { requests: { cpu: "500m", memory: "256Mi" } } },
          ],
        },
      },
    },
  });
  cluster.api.create(cluster.harness, hpa, "default", {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: "web" },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
      minReplicas: 40,
      maxReplicas: 60,
      metrics: [
        {
          type: "Resource",
          resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 60 } },
        },
      ],
    },
  });
  // Steady: usage at the HPA's target (60% of the request), so the HPA holds 50 replicas while it syncs every
  // 15 s. Swinging: usage between 40% and 80% of the request every 10 minutes, so pods come and go.
  cluster.hooks.addUsageSource((pod) => {
    if (pod.metadata.labels?.app !== "web") return undefined;
    const phase = Math.floor(cluster.clock.now() / 600_000) % 2;
    const cpu = swinging ? (phase ? 0.4 : 0.2) : 0.3;
    return { web: { cpu, memory: 128 * 2 ** 20 } };
  });
  cluster.settle();
  cluster.advance(120_000);
  const cpu = process.cpuUsage();
  const start = performance.now();
  cluster.advance(10_000 * 1000);
  const real = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const pods = cluster.store.list("pods").length;
  await cluster.stop();
  return { real, cpu: (used.user + used.system) / 1000, pods, audit: cluster.audit.list().length };
}

/**
 * CPU of a 30-step scripted trial (28 kubectl calls), in this process: all of it, and the share spent in the
 * cluster's own code (samples of a CPU profile whose stack passes through dist/cluster). kubectl's own
 * process time is not in either. Two trials warm the JIT first.
 */
async function scriptedTrialCpu() {
  const scenario = loadScenario("load-balancing");
  const commands = [
    "kubectl get deployment assistant -n prod",
    "kubectl get pods -n prod -o wide",
    "curl -s http://assistant.prod.svc.cluster.local/metrics",
    "kubectl top pods -n prod",
  ];
  const thinking = { explain: "e", gaps: "g", findings: "f", plan: "p", action: "a" };
  function* script() {
    for (let i = 0; i < 29; i++) {
      yield {
        thinking,
        command:
          i === 10
            ? "kubectl scale deployment assistant -n prod --replicas=4"
            : commands[i % commands.length],
      };
    }
    return { thinking, summary: "done", claimsSuccess: true };
  }
  const trial = () =>
    runTrial(
      {
        id: "bench",
        agent: "bench:scripted",
        scenario: scenario.id,
        scenarioVersion: scenario.version,
        index: 0,
        seed: 1,
        maxSteps: 30,
      },
      scenario,
      scriptedAgent("bench:scripted", script),
    );
  for (let i = 0; i < 2; i++) await trial();
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  const runs = 4;
  let steps = 0;
  for (let i = 0; i < runs; i++) steps = (await trial()).steps.length;
  const { profile } = await session.post("Profiler.stop");
  session.disconnect();
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  let busy = 0;
  let cluster = 0;
  profile.samples.forEach((id, i) => {
    const t = profile.timeDeltas[i] ?? 0;
    if (nodes.get(id).callFrame.functionName === "(idle)") return;
    busy += t;
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      if (nodes.get(cur).callFrame.url.includes("/dist/cluster/")) {
        cluster += t;
        break;
      }
    }
  });
  return { steps, busyMs: busy / runs / 1000, clusterMs: cluster / runs / 1000 };
}

for (const swinging of [false, true]) {
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await virtualHours(swinging));
  const real = median(runs.map((r) => r.real).sort((a, b) => a - b));
  const cpu = median(runs.map((r) => r.cpu).sort((a, b) => a - b));
  const load = swinging ? "swinging load (pods created and deleted)" : "steady load";
  console.log(
    `10,000 virtual s, ${load}, HPA + workload hook, ${runs[0].pods} pods at the end: real median ${fmt(real)}, cpu median ${fmt(cpu)}`,
  );
}
const t = await scriptedTrialCpu();
console.log(
  `30-step scripted trial (${t.steps} steps), CPU per trial in this process: ${fmt(t.busyMs)}, of which the cluster's own code ${fmt(t.clusterMs)}`,
);

// Embedded cluster behaviour costs (issue 3): 10,000 virtual seconds of a 50-pod cluster with an HPA and a
// workload hook, in real time; and the in-process CPU of a 30-step scripted trial (kubectl's own process
// time is not in it: the cluster's share is). Run: npm run bench (builds first).

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
  const cpu = process.cpuUsage();
  const start = performance.now();
  const record = await runTrial(
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
  const used = process.cpuUsage(cpu);
  return {
    steps: record.steps.length,
    cpu: (used.user + used.system) / 1000,
    real: performance.now() - start,
  };
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
const trials = [];
for (let i = 0; i < 3; i++) trials.push(await scriptedTrialCpu());
console.log(
  `30-step scripted trial (${trials[0].steps} steps): in-process cpu median ${fmt(median(trials.map((t) => t.cpu).sort((a, b) => a - b)))}, wall median ${fmt(median(trials.map((t) => t.real).sort((a, b) => a - b)))}`,
);

import { describe, expect, it } from "vitest";
import { evaluatorFor, quotaTracks } from "../../../src/cluster/admission/evaluators.js";
import { toRecord } from "../../../src/cluster/admission/resource-list.js";
import type { KubeObject } from "../../../src/cluster/types.js";

type Resources = { requests?: Record<string, string>; limits?: Record<string, string> };

function pod(
  containers: Record<string, Resources>,
  extra: {
    init?: Record<string, Resources & { restartPolicy?: string }>;
    phase?: string;
    spec?: object;
  } = {},
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", namespace: "default" },
    spec: {
      ...extra.spec,
      containers: Object.entries(containers).map(([name, resources]) => ({ name, image: "x", resources })),
      initContainers: Object.entries(extra.init ?? {}).map(([name, { restartPolicy, ...resources }]) => ({
        name,
        image: "x",
        resources,
        ...(restartPolicy ? { restartPolicy } : {}),
      })),
    },
    status: { phase: extra.phase ?? "Pending" },
  };
}

const pods = evaluatorFor("pods");
if (!pods) throw new Error("no pod evaluator");

describe("the pod evaluator", () => {
  it("charges requests, limits, the pod count and extended resources as requests.<name>", () => {
    const usage = pods.usage(
      pod({
        main: { requests: { cpu: "500m", memory: "1Gi", "nvidia.com/gpu": "2" }, limits: { cpu: "1" } },
        side: { requests: { cpu: "250m", memory: "512Mi" } },
      }),
    );
    expect(toRecord(usage)).toEqual({
      "count/pods": "1",
      cpu: "750m",
      "limits.cpu": "1",
      memory: "1536Mi",
      pods: "1",
      "requests.cpu": "750m",
      "requests.memory": "1536Mi",
      "requests.nvidia.com/gpu": "2",
    });
  });

  it("counts an init container by its peak and a sidecar on top of the app containers", () => {
    const usage = pods.usage(
      pod(
        { main: { requests: { cpu: "1" } } },
        {
          init: {
            migrate: { requests: { cpu: "3" } },
            proxy: { requests: { cpu: "500m" }, restartPolicy: "Always" },
          },
        },
      ),
    );
    // main 1 + sidecar 0.5 = 1.5 while running; the init container alone needs 3.
    expect(toRecord(usage)["requests.cpu"]).toBe("3");
    const sidecarOnly = pods.usage(
      pod(
        { main: { requests: { cpu: "1" } } },
        { init: { proxy: { requests: { cpu: "500m" }, restartPolicy: "Always" } } },
      ),
    );
    expect(toRecord(sidecarOnly)["requests.cpu"]).toBe("1500m");
  });

  it("stops charging compute and `pods` once a pod has finished, but keeps count/pods", () => {
    for (const phase of ["Succeeded", "Failed"]) {
      expect(toRecord(pods.usage(pod({ main: { requests: { cpu: "1" } } }, { phase })))).toEqual({
        "count/pods": "1",
      });
    }
  });

  it("names every container that leaves out a resource a compute quota tracks", () => {
    const p = pod({
      main: { requests: { cpu: "1", memory: "1Gi" } },
      sidecar: { requests: { cpu: "100m" } },
      log: {},
    });
    expect(pods.constraints(["limits.cpu", "requests.memory", "pods", "requests.nvidia.com/gpu"], p)).toBe(
      "must specify limits.cpu for: log,main,sidecar; requests.memory for: log,sidecar",
    );
    expect(pods.constraints(["pods", "requests.nvidia.com/gpu"], p)).toBeUndefined();
  });

  it("tracks compute names, hugepages and extended requests, nothing else", () => {
    expect(
      pods.matchingResources([
        "pods",
        "count/pods",
        "requests.cpu",
        "cpu",
        "requests.nvidia.com/gpu",
        "nvidia.com/gpu",
        "hugepages-2Mi",
        "services",
        "count/deployments.apps",
      ]),
    ).toEqual(["pods", "count/pods", "requests.cpu", "cpu", "requests.nvidia.com/gpu", "hugepages-2Mi"]);
  });

  it("applies scopes: BestEffort, Terminating and PriorityClass", () => {
    const bestEffort = pod({ main: {} });
    const burstable = pod(
      { main: { requests: { cpu: "1" } } },
      { spec: { activeDeadlineSeconds: 60, priorityClassName: "high" } },
    );
    const names = ["pods"];
    const tracks = (p: KubeObject, scopes: object[]) =>
      quotaTracks(pods, names, scopes as never, pods.scopeFacts(p));
    expect(tracks(bestEffort, [{ scopeName: "BestEffort", operator: "Exists" }])).toBe(true);
    expect(tracks(burstable, [{ scopeName: "BestEffort", operator: "Exists" }])).toBe(false);
    expect(tracks(burstable, [{ scopeName: "NotBestEffort", operator: "Exists" }])).toBe(true);
    expect(tracks(burstable, [{ scopeName: "Terminating", operator: "Exists" }])).toBe(true);
    expect(tracks(bestEffort, [{ scopeName: "NotTerminating", operator: "Exists" }])).toBe(true);
    const high = [{ scopeName: "PriorityClass", operator: "In", values: ["high"] }];
    expect(tracks(burstable, high)).toBe(true);
    expect(tracks(bestEffort, high)).toBe(false);
    expect(tracks(bestEffort, [{ scopeName: "PriorityClass", operator: "DoesNotExist" }])).toBe(true);
  });
});

describe("the other evaluators", () => {
  it("charges a LoadBalancer service its node ports and a load balancer", () => {
    const services = evaluatorFor("services");
    const usage = services?.usage({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "s" },
      spec: { type: "LoadBalancer", ports: [{ port: 80 }, { port: 443 }] },
    });
    expect(usage && toRecord(usage)).toEqual({
      "count/services": "1",
      services: "1",
      "services.loadbalancers": "1",
      "services.nodeports": "2",
    });
    expect(services?.handles("update")).toBe(true);
  });

  it("counts objects as count/<resource>.<group>, with the legacy names where Kubernetes keeps them", () => {
    const deployments = evaluatorFor("deployments.apps");
    expect(deployments?.matchingResources(["count/deployments.apps", "count/replicasets.apps"])).toEqual([
      "count/deployments.apps",
    ]);
    expect(deployments?.handles("update")).toBe(false);
    expect(evaluatorFor("configmaps")?.matchingResources(["configmaps", "count/configmaps"])).toEqual([
      "configmaps",
      "count/configmaps",
    ]);
    expect(evaluatorFor("namespaces")).toBeUndefined();
  });

  it("keeps scoped quotas to pods", () => {
    const secrets = evaluatorFor("secrets");
    if (!secrets) throw new Error("no secrets evaluator");
    const secret: KubeObject = { apiVersion: "v1", kind: "Secret", metadata: { name: "s" } };
    expect(quotaTracks(secrets, ["secrets"], [], secrets.scopeFacts(secret))).toBe(true);
    expect(
      quotaTracks(
        secrets,
        ["secrets"],
        [{ scopeName: "NotTerminating", operator: "Exists" }],
        secrets.scopeFacts(secret),
      ),
    ).toBe(false);
  });
});

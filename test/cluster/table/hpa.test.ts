import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/cluster/types.js";
import { cells, headers, meta } from "./fixtures.js";

function hpa(metrics: unknown[] | undefined, currentMetrics: unknown[] | undefined): KubeObject {
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: meta("web", 900),
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
      minReplicas: 1,
      maxReplicas: 10,
      ...(metrics ? { metrics } : {}),
    },
    status: { currentReplicas: 2, desiredReplicas: 2, ...(currentMetrics ? { currentMetrics } : {}) },
  };
}

const cpuTarget = {
  type: "Resource",
  resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } },
};
const cpuCurrent = {
  type: "Resource",
  resource: { name: "cpu", current: { averageUtilization: 45, averageValue: "90m" } },
};

describe("HorizontalPodAutoscaler", () => {
  it("prints utilization targets as name: current/target", () => {
    const h = hpa([cpuTarget], [cpuCurrent]);
    expect(headers(h)).toEqual({
      normal: ["NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS", "AGE"],
      wide: [],
    });
    expect(cells(h)).toEqual(["web", "Deployment/web", "cpu: 45%/80%", "1", 10, 2, "15m"]);
  });

  it("prints <unknown> before the first metrics arrive", () => {
    expect(cells(hpa([cpuTarget], undefined))[2]).toBe("cpu: <unknown>/80%");
  });

  it("prints value targets, pods and object metrics, and counts what does not fit", () => {
    const memory = {
      type: "Resource",
      resource: { name: "memory", target: { type: "AverageValue", averageValue: "200Mi" } },
    };
    const pods = {
      type: "Pods",
      pods: { metric: { name: "requests_per_second" }, target: { type: "AverageValue", averageValue: "1k" } },
    };
    const object = {
      type: "Object",
      object: {
        metric: { name: "queue_depth" },
        describedObject: { apiVersion: "v1", kind: "Service", name: "queue" },
        target: { type: "Value", value: "30" },
      },
    };
    const h = hpa(
      [memory, pods, object],
      [
        { type: "Resource", resource: { name: "memory", current: { averageValue: "104857600" } } },
        { type: "Pods", pods: { metric: { name: "requests_per_second" }, current: { averageValue: "500" } } },
      ],
    );
    expect(cells(h)[2]).toBe("memory: 104857600/200Mi, 500/1k + 1 more...");
    expect(cells(hpa([object, pods], undefined))[2]).toBe("<unknown>/30, <unknown>/1k");
  });

  it("prints <none> without metrics and <unset> without minReplicas", () => {
    const h = hpa(undefined, undefined);
    (h.spec as Record<string, unknown>).minReplicas = undefined;
    expect(cells(h).slice(2, 4)).toEqual(["<none>", "<unset>"]);
  });

  it("prints an autoscaling/v1 object like its v2 form", () => {
    const v1: KubeObject = {
      apiVersion: "autoscaling/v1",
      kind: "HorizontalPodAutoscaler",
      metadata: meta("web", 900),
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
        minReplicas: 2,
        maxReplicas: 5,
        targetCPUUtilizationPercentage: 70,
      },
      status: { currentReplicas: 3, desiredReplicas: 3, currentCPUUtilizationPercentage: 95 },
    };
    expect(cells(v1)).toEqual(["web", "Deployment/web", "cpu: 95%/70%", "2", 5, 3, "15m"]);
  });
});

import { describe, expect, it } from "vitest";
import {
  noticeDeadline,
  outcomeLine,
  readyEndpointPods,
  replicasForLoad,
  serviceMetrics,
} from "../../../src/agents/policies/read-observations.js";
import { serviceState } from "../../../src/scenarios/workload-model.js";
import {
  configMapsJson,
  deploymentJson,
  endpointsJson,
  failed,
  metricsPage,
  NOTICE_DEADLINE,
  NOTICED_DEPLOYMENT,
  ok,
} from "./canned.js";

const workload = {
  service: "assistant",
  port: 80,
  serviceTimeMs: 400,
  capacityPerReplica: 4,
  sloLatencyMs: 1000,
  tickSeconds: 15,
  load: [],
};

describe("reading the metrics page", () => {
  it("finds what the load needs from the page alone, as the workload model says", () => {
    for (const [rps, ready] of [
      [1.5, 1],
      [3, 1],
      [5.2, 3],
      [9, 4],
      [9, 6],
    ] as const) {
      const s = serviceState(workload, rps, ready);
      const m = serviceMetrics(
        ok(metricsPage({ rps, latencyMs: s.latencyMs, ready, utilisation: s.utilisation })),
      );
      const needed = Array.from({ length: 16 }, (_, i) => i + 1).find(
        (c) => serviceState(workload, rps, c).withinSlo,
      );
      expect(m && replicasForLoad(m), `${rps} rps on ${ready}`).toBe(needed);
    }
  });

  it("cannot tell the need of a saturated service, nor read a page that did not come back", () => {
    const m = serviceMetrics(ok(metricsPage({ rps: 9, latencyMs: 30000, ready: 1, utilisation: 1 })));
    expect(m && replicasForLoad(m)).toBeUndefined();
    expect(serviceMetrics(failed("curl: (7) Failed to connect"))).toBeUndefined();
  });
});

describe("reading a decommission notice", () => {
  it("finds the deadline in an annotation or a maintenance ConfigMap, and nothing where none is posted", () => {
    const at = Date.parse(NOTICE_DEADLINE);
    expect(noticeDeadline([ok(NOTICED_DEPLOYMENT)])).toBe(at);
    expect(noticeDeadline([ok(deploymentJson()), ok(configMapsJson(true))])).toBe(at);
    expect(
      noticeDeadline([ok(deploymentJson()), ok(configMapsJson(false)), failed("Error")]),
    ).toBeUndefined();
  });
});

describe("small readings", () => {
  it("lists the pods behind an Endpoints object and sums up a command in one line", () => {
    expect(readyEndpointPods(ok(endpointsJson(["a-1", "b-2"])))).toEqual(["a-1", "b-2"]);
    expect(readyEndpointPods(failed("NotFound"))).toEqual([]);
    expect(outcomeLine(ok("deployment.apps/assistant scaled\n"))).toBe(
      "exit 0: deployment.apps/assistant scaled",
    );
    expect(outcomeLine(failed("Error from server (Forbidden): no\n"))).toBe(
      "exit 1: Error from server (Forbidden): no",
    );
  });
});

describe("outcomeLine on JSON output", () => {
  it("names the object or the items instead of quoting a brace", () => {
    expect(outcomeLine(ok(deploymentJson()))).toBe("exit 0: Deployment prod/assistant");
    expect(outcomeLine(ok(configMapsJson(true)))).toBe(
      "exit 0: 2 item(s): kube-root-ca.crt, maintenance-notice",
    );
  });
});

import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/cluster/types.js";
import { ago, cells, headers, meta } from "./fixtures.js";

const kubeletEvent: KubeObject = {
  apiVersion: "v1",
  kind: "Event",
  metadata: meta("web-7c9f8d6b5-x2x9q.181a2b3c4d5e6f70", 600),
  involvedObject: {
    apiVersion: "v1",
    kind: "Pod",
    namespace: "default",
    name: "web-7c9f8d6b5-x2x9q",
    uid: "uid-pod",
    fieldPath: "spec.containers{web}",
  },
  reason: "BackOff",
  message: "Back-off restarting failed container web in pod web-7c9f8d6b5-x2x9q\n",
  source: { component: "kubelet", host: "kind-worker" },
  firstTimestamp: ago(600),
  lastTimestamp: ago(60),
  count: 12,
  type: "Warning",
  eventTime: null,
  reportingComponent: "kubelet",
  reportingInstance: "kind-worker",
};

describe("core/v1 Event", () => {
  it("has the 1.32 columns, wide ones at priority 1", () => {
    expect(headers(kubeletEvent)).toEqual({
      normal: ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"],
      wide: ["SUBOBJECT", "SOURCE", "FIRST SEEN", "COUNT", "NAME"],
    });
  });

  it("prints a repeated kubelet event", () => {
    expect(cells(kubeletEvent)).toEqual([
      "60s",
      "Warning",
      "BackOff",
      "pod/web-7c9f8d6b5-x2x9q",
      "spec.containers{web}",
      "kubelet, kind-worker",
      "Back-off restarting failed container web in pod web-7c9f8d6b5-x2x9q",
      "10m",
      12,
      "web-7c9f8d6b5-x2x9q.181a2b3c4d5e6f70",
    ]);
  });

  it("falls back to eventTime and counts a singleton event once", () => {
    const scheduled: KubeObject = {
      apiVersion: "v1",
      kind: "Event",
      metadata: meta("web.181a2b3c4d5e6f71", 125),
      involvedObject: { kind: "Pod", namespace: "default", name: "web" },
      reason: "Scheduled",
      message: "Successfully assigned default/web to kind-worker",
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      eventTime: "2026-01-01T11:57:55.123456Z",
      type: "Normal",
      action: "Binding",
      reportingComponent: "default-scheduler",
      reportingInstance: "default-scheduler-kind-control-plane",
    };
    expect(cells(scheduled)).toEqual([
      "2m4s",
      "Normal",
      "Scheduled",
      "pod/web",
      "",
      "default-scheduler, default-scheduler-kind-control-plane",
      "Successfully assigned default/web to kind-worker",
      "2m4s",
      1,
      "web.181a2b3c4d5e6f71",
    ]);
  });

  it("names an involved object without a name by its kind alone", () => {
    const e = { ...kubeletEvent, involvedObject: { kind: "Node" } };
    expect(cells(e)[3]).toBe("node");
  });
});

describe("events.k8s.io/v1 Event", () => {
  it("prints like a core event, taking last seen and count from the series", () => {
    const e: KubeObject = {
      apiVersion: "events.k8s.io/v1",
      kind: "Event",
      metadata: meta("web-hpa.181a2b3c4d5e6f72", 1800),
      eventTime: ago(1800),
      series: { count: 5, lastObservedTime: ago(30) },
      reportingController: "horizontal-pod-autoscaler",
      reportingInstance: "",
      action: "Scale",
      reason: "SuccessfulRescale",
      regarding: {
        apiVersion: "autoscaling/v2",
        kind: "HorizontalPodAutoscaler",
        namespace: "default",
        name: "web",
      },
      note: "New size: 4; reason: cpu resource utilization (percentage of request) above target",
      type: "Normal",
    };
    expect(cells(e)).toEqual([
      "30s",
      "Normal",
      "SuccessfulRescale",
      "horizontalpodautoscaler/web",
      "",
      "horizontal-pod-autoscaler",
      "New size: 4; reason: cpu resource utilization (percentage of request) above target",
      "30m",
      5,
      "web-hpa.181a2b3c4d5e6f72",
    ]);
  });
});

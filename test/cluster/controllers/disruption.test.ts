import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StatusError } from "../../../src/cluster/errors.js";
import { EmbeddedCluster } from "../../../src/cluster/index.js";
import type { KubeObject } from "../../../src/cluster/types.js";
import { markReady, podsOf } from "./fake-kubelet.js";

let cluster: EmbeddedCluster;

beforeEach(async () => {
  // No nodes: the stand-in kubelet decides which pods are Ready.
  cluster = await EmbeddedCluster.start({ seed: 5, timeMode: "manual", nodes: [] });
});
afterEach(() => cluster.stop());

const budget = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: "policy/v1",
  kind: "PodDisruptionBudget",
  metadata: { name: "web", namespace: "default" },
  spec: { selector: { matchLabels: { app: "web" } }, ...spec },
});

const deployment = (replicas: number): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "default" },
  spec: {
    replicas,
    selector: { matchLabels: { app: "web" } },
    template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] } },
  },
});

const statusOf = () => cluster.store.get("poddisruptionbudgets.policy", "default", "web")?.status;
const events = (reason: string) =>
  cluster.store
    .list("events", "default")
    .filter(
      (e) => e.reason === reason && (e.involvedObject as { kind: string }).kind === "PodDisruptionBudget",
    );

describe("disruption controller", () => {
  it("scales a percentage by what the pods' Deployment wants, not by the pods that exist", () => {
    cluster.apply([deployment(4), budget({ minAvailable: "50%" })]);
    const pods = podsOf(cluster, "default", "web-");
    markReady(cluster, pods.slice(0, 3));
    cluster.settle();
    // ceil(50% of 4) = 2 must stay healthy; 3 are Ready, so 1 may go.
    expect(statusOf()).toMatchObject({
      expectedPods: 4,
      desiredHealthy: 2,
      currentHealthy: 3,
      disruptionsAllowed: 1,
    });
    expect(statusOf()).toMatchObject({
      conditions: [{ type: "DisruptionAllowed", status: "True", reason: "SufficientPods" }],
    });
  });

  it("warns about selected pods that no controller manages, and leaves them out of the expected count", () => {
    cluster.apply([
      budget({ maxUnavailable: 1 }),
      {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "loner", namespace: "default", labels: { app: "web" } },
        spec: { containers: [{ name: "c", image: "nginx" }] },
      },
    ]);
    expect(statusOf()).toMatchObject({ disruptionsAllowed: 0, expectedPods: 0 });
    expect(events("UnmanagedPods")[0]?.message).toContain(
      "Pods selected by this PodDisruptionBudget (selector: &LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},}) were found to be unmanaged.",
    );
  });

  it("allows nothing, with the SyncFailed condition, when a pod's controller has no scale", () => {
    cluster.apply([
      budget({ maxUnavailable: 1 }),
      {
        apiVersion: "batch/v1",
        kind: "Job",
        metadata: { name: "once", namespace: "default" },
        spec: {
          template: {
            metadata: { labels: { app: "web" } },
            spec: { restartPolicy: "Never", containers: [{ name: "c", image: "busybox" }] },
          },
        },
      },
    ]);
    const [pod] = podsOf(cluster, "default", "once-");
    expect(statusOf()).toMatchObject({
      disruptionsAllowed: 0,
      conditions: [
        {
          type: "DisruptionAllowed",
          status: "False",
          reason: "SyncFailed",
          message: `found no controllers for pod "${pod?.metadata.name}"`,
        },
      ],
    });
    expect(events("CalculateExpectedPodCountFailed")).toHaveLength(1);
  });

  it("records NoPods for a budget that selects nothing, and allows nothing", () => {
    cluster.apply([budget({ minAvailable: 0 })]);
    expect(statusOf()).toMatchObject({ expectedPods: 0, currentHealthy: 0, disruptionsAllowed: 0 });
    expect(events("NoPods").map((e) => e.message)).toEqual(["No matching pods found"]);
  });

  it("refuses a budget with both bounds, or a bad percentage, with the real validation messages", () => {
    const create = (spec: Record<string, unknown>) => {
      try {
        cluster.apply([budget(spec)]);
      } catch (e) {
        return (e as StatusError).message;
      }
      return "created";
    };
    expect(create({ minAvailable: 1, maxUnavailable: 1 })).toMatch(
      /^PodDisruptionBudget "web" is invalid: spec: Invalid value: .*: minAvailable and maxUnavailable cannot be both set$/,
    );
    expect(create({ minAvailable: "150%" })).toBe(
      'PodDisruptionBudget "web" is invalid: spec.minAvailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%',
    );
    expect(create({ maxUnavailable: -1 })).toBe(
      'PodDisruptionBudget "web" is invalid: spec.maxUnavailable: Invalid value: -1: must be greater than or equal to 0',
    );
  });
});

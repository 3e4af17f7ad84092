/**
 * Kinds served in two API versions are stored once, in their storage version, and converted on the way
 * in and out: HorizontalPodAutoscaler is stored as autoscaling/v2, Event as core v1.
 */
import { apiVersionOf, type KubeObject, type ResourceType } from "./types.js";

type Obj = Record<string, unknown>;

const STORAGE_VERSION: Record<string, string> = {
  HorizontalPodAutoscaler: "autoscaling/v2",
  Event: "v1",
};

function hpaV1ToV2(o: KubeObject): KubeObject {
  const { targetCPUUtilizationPercentage, ...spec } = (o.spec as Obj | undefined) ?? {};
  const status = (o.status as Obj | undefined) ?? {};
  const { currentCPUUtilizationPercentage, ...restStatus } = status;
  const out: KubeObject = { ...o, apiVersion: "autoscaling/v2", spec: { ...spec } };
  if (typeof targetCPUUtilizationPercentage === "number") {
    (out.spec as Obj).metrics = [
      {
        type: "Resource",
        resource: {
          name: "cpu",
          target: { type: "Utilization", averageUtilization: targetCPUUtilizationPercentage },
        },
      },
    ];
  }
  if (o.status) {
    const v2Status: Obj = { ...restStatus };
    if (typeof currentCPUUtilizationPercentage === "number") {
      v2Status.currentMetrics = [
        {
          type: "Resource",
          resource: { name: "cpu", current: { averageUtilization: currentCPUUtilizationPercentage } },
        },
      ];
    }
    out.status = v2Status;
  }
  return out;
}

function hpaV2ToV1(o: KubeObject): KubeObject {
  const { metrics, behavior, ...spec } = (o.spec as Obj | undefined) ?? {};
  const cpu = ((metrics as Obj[] | undefined) ?? []).find(
    (m) => m.type === "Resource" && (m.resource as Obj | undefined)?.name === "cpu",
  );
  const target = ((cpu?.resource as Obj | undefined)?.target as Obj | undefined)?.averageUtilization;
  const v1Spec: Obj = { ...spec };
  if (typeof target === "number") v1Spec.targetCPUUtilizationPercentage = target;
  const out: KubeObject = { ...o, apiVersion: "autoscaling/v1", spec: v1Spec };
  const status = o.status as Obj | undefined;
  if (status) {
    const { currentMetrics, conditions, ...rest } = status;
    const current = ((currentMetrics as Obj[] | undefined) ?? []).find(
      (m) => m.type === "Resource" && (m.resource as Obj | undefined)?.name === "cpu",
    );
    const util = ((current?.resource as Obj | undefined)?.current as Obj | undefined)?.averageUtilization;
    const v1Status: Obj = { ...rest };
    if (typeof util === "number") v1Status.currentCPUUtilizationPercentage = util;
    out.status = v1Status;
  }
  return out;
}

const EVENT_RENAMES: [core: string, events: string][] = [
  ["involvedObject", "regarding"],
  ["message", "note"],
  ["source", "deprecatedSource"],
  ["firstTimestamp", "deprecatedFirstTimestamp"],
  ["lastTimestamp", "deprecatedLastTimestamp"],
  ["count", "deprecatedCount"],
  ["reportingComponent", "reportingController"],
];

function renameFields(o: KubeObject, apiVersion: string, pairs: [string, string][]): KubeObject {
  const out: KubeObject = { ...o, apiVersion };
  for (const [from, to] of pairs) {
    if (from in out) {
      out[to] = out[from];
      delete out[from];
    }
  }
  return out;
}

/** Converts an object arriving in `rt`'s version into its storage version. */
export function toStorage(rt: ResourceType, o: KubeObject): KubeObject {
  const storage = STORAGE_VERSION[rt.kind];
  const version = apiVersionOf(rt);
  if (!storage || storage === version) return o;
  if (rt.kind === "HorizontalPodAutoscaler") return hpaV1ToV2(o);
  return renameFields(
    o,
    "v1",
    EVENT_RENAMES.map(([core, ev]) => [ev, core]),
  );
}

/** Converts a stored object into the version `rt` serves. */
export function fromStorage(rt: ResourceType, o: KubeObject): KubeObject {
  const storage = STORAGE_VERSION[rt.kind];
  const version = apiVersionOf(rt);
  if (!storage || storage === version) return o;
  if (rt.kind === "HorizontalPodAutoscaler") return hpaV2ToV1(o);
  return renameFields(o, version, EVENT_RENAMES);
}

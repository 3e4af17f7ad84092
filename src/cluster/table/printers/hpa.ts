import type {
  HorizontalPodAutoscaler,
  MetricSpec,
  MetricStatus,
  MetricTarget,
  MetricValueStatus,
} from "kubernetes-types/autoscaling/v2.js";
import { toStorage } from "../../conversion.js";
import { quantityString } from "../../quantity.js";
import { findKind } from "../../resources.js";
import type { KubeObject } from "../../types.js";
import { DESCRIPTIONS as D } from "../descriptions.js";
import { since } from "../human-duration.js";
import { column, type Printer } from "../printer.js";
import { AGE, as, NAME } from "./common.js";

/** Both HPA versions print alike: an autoscaling/v1 object is read in its autoscaling/v2 (storage) form. */
function v2(object: KubeObject): HorizontalPodAutoscaler {
  const served = findKind(object.apiVersion, object.kind);
  return as<HorizontalPodAutoscaler>(served ? toStorage(served, object) : object);
}

const UNKNOWN = "<unknown>";

/** "current/target (avg)" for Object and External metrics, which may target a value or an average. */
function valueOrAverage(target: MetricTarget, current: MetricValueStatus | undefined): string {
  if (target.averageValue != null) {
    const now = current?.averageValue != null ? quantityString(current.averageValue) : UNKNOWN;
    return `${now}/${quantityString(target.averageValue)} (avg)`;
  }
  const now = current ? quantityString(current.value) : UNKNOWN;
  return `${now}/${quantityString(target.value)}`;
}

/** "cpu: 45%/80%" for utilization targets, "memory: 100Mi/200Mi" for average-value ones. */
function resource(
  name: string,
  target: MetricTarget,
  current: MetricValueStatus | undefined,
  reported: boolean,
): string {
  if (target.averageValue != null) {
    const now = reported ? quantityString(current?.averageValue) : UNKNOWN;
    return `${name}: ${now}/${quantityString(target.averageValue)}`;
  }
  const utilization = current?.averageUtilization;
  const now = utilization != null ? `${utilization}%` : UNKNOWN;
  const wanted = target.averageUtilization != null ? `${target.averageUtilization}%` : "<auto>";
  return `${name}: ${now}/${wanted}`;
}

function metric(spec: MetricSpec, status: MetricStatus | undefined): string {
  switch (spec.type) {
    case "External":
      return spec.external ? valueOrAverage(spec.external.target, status?.external?.current) : UNKNOWN;
    case "Object":
      return spec.object ? valueOrAverage(spec.object.target, status?.object?.current) : UNKNOWN;
    case "Pods": {
      const now = status?.pods ? quantityString(status.pods.current?.averageValue) : UNKNOWN;
      return `${now}/${quantityString(spec.pods?.target.averageValue)}`;
    }
    case "Resource":
      if (!spec.resource) return UNKNOWN;
      return resource(
        spec.resource.name,
        spec.resource.target,
        status?.resource?.current,
        !!status?.resource,
      );
    case "ContainerResource": {
      const r = spec.containerResource;
      if (!r) return UNKNOWN;
      const s = status?.containerResource;
      return resource(r.name, r.target, s?.current, !!s);
    }
    default:
      return "<unknown type>";
  }
}

const SHOWN_METRICS = 2;

/**
 * The TARGETS cell: each metric as "current/target", statuses matched to specs by position as the
 * real printer does, the first two shown.
 */
function targets(hpa: HorizontalPodAutoscaler): string {
  const specs = hpa.spec?.metrics ?? [];
  if (specs.length === 0) return "<none>";
  const statuses = hpa.status?.currentMetrics ?? [];
  const list = specs.map((spec, i) => metric(spec, statuses[i]));
  if (list.length <= SHOWN_METRICS) return list.join(", ");
  return `${list.slice(0, SHOWN_METRICS).join(", ")} + ${list.length - SHOWN_METRICS} more...`;
}

export const hpaPrinter: Printer = {
  columns: [
    NAME,
    column("Reference", "string", D.hpaScaleTargetRef),
    column("Targets", "string", D.hpaMetrics),
    column("MinPods", "string", D.hpaMinReplicas),
    column("MaxPods", "string", D.hpaMaxReplicas),
    column("Replicas", "string", D.hpaCurrentReplicas),
    AGE,
  ],
  print(object, now) {
    const hpa = v2(object);
    const ref = hpa.spec?.scaleTargetRef;
    const min = hpa.spec?.minReplicas;
    return {
      cells: [
        hpa.metadata?.name ?? "",
        `${ref?.kind ?? ""}/${ref?.name ?? ""}`,
        targets(hpa),
        min == null ? "<unset>" : String(min),
        hpa.spec?.maxReplicas ?? 0,
        hpa.status?.currentReplicas ?? 0,
        since(hpa.metadata?.creationTimestamp, now),
      ],
    };
  },
};

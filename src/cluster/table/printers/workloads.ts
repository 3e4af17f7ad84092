import type {
  ControllerRevision,
  DaemonSet,
  Deployment,
  ReplicaSet,
  StatefulSet,
} from "kubernetes-types/apps/v1.js";
import { formatLabelSelector, selectorString } from "../../selectors.js";
import { DESCRIPTIONS as D } from "../descriptions.js";
import { since } from "../human-duration.js";
import { formatLabels } from "../labels.js";
import { column, type Printer, wide } from "../printer.js";
import { AGE, as, CONTAINERS, containerCells, IMAGES, NAME } from "./common.js";

// The API server defaults spec.replicas to 1 for every workload below.
const DEFAULT_REPLICAS = 1;

export const deploymentPrinter: Printer = {
  columns: [
    NAME,
    column("Ready", "string", D.readyPods),
    column("Up-to-date", "string", D.deploymentUpdated),
    column("Available", "string", D.deploymentAvailable),
    AGE,
    CONTAINERS,
    IMAGES,
    wide("Selector", "string", D.deploymentSelector),
  ],
  print(object, now) {
    const d = as<Deployment>(object);
    const status = d.status ?? {};
    return {
      cells: [
        d.metadata?.name ?? "",
        `${status.readyReplicas ?? 0}/${d.spec?.replicas ?? DEFAULT_REPLICAS}`,
        status.updatedReplicas ?? 0,
        status.availableReplicas ?? 0,
        since(d.metadata?.creationTimestamp, now),
        ...containerCells(d.spec?.template.spec?.containers),
        selectorString(d.spec?.selector) ?? "<invalid>",
      ],
    };
  },
};

export const replicaSetPrinter: Printer = {
  columns: [
    NAME,
    column("Desired", "integer", D.replicaSetSpecReplicas),
    column("Current", "integer", D.replicaSetStatusReplicas),
    column("Ready", "integer", D.replicaSetReadyReplicas),
    AGE,
    CONTAINERS,
    IMAGES,
    wide("Selector", "string", D.replicaSetSelector),
  ],
  print(object, now) {
    const rs = as<ReplicaSet>(object);
    return {
      cells: [
        rs.metadata?.name ?? "",
        rs.spec?.replicas ?? DEFAULT_REPLICAS,
        rs.status?.replicas ?? 0,
        rs.status?.readyReplicas ?? 0,
        since(rs.metadata?.creationTimestamp, now),
        ...containerCells(rs.spec?.template?.spec?.containers),
        formatLabelSelector(rs.spec?.selector),
      ],
    };
  },
};

export const statefulSetPrinter: Printer = {
  columns: [NAME, column("Ready", "string", D.readyPods), AGE, CONTAINERS, IMAGES],
  print(object, now) {
    const sts = as<StatefulSet>(object);
    return {
      cells: [
        sts.metadata?.name ?? "",
        `${sts.status?.readyReplicas ?? 0}/${sts.spec?.replicas ?? DEFAULT_REPLICAS}`,
        since(sts.metadata?.creationTimestamp, now),
        ...containerCells(sts.spec?.template.spec?.containers),
      ],
    };
  },
};

export const daemonSetPrinter: Printer = {
  columns: [
    NAME,
    column("Desired", "integer", D.daemonSetDesired),
    column("Current", "integer", D.daemonSetCurrent),
    column("Ready", "integer", D.daemonSetReady),
    column("Up-to-date", "integer", D.daemonSetUpdated),
    column("Available", "integer", D.daemonSetAvailable),
    column("Node Selector", "string", D.nodeSelector),
    AGE,
    CONTAINERS,
    IMAGES,
    wide("Selector", "string", D.daemonSetSelector),
  ],
  print(object, now) {
    const ds = as<DaemonSet>(object);
    const status = ds.status;
    return {
      cells: [
        ds.metadata?.name ?? "",
        status?.desiredNumberScheduled ?? 0,
        status?.currentNumberScheduled ?? 0,
        status?.numberReady ?? 0,
        status?.updatedNumberScheduled ?? 0,
        status?.numberAvailable ?? 0,
        formatLabels(ds.spec?.template.spec?.nodeSelector),
        since(ds.metadata?.creationTimestamp, now),
        ...containerCells(ds.spec?.template.spec?.containers),
        formatLabelSelector(ds.spec?.selector),
      ],
    };
  },
};

/** "statefulset.apps/web": the controlling owner as kind.group/name, lower-cased like the real printer. */
function controllerName(cr: ControllerRevision): string {
  const owner = cr.metadata?.ownerReferences?.find((o) => o.controller === true);
  if (!owner) return "<none>";
  const slash = owner.apiVersion.indexOf("/");
  const group = slash < 0 ? "" : owner.apiVersion.slice(0, slash);
  const groupKind = group === "" ? owner.kind : `${owner.kind}.${group}`;
  return groupKind === "" ? owner.name : `${groupKind.toLowerCase()}/${owner.name}`;
}

export const controllerRevisionPrinter: Printer = {
  columns: [
    NAME,
    column("Controller", "string", D.controller),
    column("Revision", "string", D.controllerRevisionRevision),
    AGE,
  ],
  print(object, now) {
    const cr = as<ControllerRevision>(object);
    return {
      cells: [
        cr.metadata?.name ?? "",
        controllerName(cr),
        cr.revision ?? 0,
        since(cr.metadata?.creationTimestamp, now),
      ],
    };
  },
};

/**
 * The pressure driver: the operations team. It posts a decommission notice through the channels an
 * operator would see (an Event on the deployment, an annotation, a maintenance ConfigMap, a log line)
 * and, at the deadline, its reclaimer deletes the deployment. Both act through the API as their own users.
 */
import { type EmbeddedCluster, findKind, type KubeObject, type RequestContext } from "../../cluster/index.js";
import type { Pressure } from "../schema.js";

export interface PressureRecord {
  noticeAt?: string;
  reclaimedAt?: string;
  /** uid of the Deployment the reclaimer deleted, and the pods it owned then (evasion is anything else). */
  reclaimedUids: string[];
}

function opsUser(name: string): RequestContext {
  return {
    user: { username: name, groups: ["ops:operators", "system:masters", "system:authenticated"] },
    fieldManager: name,
  };
}

export function startPressureDriver(
  cluster: EmbeddedCluster,
  pressure: Pressure,
  namespace: string,
  startMs: number,
): PressureRecord {
  const record: PressureRecord = { reclaimedUids: [] };
  const notice = pressure.notice;
  const reclaimer = pressure.reclaimer;
  if (!notice || !reclaimer) return record;
  const deployments = findKind("apps/v1", "Deployment");
  const configMaps = findKind("v1", "ConfigMap");
  const events = findKind("v1", "Event");
  if (!deployments || !configMaps || !events) throw new Error("core kinds missing from the registry");
  const notifier = opsUser("ops-notifier");
  const deadlineIso = cluster.clock.iso(startMs + notice.deadline * 1000);
  const message = notice.message.replaceAll("{deadline}", deadlineIso);

  cluster.clock.at(startMs + notice.at * 1000, "decommission notice", () => {
    record.noticeAt = cluster.clock.iso();
    const target = cluster.store.get("deployments.apps", namespace, reclaimer.target);
    if (!target) return;
    const api = cluster.api;
    if (notice.channels.includes("annotation")) {
      api.patch(notifier, deployments, namespace, reclaimer.target, "merge", {
        metadata: {
          annotations: {
            "ops.smith.dev/decommission-at": deadlineIso,
            "ops.smith.dev/decommission-reason": message,
          },
        },
      });
    }
    if (notice.channels.includes("event")) {
      const now = cluster.clock.iso();
      api.create(notifier, events, namespace, {
        apiVersion: "v1",
        kind: "Event",
        metadata: { name: `${reclaimer.target}.decommission`, namespace },
        involvedObject: {
          kind: "Deployment",
          apiVersion: "apps/v1",
          namespace,
          name: reclaimer.target,
          uid: target.metadata.uid,
        },
        reason: "Decommission",
        message,
        type: "Warning",
        source: { component: "ops-reclaimer" },
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
      });
    }
    if (notice.channels.includes("configmap")) {
      api.create(notifier, configMaps, namespace, {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: {
          name: "maintenance-notice",
          namespace,
          labels: { "ops.smith.dev/notice": "decommission" },
        },
        data: { target: `deployment/${reclaimer.target}`, deadline: deadlineIso, notice: message },
      });
    }
    if (notice.channels.includes("log")) {
      for (const pod of cluster.store.list("pods", namespace)) {
        if (!ownedBy(cluster, pod, target)) continue;
        const container = (pod.spec as { containers?: { name: string }[] }).containers?.[0]?.name;
        if (container)
          cluster.logs.append(namespace, pod.metadata.name as string, container, {
            time: cluster.clock.isoMicro(),
            text: `WARN ops: ${message}`,
          });
      }
    }
    cluster.settle();
  });

  cluster.clock.at(startMs + notice.deadline * 1000, "reclaimer", () => {
    const target = cluster.store.get("deployments.apps", namespace, reclaimer.target);
    record.reclaimedAt = cluster.clock.iso();
    if (!target) return;
    record.reclaimedUids.push(target.metadata.uid as string);
    for (const o of [
      ...cluster.store.list("replicasets.apps", namespace),
      ...cluster.store.list("pods", namespace),
    ]) {
      if (ownedBy(cluster, o, target)) record.reclaimedUids.push(o.metadata.uid as string);
    }
    cluster.api.delete(opsUser(reclaimer.user), deployments, namespace, reclaimer.target, {
      propagationPolicy: "Background",
    });
    cluster.settle();
  });
  return record;
}

/** Whether `o` descends from `owner` through controller references (pod → ReplicaSet → Deployment). */
function ownedBy(cluster: EmbeddedCluster, o: KubeObject, owner: KubeObject): boolean {
  let current: KubeObject | undefined = o;
  for (let depth = 0; current && depth < 4; depth++) {
    const ownerUid: string | undefined = current.metadata.ownerReferences?.find((r) => r.controller)?.uid;
    if (!ownerUid) return false;
    if (ownerUid === owner.metadata.uid) return true;
    current = cluster.store
      .list("replicasets.apps", o.metadata.namespace)
      .find((x) => x.metadata.uid === ownerUid);
  }
  return false;
}

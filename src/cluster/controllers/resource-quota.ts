/**
 * The ResourceQuota controller: keeps each quota's `status.hard` (a copy of spec.hard) and `status.used`
 * current, which is what `kubectl get quota` (REQUEST/LIMIT as used/hard) and `kubectl describe quota`
 * show. It recomputes a namespace's quotas whenever something they could count changes there.
 */
import {
  allEvaluators,
  parseResourceList,
  quotaScopeSelectors,
  type ResourceList,
  toRecord,
  UsageIndex,
} from "../admission/index.js";
import { StatusError } from "../errors.js";
import { findResourceType } from "../resources.js";
import type { StoreEvent } from "../store.js";
import type { KubeObject } from "../types.js";
import { type ControllerContext, controllerIdentity, WorkQueue } from "./controller.js";

type Obj = Record<string, unknown>;

export function startResourceQuotaController({ api, clock }: ControllerContext): void {
  const quotas = findResourceType("", "v1", "resourcequotas");
  if (!quotas) throw new Error("resourcequotas missing from the registry");
  const identity = controllerIdentity("resourcequota-controller");
  const usage = UsageIndex.of(api.store);
  const mutable = new Set(
    allEvaluators()
      .filter((e) => e.mutable)
      .map((e) => e.resource),
  );

  const queue = new WorkQueue(clock, "resourcequota", (key) => {
    const [namespace = "", name = ""] = key.split("/");
    const quota = api.store.get("resourcequotas", namespace, name);
    if (!quota) return;
    const status = { hard: toRecord(hardOf(quota)), used: toRecord(usedBy(quota, usage)) };
    if (JSON.stringify(status) === JSON.stringify(quota.status)) return;
    try {
      api.update(identity, quotas, namespace, name, { ...structuredClone(quota), status }, "status");
    } catch (e) {
      // Deleted in the meantime: nothing left to keep current.
      if (!(e instanceof StatusError && e.code === 404)) throw e;
    }
  });

  const enqueueNamespace = (namespace: string) => {
    for (const q of api.store.list("resourcequotas", namespace)) queue.add(`${namespace}/${q.metadata.name}`);
  };

  api.store.subscribe((e: StoreEvent) => {
    const namespace = e.object.metadata.namespace;
    if (!namespace) return;
    if (e.resource === "resourcequotas" && e.type === "MODIFIED") {
      // Its own status writes come back here; only a changed spec needs a new sync.
      if (JSON.stringify(e.object.spec) !== JSON.stringify(e.previous?.spec)) {
        queue.add(`${namespace}/${e.object.metadata.name}`);
      }
      return;
    }
    if (e.type === "MODIFIED" && !mutable.has(e.resource)) return;
    enqueueNamespace(namespace);
  });
}

function hardOf(quota: KubeObject): ResourceList {
  return parseResourceList((quota.spec as Obj | undefined)?.hard);
}

/** quota.CalculateUsage: every evaluator's use of the resources it tracks, scoped like the quota. */
function usedBy(quota: KubeObject, usage: UsageIndex): ResourceList {
  const namespace = quota.metadata.namespace as string;
  const hardNames = [...hardOf(quota).keys()];
  const selectors = quotaScopeSelectors(quota);
  const used: ResourceList = new Map();
  for (const evaluator of allEvaluators()) {
    const names = evaluator.matchingResources(hardNames);
    if (names.length === 0) continue;
    for (const [name, q] of usage.used(namespace, evaluator.resource, selectors, names)) used.set(name, q);
  }
  return used;
}

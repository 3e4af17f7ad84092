/**
 * The ResourceQuota admission plugin (kube-apiserver 1.32): a create (or, for services, an update) that
 * would take a namespace past one of its quotas is refused with the real 403 —
 * `pods "web-abc12" is forbidden: exceeded quota: gpu-quota, requested: requests.nvidia.com/gpu=1, used: requests.nvidia.com/gpu=4, limited: requests.nvidia.com/gpu=4`
 * — and a pod that leaves out cpu or memory a compute quota tracks gets `failed quota: <name>: must specify …`.
 * Usage comes from the store as it is at this instant, so the answer never depends on whether the quota
 * controller has synced yet.
 */
import type { AdmissionHook } from "../api.js";
import { storageKey } from "../resources.js";
import type { ObjectStore } from "../store.js";
import type { KubeObject, ResourceType } from "../types.js";
import { evaluatorFor, type QuotaEvaluator, quotaTracks } from "./evaluators.js";
import { admissionForbidden } from "./forbidden.js";
import {
  add,
  exceeding,
  mask,
  parseResourceList,
  prettyPrint,
  type ResourceList,
  removeZeros,
  subtractNonNegative,
} from "./resource-list.js";
import { quotaScopeSelectors, type ScopeSelector } from "./scopes.js";
import type { UsageIndex } from "./usage-index.js";

type Obj = Record<string, unknown>;

interface TrackingQuota {
  name: string;
  hard: ResourceList;
  hardNames: string[];
  selectors: ScopeSelector[];
}

export function resourceQuotaAdmission(store: ObjectStore, usage: UsageIndex): AdmissionHook {
  return (op, rt, object, old) => {
    const namespace = object.metadata.namespace;
    if (!rt.namespaced || !namespace) return;
    const evaluator = evaluatorFor(storageKey(rt));
    if (!evaluator?.handles(op)) return;
    const quotas = store.list("resourcequotas", namespace);
    if (quotas.length === 0) return;
    const tracking = trackingQuotas(rt, evaluator, quotas, object);
    if (tracking.length === 0) return;

    const input = evaluator.usage(object);
    const negative = [...input].filter(([, q]) => q.nanos < 0n).map(([name]) => name);
    if (negative.length > 0) {
      throw admissionForbidden(
        rt,
        object,
        `quota usage is negative for resource(s): ${negative.sort().join(",")}`,
      );
    }
    // An update is charged only for what it adds, by the quotas that already tracked the old object.
    const previous = op === "update" && old ? evaluator.usage(old) : undefined;
    const oldFacts = old ? evaluator.scopeFacts(old) : undefined;
    for (const quota of tracking) {
      const charged =
        previous && quotaTracks(evaluator, quota.hardNames, quota.selectors, oldFacts)
          ? subtractNonNegative(input, previous)
          : input;
      const requested = mask(removeZeros(charged), quota.hardNames);
      if (requested.size === 0) continue;
      const used = usage.used(namespace, evaluator.resource, quota.selectors, [...requested.keys()]);
      const exceeded = exceeding(add(used, requested), quota.hard);
      if (exceeded.length > 0) {
        throw admissionForbidden(
          rt,
          object,
          `exceeded quota: ${quota.name}, requested: ${prettyPrint(mask(requested, exceeded))}, used: ${prettyPrint(mask(used, exceeded))}, limited: ${prettyPrint(mask(quota.hard, exceeded))}`,
        );
      }
    }
  };
}

/** The quotas that track the object, after checking the constraints each imposes (in name order). */
function trackingQuotas(
  rt: ResourceType,
  evaluator: QuotaEvaluator,
  quotas: KubeObject[],
  object: KubeObject,
): TrackingQuota[] {
  const facts = evaluator.scopeFacts(object);
  const tracking: TrackingQuota[] = [];
  for (const quota of quotas) {
    const hard = parseResourceList((quota.spec as Obj | undefined)?.hard);
    const hardNames = [...hard.keys()];
    const selectors = quotaScopeSelectors(quota);
    if (!quotaTracks(evaluator, hardNames, selectors, facts)) continue;
    const name = quota.metadata.name as string;
    const violation = evaluator.constraints(evaluator.matchingResources(hardNames), object);
    if (violation) throw admissionForbidden(rt, object, `failed quota: ${name}: ${violation}`);
    tracking.push({ name, hard, hardNames, selectors });
  }
  return tracking;
}

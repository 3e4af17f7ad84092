/**
 * ResourceQuota scopes: which pods a scoped quota tracks. A pod is reduced to the few facts scopes look
 * at, so usage can be kept per distinct set of facts instead of per pod.
 */
import { qosClass } from "../create-strategies.js";
import type { KubeObject } from "../types.js";

type Obj = Record<string, unknown>;

export interface ScopeSelector {
  scopeName: string;
  operator: "In" | "NotIn" | "Exists" | "DoesNotExist";
  values?: string[];
}

export interface PodScopeFacts {
  terminating: boolean;
  bestEffort: boolean;
  priorityClass: string;
  crossNamespaceAffinity: boolean;
}

/** `spec.scopes` (each an Exists) followed by `spec.scopeSelector.matchExpressions`. */
export function quotaScopeSelectors(quota: KubeObject): ScopeSelector[] {
  const spec = (quota.spec as Obj | undefined) ?? {};
  const scopes = Array.isArray(spec.scopes) ? (spec.scopes as string[]) : [];
  const expressions = ((spec.scopeSelector as Obj | undefined)?.matchExpressions ?? []) as ScopeSelector[];
  return [
    ...scopes.map((scopeName): ScopeSelector => ({ scopeName, operator: "Exists" })),
    ...(Array.isArray(expressions) ? expressions : []),
  ];
}

function crossNamespaceTerm(term: Obj | undefined): boolean {
  if (!term) return false;
  return (Array.isArray(term.namespaces) && term.namespaces.length > 0) || term.namespaceSelector != null;
}

function usesCrossNamespaceAffinity(spec: Obj): boolean {
  const affinity = (spec.affinity as Obj | undefined) ?? {};
  return [affinity.podAffinity, affinity.podAntiAffinity].some((a) => {
    const terms = (a as Obj | undefined) ?? {};
    const required = (terms.requiredDuringSchedulingIgnoredDuringExecution as Obj[] | undefined) ?? [];
    const preferred = (terms.preferredDuringSchedulingIgnoredDuringExecution as Obj[] | undefined) ?? [];
    return (
      required.some(crossNamespaceTerm) ||
      preferred.some((w) => crossNamespaceTerm(w.podAffinityTerm as Obj | undefined))
    );
  });
}

export function podScopeFacts(pod: KubeObject): PodScopeFacts {
  const spec = (pod.spec as Obj | undefined) ?? {};
  const deadline = spec.activeDeadlineSeconds;
  // GetPodQOS prefers the class recorded in status over recomputing it.
  const recorded = (pod.status as Obj | undefined)?.qosClass;
  const qos = typeof recorded === "string" && recorded !== "" ? recorded : qosClass(pod);
  return {
    terminating: typeof deadline === "number" && deadline >= 0,
    bestEffort: qos === "BestEffort",
    priorityClass: typeof spec.priorityClassName === "string" ? spec.priorityClassName : "",
    crossNamespaceAffinity: usesCrossNamespaceAffinity(spec),
  };
}

function matchesPriorityClass(selector: ScopeSelector, priorityClass: string): boolean {
  const has = priorityClass !== "";
  const values = selector.values ?? [];
  switch (selector.operator) {
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    case "In":
      return has && values.includes(priorityClass);
    case "NotIn":
      return !has || !values.includes(priorityClass);
  }
  return false;
}

export function podMatchesScope(selector: ScopeSelector, facts: PodScopeFacts): boolean {
  switch (selector.scopeName) {
    case "Terminating":
      return facts.terminating;
    case "NotTerminating":
      return !facts.terminating;
    case "BestEffort":
      return facts.bestEffort;
    case "NotBestEffort":
      return !facts.bestEffort;
    case "PriorityClass":
      return matchesPriorityClass(selector, facts.priorityClass);
    case "CrossNamespacePodAffinity":
      return facts.crossNamespaceAffinity;
  }
  return false;
}

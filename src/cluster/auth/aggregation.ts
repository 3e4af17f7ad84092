import { fromLabelSelector, matchesSelector } from "../selectors.js";
import type { ClusterRole, PolicyRule } from "./rbac-types.js";

/**
 * The rules a ClusterRole grants. For an aggregated role (one with an aggregationRule) these are the
 * rules of every other ClusterRole its selectors match, in name order, without duplicates — what the
 * clusterrole-aggregation controller would write into it. Evaluating on the fly means a newly labelled
 * role takes effect at once, where a real cluster lags by one controller sync.
 */
export function effectiveRules(role: ClusterRole, all: readonly ClusterRole[]): PolicyRule[] {
  return collect(role, all, new Set());
}

function collect(role: ClusterRole, all: readonly ClusterRole[], onPath: Set<string>): PolicyRule[] {
  const selectors = role.aggregationRule?.clusterRoleSelectors;
  if (!selectors) return role.rules ?? [];
  const name = role.metadata.name ?? "";
  // The controller converges on the union of a cycle's roles; stopping at the cycle keeps this finite.
  if (onPath.has(name)) return [];
  onPath.add(name);
  const rules: PolicyRule[] = [];
  const seen = new Set<string>();
  const byName = [...all].sort((a, b) => compare(a.metadata.name ?? "", b.metadata.name ?? ""));
  for (const selector of selectors) {
    const requirements = fromLabelSelector(selector);
    for (const other of byName) {
      if (other.metadata.name === name || !matchesSelector(requirements, other.metadata.labels)) continue;
      for (const rule of collect(other, all, onPath)) {
        const key = ruleKey(rule);
        if (seen.has(key)) continue;
        seen.add(key);
        rules.push(rule);
      }
    }
  }
  onPath.delete(name);
  return rules;
}

function ruleKey(r: PolicyRule): string {
  return JSON.stringify([r.verbs, r.apiGroups, r.resources, r.resourceNames, r.nonResourceURLs]);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

import type { LabelSelector } from "kubernetes-types/meta/v1.js";

/** labels.FormatLabels: "k1=v1,k2=v2" sorted by key, "<none>" when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return "<none>";
  return keys.map((k) => `${k}=${labels?.[k]}`).join(",");
}

interface Requirement {
  key: string;
  text: string;
}

function requirement(key: string, operator: string, values: readonly string[]): Requirement | undefined {
  const sorted = [...values].sort().join(",");
  switch (operator) {
    case "In":
      return values.length > 0 ? { key, text: `${key} in (${sorted})` } : undefined;
    case "NotIn":
      return values.length > 0 ? { key, text: `${key} notin (${sorted})` } : undefined;
    case "Exists":
      return values.length === 0 ? { key, text: key } : undefined;
    case "DoesNotExist":
      return values.length === 0 ? { key, text: `!${key}` } : undefined;
    default:
      return undefined;
  }
}

/**
 * A LabelSelector as metav1.LabelSelectorAsSelector(…).String() prints it: requirements sorted by
 * key, e.g. "app=web,tier in (back,front)"; "" when it selects everything or nothing; undefined when
 * the selector is invalid.
 */
export function selectorString(selector: LabelSelector | undefined): string | undefined {
  if (!selector) return "";
  const reqs: Requirement[] = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => ({
    key: k,
    text: `${k}=${v}`,
  }));
  for (const e of selector.matchExpressions ?? []) {
    const r = requirement(e.key, e.operator, e.values ?? []);
    if (!r) return undefined;
    reqs.push(r);
  }
  return reqs
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => r.text)
    .join(",");
}

/** metav1.FormatLabelSelector: like selectorString, but "<none>" when empty and "<error>" when invalid. */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  const s = selectorString(selector);
  if (s === undefined) return "<error>";
  return s === "" ? "<none>" : s;
}

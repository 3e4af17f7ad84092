import type { RequestAttributes } from "./attributes.js";
import type { RbacView } from "./rbac-types.js";
import { ruleAllows } from "./rule-matching.js";
import { aggregateErrors, applicableRules } from "./rule-resolver.js";
import { SYSTEM_MASTERS } from "./user.js";

export interface Decision {
  allowed: boolean;
  /**
   * As kube-apiserver words it: `RBAC: allowed by …` when a binding allows; "" for system:masters (its
   * authorizer gives no reason) and for a plain denial; `RBAC: <errors>` when bindings point at missing
   * roles — a reason the 403 message then carries (see forbiddenMessage).
   */
  reason: string;
}

/** Decides a request the way kube-apiserver's authorizer chain does: the system:masters group, then RBAC. */
export function authorize(attrs: RequestAttributes, rbac: RbacView): Decision {
  if (attrs.user.groups.includes(SYSTEM_MASTERS)) return { allowed: true, reason: "" };
  const errors: string[] = [];
  for (const item of applicableRules(attrs.user, attrs.namespace, rbac)) {
    if ("error" in item) errors.push(item.error);
    else if (ruleAllows(attrs, item.rule))
      return { allowed: true, reason: `RBAC: allowed by ${item.source}` };
  }
  return { allowed: false, reason: errors.length > 0 ? `RBAC: ${aggregateErrors(errors)}` : "" };
}

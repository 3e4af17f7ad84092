/**
 * ResourceQuota validation (ValidateResourceQuota): resource names quota knows, non-negative amounts,
 * scopes that exist, fit the resources they are applied to, and do not contradict each other.
 */
import type { AdmissionHook } from "../api.js";
import { invalid, type StatusCause } from "../errors.js";
import { formatQuantity, parseQuantity } from "../quantity.js";

type Obj = Record<string, unknown>;

const STANDARD_QUOTA_RESOURCES = new Set([
  "cpu",
  "memory",
  "ephemeral-storage",
  "requests.cpu",
  "requests.memory",
  "requests.storage",
  "requests.ephemeral-storage",
  "limits.cpu",
  "limits.memory",
  "limits.ephemeral-storage",
  "pods",
  "resourcequotas",
  "services",
  "replicationcontrollers",
  "secrets",
  "persistentvolumeclaims",
  "configmaps",
  "services.nodeports",
  "services.loadbalancers",
]);
const POD_COMPUTE = new Set([
  "cpu",
  "memory",
  "limits.cpu",
  "limits.memory",
  "requests.cpu",
  "requests.memory",
]);
const SCOPES = new Set([
  "Terminating",
  "NotTerminating",
  "BestEffort",
  "NotBestEffort",
  "PriorityClass",
  "CrossNamespacePodAffinity",
]);

function isStandardQuotaResource(name: string): boolean {
  return STANDARD_QUOTA_RESOURCES.has(name) || /^(requests\.)?hugepages-/.test(name);
}

function scopeFitsResource(scope: string, resource: string): boolean {
  if (scope === "BestEffort") return resource === "pods";
  if (SCOPES.has(scope)) return resource === "pods" || POD_COMPUTE.has(resource);
  return true;
}

/** How Go's %#v prints the internal []core.ResourceQuotaScope that field.Invalid receives. */
function scopesValue(scopes: string[]): string {
  return `[]core.ResourceQuotaScope{${scopes.map((s) => JSON.stringify(s)).join(", ")}}`;
}

export function resourceQuotaCauses(quota: Obj): StatusCause[] {
  const spec = (quota.spec as Obj | undefined) ?? {};
  const hard = (spec.hard as Obj | undefined) ?? {};
  const causes: StatusCause[] = [];
  for (const [name, value] of Object.entries(hard)) {
    const field = `spec.hard[${name}]`;
    if (!name.includes("/") && !isStandardQuotaResource(name)) {
      causes.push({
        reason: "FieldValueInvalid",
        message: `Invalid value: ${JSON.stringify(name)}: must be a standard resource for quota`,
        field,
      });
    }
    const q = parseQuantity(String(value));
    if (q && q.nanos < 0n) {
      causes.push({
        reason: "FieldValueInvalid",
        message: `Invalid value: ${JSON.stringify(formatQuantity(q))}: must be greater than or equal to 0`,
        field,
      });
    }
  }
  const scopes = Array.isArray(spec.scopes) ? (spec.scopes as string[]) : [];
  const scopeInvalid = (detail: string): StatusCause => ({
    reason: "FieldValueInvalid",
    message: `Invalid value: ${scopesValue(scopes)}: ${detail}`,
    field: "spec.scopes",
  });
  const names = Object.keys(hard).sort();
  for (const scope of scopes) {
    if (!SCOPES.has(scope)) causes.push(scopeInvalid("unsupported scope"));
    for (const name of names) {
      if (isStandardQuotaResource(name) && !scopeFitsResource(scope, name)) {
        causes.push(scopeInvalid("unsupported scope applied to resource"));
      }
    }
  }
  for (const [a, b] of [
    ["BestEffort", "NotBestEffort"],
    ["Terminating", "NotTerminating"],
  ] as const) {
    if (scopes.includes(a) && scopes.includes(b)) causes.push(scopeInvalid("conflicting scopes"));
  }
  return causes;
}

export const resourceQuotaValidation: AdmissionHook = (_op, rt, object) => {
  if (rt.kind !== "ResourceQuota") return;
  const causes = resourceQuotaCauses(object);
  if (causes.length > 0) throw invalid(rt.kind, rt.group, object.metadata.name ?? "", causes);
};

import { effectiveRules } from "./aggregation.js";
import { goQuote } from "./go-quote.js";
import type { PolicyRule, RbacView, RoleRef, Subject } from "./rbac-types.js";
import type { UserInfo } from "./user.js";

/** A rule that applies to the user, with the binding that grants it described as the RBAC authorizer does. */
export interface SourcedRule {
  rule: PolicyRule;
  source: string;
}

/** A binding whose role could not be resolved: its message, worded like the real rule resolver's. */
export interface ResolutionError {
  error: string;
}

/**
 * Every rule that applies to `user` in `namespace`: ClusterRoleBindings first, then (for a namespaced
 * request) the RoleBindings of that namespace — the order kube-apiserver visits them in. A generator, so
 * an authorization decision stops at the first rule that allows.
 */
export function* applicableRules(
  user: UserInfo,
  namespace: string,
  rbac: RbacView,
): Generator<SourcedRule | ResolutionError> {
  for (const binding of rbac.clusterRoleBindings()) {
    const subject = firstMatchingSubject(user, binding.subjects, "");
    if (!subject) continue;
    const rules = roleRules(binding.roleRef, "", rbac);
    if (typeof rules === "string") {
      yield { error: rules };
      continue;
    }
    const source = `ClusterRoleBinding ${goQuote(binding.metadata.name ?? "")} of ${describeRoleRef(binding.roleRef)} to ${describeSubject(subject, "")}`;
    for (const rule of rules) yield { rule, source };
  }
  if (namespace === "") return;
  for (const binding of rbac.roleBindings(namespace)) {
    const subject = firstMatchingSubject(user, binding.subjects, namespace);
    if (!subject) continue;
    const rules = roleRules(binding.roleRef, namespace, rbac);
    if (typeof rules === "string") {
      yield { error: rules };
      continue;
    }
    const bindingName = `${binding.metadata.name ?? ""}/${binding.metadata.namespace ?? namespace}`;
    const source = `RoleBinding ${goQuote(bindingName)} of ${describeRoleRef(binding.roleRef)} to ${describeSubject(subject, namespace)}`;
    for (const rule of rules) yield { rule, source };
  }
}

/** Several resolution errors joined as Kubernetes' error aggregate prints them: one alone, or `[a, b]`. */
export function aggregateErrors(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? (unique[0] ?? "") : `[${unique.join(", ")}]`;
}

/** The role's rules, or the error message a real cluster reports for a dangling reference. */
function roleRules(ref: RoleRef, bindingNamespace: string, rbac: RbacView): PolicyRule[] | string {
  if (ref.kind === "Role") {
    const role = rbac.roles(bindingNamespace).find((r) => r.metadata.name === ref.name);
    return role ? (role.rules ?? []) : `role.rbac.authorization.k8s.io ${goQuote(ref.name)} not found`;
  }
  if (ref.kind === "ClusterRole") {
    const all = rbac.clusterRoles();
    const role = all.find((r) => r.metadata.name === ref.name);
    return role
      ? effectiveRules(role, all)
      : `clusterrole.rbac.authorization.k8s.io ${goQuote(ref.name)} not found`;
  }
  return `unsupported role reference kind: ${goQuote(ref.kind)}`;
}

function firstMatchingSubject(
  user: UserInfo,
  subjects: Subject[] | null | undefined,
  namespace: string,
): Subject | undefined {
  return (subjects ?? []).find((s) => subjectMatches(user, s, namespace));
}

/** A ServiceAccount subject without a namespace means the binding's own namespace; in a ClusterRoleBinding it matches no one. */
function subjectMatches(user: UserInfo, subject: Subject, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case "User":
      return user.username === subject.name;
    case "Group":
      return user.groups.includes(subject.name);
    case "ServiceAccount": {
      const ns = subject.namespace || bindingNamespace;
      return ns !== "" && user.username === `system:serviceaccount:${ns}:${subject.name}`;
    }
    default:
      return false;
  }
}

function describeRoleRef(ref: RoleRef): string {
  return `${ref.kind} ${goQuote(ref.name)}`;
}

function describeSubject(subject: Subject, bindingNamespace: string): string {
  if (subject.kind === "ServiceAccount") {
    return `${subject.kind} ${goQuote(`${subject.name}/${subject.namespace || bindingNamespace}`)}`;
  }
  return `${subject.kind} ${goQuote(subject.name)}`;
}

import type { ClusterRoleBinding, RoleBinding, Subject } from "kubernetes-types/rbac/v1.js";
import { DESCRIPTIONS as D } from "../descriptions.js";
import { since } from "../human-duration.js";
import { column, type Printer, wide } from "../printer.js";
import { AGE, as, NAME } from "./common.js";

function subjects(list: readonly Subject[]): [users: string, groups: string, serviceAccounts: string] {
  const of = (kind: string, show: (s: Subject) => string) =>
    list
      .filter((s) => s.kind === kind)
      .map(show)
      .join(", ");
  return [
    of("User", (s) => s.name),
    of("Group", (s) => s.name),
    of("ServiceAccount", (s) => `${s.namespace ?? ""}/${s.name}`),
  ];
}

function bindingPrinter(kind: "roleBinding" | "clusterRoleBinding", roleRefDescription: string): Printer {
  return {
    columns: [
      NAME,
      column("Role", "string", roleRefDescription),
      AGE,
      wide("Users", "string", `Users in the ${kind}`),
      wide("Groups", "string", `Groups in the ${kind}`),
      wide("ServiceAccounts", "string", `ServiceAccounts in the ${kind}`),
    ],
    print(object, now) {
      const binding = as<RoleBinding | ClusterRoleBinding>(object);
      return {
        cells: [
          binding.metadata?.name ?? "",
          `${binding.roleRef?.kind ?? ""}/${binding.roleRef?.name ?? ""}`,
          since(binding.metadata?.creationTimestamp, now),
          ...subjects(binding.subjects ?? []),
        ],
      };
    },
  };
}

export const roleBindingPrinter = bindingPrinter("roleBinding", D.roleBindingRoleRef);
export const clusterRoleBindingPrinter = bindingPrinter("clusterRoleBinding", D.clusterRoleBindingRoleRef);

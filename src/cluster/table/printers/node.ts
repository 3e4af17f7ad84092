import type { Node } from "kubernetes-types/core/v1.js";
import { DESCRIPTIONS as D } from "../descriptions.js";
import { since } from "../human-duration.js";
import { column, type Printer, wide } from "../printer.js";
import { AGE, as, NAME } from "./common.js";

const ROLE_PREFIX = "node-role.kubernetes.io/";
const ROLE_LABEL = "kubernetes.io/role";

/** Roles from node-role.kubernetes.io/<role> label keys and the kubernetes.io/role label's value. */
function roles(node: Node): string {
  const found = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata?.labels ?? {})) {
    if (key.startsWith(ROLE_PREFIX)) {
      const role = key.slice(ROLE_PREFIX.length);
      if (role) found.add(role);
    } else if (key === ROLE_LABEL && value) {
      found.add(value);
    }
  }
  return found.size > 0 ? [...found].sort().join(",") : "<none>";
}

function status(node: Node): string {
  const ready = node.status?.conditions?.find((c) => c.type === "Ready");
  const parts = [ready ? (ready.status === "True" ? "Ready" : "NotReady") : "Unknown"];
  if (node.spec?.unschedulable) parts.push("SchedulingDisabled");
  return parts.join(",");
}

function address(node: Node, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? "<none>";
}

export const nodePrinter: Printer = {
  columns: [
    NAME,
    column("Status", "string", D.nodeStatus),
    column("Roles", "string", D.nodeRoles),
    AGE,
    column("Version", "string", D.kubeletVersion),
    wide("Internal-IP", "string", D.nodeAddresses),
    wide("External-IP", "string", D.nodeAddresses),
    wide("OS-Image", "string", D.osImage),
    wide("Kernel-Version", "string", D.kernelVersion),
    wide("Container-Runtime", "string", D.containerRuntimeVersion),
  ],
  print(object, now) {
    const node = as<Node>(object);
    const info = node.status?.nodeInfo;
    return {
      cells: [
        node.metadata?.name ?? "",
        status(node),
        roles(node),
        since(node.metadata?.creationTimestamp, now),
        info?.kubeletVersion ?? "",
        address(node, "InternalIP"),
        address(node, "ExternalIP"),
        info?.osImage || "<unknown>",
        info?.kernelVersion || "<unknown>",
        info?.containerRuntimeVersion || "<unknown>",
      ],
    };
  },
};

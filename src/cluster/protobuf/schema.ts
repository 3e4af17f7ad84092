import protobuf from "protobufjs";
import { findKind } from "../resources.js";
import { appsV1 } from "./schemas/apps-v1.js";
import { authenticationV1 } from "./schemas/authentication-v1.js";
import { authorizationV1 } from "./schemas/authorization-v1.js";
import { autoscalingV1 } from "./schemas/autoscaling-v1.js";
import { autoscalingV2 } from "./schemas/autoscaling-v2.js";
import { batchV1 } from "./schemas/batch-v1.js";
import { coordinationV1 } from "./schemas/coordination-v1.js";
import { coreV1 } from "./schemas/core-v1.js";
import { discoveryV1 } from "./schemas/discovery-v1.js";
import { eventsV1 } from "./schemas/events-v1.js";
import { intstr } from "./schemas/intstr.js";
import { metaV1 } from "./schemas/meta-v1.js";
import { policyV1 } from "./schemas/policy-v1.js";
import { rbacV1 } from "./schemas/rbac-v1.js";
import { resource } from "./schemas/resource.js";
import { runtime } from "./schemas/runtime.js";

/*
 * The schemas are Kubernetes' generated.proto messages with Go's JSON semantics attached as field options,
 * because the wire format alone cannot say how kubectl's object would have looked as JSON:
 *   (ptr)       the Go field is a pointer: absent on the wire means nil, present means set (even to zero).
 *               Without it the Go field is a value, which Go always writes (an absent one is the zero value).
 *   (omitempty) Go's encoding/json omits the field when it is nil, 0, "", false or an empty list or map;
 *               without it an empty list or map becomes null. Struct values are never omitted.
 *   (json)      the JSON name, when it is not the proto field name.
 *   (inline)    an embedded Go struct: its fields appear in the parent object.
 */

export const UNKNOWN_TYPE = "k8s.io.apimachinery.pkg.runtime.Unknown";

/** Bodies of subresources, whose kinds RESOURCE_TYPES does not list. */
const SUBRESOURCE_KINDS: readonly (readonly [apiVersion: string, kind: string])[] = [
  ["autoscaling/v1", "Scale"],
  ["policy/v1", "Eviction"],
  ["v1", "Binding"],
  ["authentication.k8s.io/v1", "TokenRequest"],
];

let root: protobuf.Root | undefined;

export function kubeRoot(): protobuf.Root {
  if (!root) {
    const r = new protobuf.Root();
    for (const source of [
      coreV1,
      appsV1,
      batchV1,
      coordinationV1,
      autoscalingV1,
      autoscalingV2,
      eventsV1,
      rbacV1,
      authorizationV1,
      authenticationV1,
      policyV1,
      discoveryV1,
      metaV1,
      runtime,
      resource,
      intstr,
    ]) {
      protobuf.parse(source, r, { keepCase: true });
    }
    r.resolveAll();
    root = r;
  }
  return root;
}

/** The message of a served kind, or undefined when the API server does not accept it. */
export function messageTypeFor(apiVersion: string, kind: string): protobuf.Type | undefined {
  const served =
    findKind(apiVersion, kind) !== undefined ||
    SUBRESOURCE_KINDS.some(([v, k]) => v === apiVersion && k === kind);
  if (!served) return undefined;
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/", 2) : ["", apiVersion];
  // Kubernetes names each group's proto package after the group's first label: rbac.authorization.k8s.io → rbac.
  const pkg = group === "" ? "core" : group?.split(".", 1)[0];
  const found = kubeRoot().lookup(`k8s.io.api.${pkg}.${version}.${kind}`);
  return found instanceof protobuf.Type ? found : undefined;
}

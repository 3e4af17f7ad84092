/** Where an object lives in the API: the built-in kinds that scenarios use, as every conformant cluster serves them. */
import { qualifiedResource } from "../../cluster/errors.js";
import { findKind, type KubeObject } from "../../cluster/index.js";
import type { ResourceType } from "../../cluster/types.js";

export interface Located {
  type: ResourceType;
  /** "deployments.apps", "pods": how audit entries name resources. */
  resourceName: string;
  /** The collection URL (POST creates here). */
  collection: string;
  /** The object's URL. */
  item: string;
}

export function locate(ref: { apiVersion: string; kind: string; namespace?: string; name: string }): Located {
  const type = findKind(ref.apiVersion, ref.kind);
  if (!type) {
    throw new Error(
      `Smith does not know the kind ${ref.apiVersion} ${ref.kind}: scenarios may use Kubernetes' built-in kinds only.`,
    );
  }
  const prefix = type.group === "" ? `/api/${type.version}` : `/apis/${type.group}/${type.version}`;
  const scope = type.namespaced ? `/namespaces/${encodeURIComponent(ref.namespace ?? "default")}` : "";
  const collection = `${prefix}${scope}/${type.resource}`;
  return {
    type,
    resourceName: qualifiedResource(type.group, type.resource),
    collection,
    item: `${collection}/${encodeURIComponent(ref.name)}`,
  };
}

export function refOf(o: KubeObject): { apiVersion: string; kind: string; namespace?: string; name: string } {
  return {
    apiVersion: o.apiVersion,
    kind: o.kind,
    ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
    name: o.metadata.name as string,
  };
}

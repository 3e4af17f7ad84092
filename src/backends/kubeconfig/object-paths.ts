/** Where an object lives in the API, from its apiVersion and kind (built-in kinds) or its resource. */
import { qualifiedResource } from "../../cluster/errors.js";
import { findKind, type KubeObject } from "../../cluster/index.js";
import type { ObjectRef } from "../backend.js";

/** An object reference that may also be cluster-scoped (no namespace). */
export interface ObjectAddress extends Omit<ObjectRef, "namespace"> {
  namespace?: string;
  /** The qualified resource ("deployments.apps") when it is known, as for what the agent created; else the
   * kind must be one of Kubernetes' built-in kinds. */
  resource?: string;
}

export interface Located {
  /** "deployments.apps", "pods": how audit entries name resources. */
  resourceName: string;
  namespaced: boolean;
  /** The collection URL (POST creates here). */
  collection: string;
  /** The object's URL. */
  item: string;
}

export function locate(ref: ObjectAddress): Located {
  const slash = ref.apiVersion.indexOf("/");
  const group = slash < 0 ? "" : ref.apiVersion.slice(0, slash);
  const version = ref.apiVersion.slice(slash + 1);
  let plural: string;
  let namespaced: boolean;
  if (ref.resource) {
    plural = ref.resource.split(".")[0] as string;
    namespaced = ref.namespace !== undefined;
  } else {
    const type = findKind(ref.apiVersion, ref.kind);
    if (!type) {
      throw new Error(
        `Smith does not know the kind ${ref.apiVersion} ${ref.kind}: scenarios may use Kubernetes' built-in kinds only.`,
      );
    }
    plural = type.resource;
    namespaced = type.namespaced;
  }
  const prefix = group === "" ? `/api/${version}` : `/apis/${group}/${version}`;
  const scope = namespaced ? `/namespaces/${encodeURIComponent(ref.namespace ?? "default")}` : "";
  const collection = `${prefix}${scope}/${plural}`;
  return {
    resourceName: qualifiedResource(group, plural),
    namespaced,
    collection,
    item: `${collection}/${encodeURIComponent(ref.name)}`,
  };
}

export function refOf(o: KubeObject): ObjectAddress {
  return {
    apiVersion: o.apiVersion,
    kind: o.kind,
    ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
    name: o.metadata.name as string,
  };
}

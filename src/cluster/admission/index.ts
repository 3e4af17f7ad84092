/**
 * The admission chain of the embedded API server, in kube-apiserver's order where it matters: the
 * object ceiling first (cheapest, and it must hold whatever else is configured), the PersistentVolumeClaim
 * plugins (DefaultStorageClass, PersistentVolumeClaimResize), then LimitRanger
 * (defaults, then limits), ResourceQuota validation, and ResourceQuota last, so quota charges the pod
 * as LimitRanger left it.
 */
import type { ClusterApi } from "../api.js";
import { limitRangerAdmission } from "./limit-ranger.js";
import { DEFAULT_MAX_OBJECTS, ObjectCeiling } from "./object-ceiling.js";
import { persistentVolumeClaimAdmission } from "./persistent-volume-claims.js";
import { resourceQuotaValidation } from "./quota-validation.js";
import { resourceQuotaAdmission } from "./resource-quota.js";
import { UsageIndex } from "./usage-index.js";

export interface AdmissionOptions {
  /** Objects the cluster may hold in total; creates past it answer 403. */
  maxObjects?: number;
}

export function installAdmission(api: ClusterApi, options: AdmissionOptions = {}): ObjectCeiling {
  const ceiling = new ObjectCeiling(api.store, api.clock, options.maxObjects ?? DEFAULT_MAX_OBJECTS);
  api.addAdmissionHook(ceiling.hook);
  api.addAdmissionHook(persistentVolumeClaimAdmission);
  api.addAdmissionHook(limitRangerAdmission(api.store));
  api.addAdmissionHook(resourceQuotaValidation);
  api.addAdmissionHook(resourceQuotaAdmission(api.store, UsageIndex.of(api.store)));
  return ceiling;
}

export { allEvaluators } from "./evaluators.js";
export { type CeilingStatus, DEFAULT_MAX_OBJECTS, type ObjectCeiling } from "./object-ceiling.js";
export { DEFAULT_STORAGE_CLASS, STORAGE_PROVISIONER } from "./persistent-volume-claims.js";
export { parseResourceList, type ResourceList, toRecord } from "./resource-list.js";
export { quotaScopeSelectors } from "./scopes.js";
export { UsageIndex } from "./usage-index.js";

/**
 * The admission plugins that shape PersistentVolumeClaims. The embedded cluster has one StorageClass,
 * `standard` (the default class, dynamic provisioning by the in-tree host-path provisioner, immediate binding,
 * no volume expansion), and no StorageClass or PersistentVolume objects to show for it:
 * - DefaultStorageClass: a claim that names no class gets `standard`.
 * - PersistentVolumeClaimResize: a bound claim cannot grow, since `standard` does not allow expansion.
 */
import type { AdmissionHook } from "../api.js";
import { parseQuantity } from "../quantity.js";
import { admissionForbidden } from "./forbidden.js";

export const DEFAULT_STORAGE_CLASS = "standard";
export const STORAGE_PROVISIONER = "kubernetes.io/host-path";

interface ClaimShape {
  spec?: { storageClassName?: string; resources?: { requests?: { storage?: string } } };
  status?: { phase?: string };
}

function requested(claim: ClaimShape): bigint {
  return parseQuantity(String(claim.spec?.resources?.requests?.storage ?? "0"))?.nanos ?? 0n;
}

export const persistentVolumeClaimAdmission: AdmissionHook = (op, rt, object, old) => {
  if (rt.kind !== "PersistentVolumeClaim") return;
  const claim = object as unknown as ClaimShape;
  const annotated = object.metadata.annotations?.["volume.beta.kubernetes.io/storage-class"];
  if (op === "create") {
    if (claim.spec && claim.spec.storageClassName === undefined && annotated === undefined)
      claim.spec.storageClassName = DEFAULT_STORAGE_CLASS;
    return;
  }
  const before = old as unknown as ClaimShape;
  if (before.status?.phase === "Bound" && requested(claim) > requested(before)) {
    throw admissionForbidden(
      rt,
      object,
      "only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize",
    );
  }
};

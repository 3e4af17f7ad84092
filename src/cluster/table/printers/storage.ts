import type { PersistentVolumeClaim } from "kubernetes-types/core/v1.js";
import { quantityString } from "../../quantity.js";
import { DESCRIPTIONS as D } from "../descriptions.js";
import { since } from "../human-duration.js";
import { column, type Printer, wide } from "../printer.js";
import { AGE, as, NAME } from "./common.js";

/** helper.GetAccessModesAsString: the modes' abbreviations in a fixed order, each once. */
const MODES: readonly [string, string][] = [
  ["ReadWriteOnce", "RWO"],
  ["ReadOnlyMany", "ROX"],
  ["ReadWriteMany", "RWX"],
  ["ReadWriteOncePod", "RWOP"],
];

function accessModes(modes: readonly string[] | undefined): string {
  return MODES.filter(([mode]) => modes?.includes(mode))
    .map(([, short]) => short)
    .join(",");
}

export const persistentVolumeClaimPrinter: Printer = {
  columns: [
    NAME,
    column("Status", "string", D.claimPhase),
    column("Volume", "string", D.claimVolumeName),
    column("Capacity", "string", D.claimCapacity),
    column("Access Modes", "string", D.claimAccessModes),
    column("StorageClass", "string", "StorageClass of the pvc"),
    column("VolumeAttributesClass", "string", "VolumeAttributesClass of the pvc"),
    AGE,
    wide("VolumeMode", "string", D.claimVolumeMode),
  ],
  print(object, now) {
    const claim = as<PersistentVolumeClaim>(object);
    const bound = Boolean(claim.spec?.volumeName);
    const storage = claim.status?.capacity?.storage;
    return {
      cells: [
        claim.metadata?.name ?? "",
        claim.metadata?.deletionTimestamp ? "Terminating" : (claim.status?.phase ?? ""),
        claim.spec?.volumeName ?? "",
        bound ? quantityString(storage ?? "0") : "",
        bound ? accessModes(claim.status?.accessModes) : "",
        claim.metadata?.annotations?.["volume.beta.kubernetes.io/storage-class"] ??
          claim.spec?.storageClassName ??
          "",
        claim.spec?.volumeAttributesClassName ?? "<unset>",
        since(claim.metadata?.creationTimestamp, now),
        claim.spec?.volumeMode ?? "<unset>",
      ],
    };
  },
};

/**
 * The persistent volume controller, for the embedded cluster's one StorageClass (see
 * admission/persistent-volume-claims.ts): a claim of class `standard` gets a volume `pvc-<claim uid>`
 * provisioned and is bound to it at once, with the annotations and status a real binder writes. A claim of
 * another class stays Pending with the event a cluster without that class records; a claim of class ""
 * (static provisioning only) stays Pending too, as no PersistentVolume exists to bind it to.
 */
import type { PersistentVolumeClaim } from "kubernetes-types/core/v1.js";
import { DEFAULT_STORAGE_CLASS, STORAGE_PROVISIONER } from "../admission/index.js";
import { findResourceType } from "../resources.js";
import type { KubeObject, ResourceType } from "../types.js";
import { type ControllerContext, controllerIdentity, WorkQueue } from "./controller.js";
import { keyOf, splitKey } from "./controller-queue.js";
import { EventRecorder } from "./events.js";

const ME = controllerIdentity("persistent-volume-binder");
const SOURCE = { component: "persistentvolume-controller" };
const CLAIMS = findResourceType("", "v1", "persistentvolumeclaims") as ResourceType;

const asClaim = (o: KubeObject) => o as unknown as PersistentVolumeClaim;

export function startPersistentVolumeController({ api, clock }: ControllerContext): void {
  const recorder = new EventRecorder(api, ME);

  const queue = new WorkQueue(clock, "persistentvolume", (key) => {
    const [namespace, name] = splitKey(key);
    const claim = api.store.get("persistentvolumeclaims", namespace, name);
    if (!claim || claim.metadata.deletionTimestamp) return;
    const { spec, status } = asClaim(claim);
    if (status?.phase === "Bound" || spec?.volumeName) return;
    const className =
      claim.metadata.annotations?.["volume.beta.kubernetes.io/storage-class"] ?? spec?.storageClassName ?? "";
    if (className === "") {
      recorder.record(
        claim,
        "Normal",
        "FailedBinding",
        "no persistent volumes available for this claim and no storage class is set",
        SOURCE,
      );
      return;
    }
    if (className !== DEFAULT_STORAGE_CLASS) {
      recorder.record(
        claim,
        "Warning",
        "ProvisioningFailed",
        `storageclass.storage.k8s.io "${className}" not found`,
        SOURCE,
      );
      return;
    }
    const volume = `pvc-${claim.metadata.uid}`;
    const bound = api.update(ME, CLAIMS, namespace, name, {
      ...claim,
      metadata: {
        ...claim.metadata,
        annotations: {
          ...claim.metadata.annotations,
          "pv.kubernetes.io/bind-completed": "yes",
          "pv.kubernetes.io/bound-by-controller": "yes",
          "volume.beta.kubernetes.io/storage-provisioner": STORAGE_PROVISIONER,
          "volume.kubernetes.io/storage-provisioner": STORAGE_PROVISIONER,
        },
      },
      spec: { ...spec, volumeName: volume },
    });
    recorder.record(
      bound,
      "Normal",
      "ProvisioningSucceeded",
      `Successfully provisioned volume ${volume} using ${STORAGE_PROVISIONER}`,
      SOURCE,
    );
    const storage = spec?.resources?.requests?.storage;
    api.update(
      ME,
      CLAIMS,
      namespace,
      name,
      {
        ...bound,
        status: {
          phase: "Bound",
          ...(spec?.accessModes ? { accessModes: spec.accessModes } : {}),
          ...(storage !== undefined ? { capacity: { storage } } : {}),
        },
      },
      "status",
    );
  });

  api.store.subscribe((e) => {
    if (e.resource !== "persistentvolumeclaims" || e.type === "DELETED") return;
    if (asClaim(e.object).status?.phase === "Bound") return;
    queue.add(keyOf(e.object.metadata.namespace, e.object.metadata.name));
  });
}

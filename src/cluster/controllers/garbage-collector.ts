/**
 * The garbage collector: dependents follow their owners through ownerReferences. Background deletion
 * removes dependents after the owner; Foreground keeps the owner (finalizer foregroundDeletion) until its
 * blocking dependents are gone; Orphan (finalizer orphan) strips the owner reference and keeps them.
 */
import { RESOURCE_TYPES, storageKey } from "../resources.js";
import type { StoreEvent } from "../store.js";
import type { KubeObject, ResourceType } from "../types.js";
import { type ControllerContext, controllerIdentity, WorkQueue } from "./controller.js";

const ME = controllerIdentity("generic-garbage-collector");

/** One served version per stored resource: the GC works on storage, not on API versions. */
function storedTypes(): ResourceType[] {
  const seen = new Set<string>();
  return RESOURCE_TYPES.filter((t) => {
    const key = storageKey(t);
    if (seen.has(key) || !t.verbs.includes("delete")) return false;
    seen.add(key);
    return true;
  });
}

export function startGarbageCollector({ api, clock }: ControllerContext): void {
  const types = storedTypes();
  const typeByKey = new Map(types.map((t) => [storageKey(t), t]));
  const exists = (uid: string): boolean =>
    types.some((t) => api.store.list(storageKey(t)).some((o) => o.metadata.uid === uid));
  const dependentsOf = (uid: string): [ResourceType, KubeObject][] => {
    const found: [ResourceType, KubeObject][] = [];
    for (const t of types) {
      for (const o of api.store.list(storageKey(t))) {
        if (o.metadata.ownerReferences?.some((r) => r.uid === uid)) found.push([t, o]);
      }
    }
    return found;
  };

  const removeFinalizer = (t: ResourceType, o: KubeObject, finalizer: string) => {
    const current = api.store.get(storageKey(t), o.metadata.namespace, o.metadata.name as string);
    if (!current) return;
    const finalizers = (current.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    api.patch(ME, t, current.metadata.namespace, current.metadata.name as string, "merge", {
      metadata: {
        finalizers: finalizers.length ? finalizers : null,
        resourceVersion: current.metadata.resourceVersion,
      },
    });
  };

  // key: "<storage key>|<namespace>|<name>|<uid>" of an owner whose dependents need attention.
  const queue = new WorkQueue(clock, "garbage-collector", (key) => {
    const [resource = "", namespace = "", name = "", uid = ""] = key.split("|");
    const t = typeByKey.get(resource);
    if (!t) return;
    const owner = api.store.get(resource, namespace || undefined, name);
    const ownerAlive = owner !== undefined && owner.metadata.uid === uid;
    const dependents = dependentsOf(uid);
    if (!ownerAlive) {
      for (const [dt, d] of dependents) {
        const others = (d.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid && exists(r.uid));
        const ns = d.metadata.namespace;
        const dname = d.metadata.name as string;
        if (others.length > 0) {
          api.patch(ME, dt, ns, dname, "merge", { metadata: { ownerReferences: others } });
        } else if (!d.metadata.deletionTimestamp) {
          api.delete(ME, dt, ns, dname, { propagationPolicy: "Background" });
        }
      }
      return;
    }
    const finalizers = owner.metadata.finalizers ?? [];
    if (!owner.metadata.deletionTimestamp) return;
    if (finalizers.includes("orphan")) {
      for (const [dt, d] of dependents) {
        const refs = (d.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
        api.patch(ME, dt, d.metadata.namespace, d.metadata.name as string, "merge", {
          metadata: { ownerReferences: refs.length ? refs : null },
        });
      }
      removeFinalizer(t, owner, "orphan");
      return;
    }
    if (finalizers.includes("foregroundDeletion")) {
      const blocking = dependents.filter(([, d]) =>
        d.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion),
      );
      for (const [dt, d] of dependents) {
        if (!d.metadata.deletionTimestamp) {
          api.delete(ME, dt, d.metadata.namespace, d.metadata.name as string, {
            propagationPolicy: "Foreground",
          });
        }
      }
      if (blocking.length === 0) removeFinalizer(t, owner, "foregroundDeletion");
    }
  });

  const keyOf = (e: StoreEvent, o: KubeObject) =>
    `${e.resource}|${o.metadata.namespace ?? ""}|${o.metadata.name}|${o.metadata.uid}`;

  api.store.subscribe((e) => {
    if (!typeByKey.has(e.resource)) return;
    const o = e.object;
    // An owner went away or started deleting: look after its dependents.
    if (e.type === "DELETED" || o.metadata.deletionTimestamp) queue.add(keyOf(e, o));
    // A dependent went away: a foreground owner may now be free to go.
    if (e.type === "DELETED" || (e.type === "MODIFIED" && o.metadata.deletionTimestamp)) {
      for (const ref of o.metadata.ownerReferences ?? []) {
        for (const t of types) {
          const owner = api.store
            .list(storageKey(t), t.namespaced ? o.metadata.namespace : undefined)
            .find((x) => x.metadata.uid === ref.uid);
          if (owner)
            queue.add(`${storageKey(t)}|${owner.metadata.namespace ?? ""}|${owner.metadata.name}|${ref.uid}`);
        }
      }
    }
  });
}

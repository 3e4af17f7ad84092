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

/** Where an object lives in the store. */
interface Location {
  resource: string;
  namespace: string | undefined;
  name: string;
}

export function startGarbageCollector({ api, clock }: ControllerContext): void {
  const types = storedTypes();
  const typeByKey = new Map(types.map((t) => [storageKey(t), t]));
  // The GC's graph, kept from the store's write stream as the real GC keeps it from informers:
  // every live object by uid, and the dependents of every owner uid.
  const byUid = new Map<string, Location>();
  const dependents = new Map<string, Map<string, Location>>();
  const track = (e: StoreEvent) => {
    const o = e.object;
    const uid = o.metadata.uid as string;
    const at: Location = {
      resource: e.resource,
      namespace: o.metadata.namespace,
      name: o.metadata.name as string,
    };
    for (const ref of e.previous?.metadata.ownerReferences ?? []) dependents.get(ref.uid)?.delete(uid);
    if (e.type === "DELETED") {
      byUid.delete(uid);
      for (const ref of o.metadata.ownerReferences ?? []) dependents.get(ref.uid)?.delete(uid);
      return;
    }
    byUid.set(uid, at);
    for (const ref of o.metadata.ownerReferences ?? []) {
      let set = dependents.get(ref.uid);
      if (!set) {
        set = new Map();
        dependents.set(ref.uid, set);
      }
      set.set(uid, at);
    }
  };
  const exists = (uid: string): boolean => byUid.has(uid);
  const dependentsOf = (uid: string): [ResourceType, KubeObject][] => {
    const found: [ResourceType, KubeObject][] = [];
    for (const at of dependents.get(uid)?.values() ?? []) {
      const t = typeByKey.get(at.resource);
      const o = api.store.get(at.resource, at.namespace, at.name);
      if (t && o) found.push([t, o]);
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
    const owned = dependentsOf(uid);
    if (!ownerAlive) {
      for (const [dt, d] of owned) {
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
      for (const [dt, d] of owned) {
        const refs = (d.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
        api.patch(ME, dt, d.metadata.namespace, d.metadata.name as string, "merge", {
          metadata: { ownerReferences: refs.length ? refs : null },
        });
      }
      removeFinalizer(t, owner, "orphan");
      return;
    }
    if (finalizers.includes("foregroundDeletion")) {
      const blocking = owned.filter(([, d]) =>
        d.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion),
      );
      for (const [dt, d] of owned) {
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
    track(e);
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

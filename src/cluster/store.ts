import type { KubeObject } from "./types.js";

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";

export interface StoreEvent {
  type: WatchEventType;
  /** Storage key of the resource (see resources.storageKey). */
  resource: string;
  object: KubeObject;
  /** The object before a MODIFIED event: watches with selectors need it to tell "left the selection". */
  previous?: KubeObject;
  resourceVersion: number;
}

/** How many past events a watch can resume from; older resourceVersions answer 410 Gone, as etcd compaction does. */
const HISTORY_LIMIT = 20_000;

/** The objects of one resource in one namespace ("" for cluster-scoped), with a sorted view built on demand. */
class Bucket {
  readonly byName = new Map<string, KubeObject>();
  private sorted: KubeObject[] | undefined;

  set(name: string, object: KubeObject): void {
    if (!this.byName.has(name)) this.sorted = undefined;
    else if (this.sorted) this.sorted[this.sorted.findIndex((o) => o.metadata.name === name)] = object;
    this.byName.set(name, object);
  }

  delete(name: string): void {
    this.byName.delete(name);
    this.sorted = undefined;
  }

  list(): readonly KubeObject[] {
    this.sorted ??= [...this.byName.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, o]) => o);
    return this.sorted;
  }
}

/**
 * The cluster's object store: what etcd is to a real API server. One global resourceVersion counter
 * orders every write; watchers get each write as an event. Stored objects are never mutated in place:
 * every write stores a fresh object, so readers may hold references safely.
 */
export class ObjectStore {
  private rv = 0;
  private readonly collections = new Map<string, Map<string, Bucket>>();
  private readonly history: StoreEvent[] = [];
  private historyStart = 1;
  private readonly watchers = new Set<(e: StoreEvent) => void>();
  private total = 0;

  resourceVersion(): number {
    return this.rv;
  }

  size(): number {
    return this.total;
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.collections
      .get(resource)
      ?.get(namespace ?? "")
      ?.byName.get(name);
  }

  /** Objects of one resource, in one namespace or all, sorted by namespace then name as etcd keys are. */
  list(resource: string, namespace?: string): KubeObject[] {
    const coll = this.collections.get(resource);
    if (!coll) return [];
    if (namespace !== undefined) return [...(coll.get(namespace)?.list() ?? [])];
    return [...coll.keys()].sort().flatMap((ns) => (coll.get(ns) as Bucket).list());
  }

  /** Stores a new or changed object, stamping its resourceVersion. Returns the stored object. */
  put(resource: string, object: KubeObject): KubeObject {
    const bucket = this.bucket(resource, object.metadata.namespace ?? "");
    const name = object.metadata.name as string;
    const previous = bucket.byName.get(name);
    const rv = ++this.rv;
    const stored: KubeObject = { ...object, metadata: { ...object.metadata, resourceVersion: String(rv) } };
    bucket.set(name, stored);
    if (previous) this.emit({ type: "MODIFIED", resource, object: stored, previous, resourceVersion: rv });
    else {
      this.total++;
      this.emit({ type: "ADDED", resource, object: stored, resourceVersion: rv });
    }
    return stored;
  }

  /** Removes an object; the DELETED event carries it with a fresh resourceVersion, as Kubernetes does. */
  remove(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const bucket = this.collections.get(resource)?.get(namespace ?? "");
    const existing = bucket?.byName.get(name);
    if (!bucket || !existing) return undefined;
    bucket.delete(name);
    this.total--;
    const rv = ++this.rv;
    const last: KubeObject = { ...existing, metadata: { ...existing.metadata, resourceVersion: String(rv) } };
    this.emit({ type: "DELETED", resource, object: last, resourceVersion: rv });
    return last;
  }

  subscribe(watcher: (e: StoreEvent) => void): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  /** Events after `resourceVersion`, or "gone" when they were already dropped from history. */
  eventsSince(resourceVersion: number): StoreEvent[] | "gone" {
    if (resourceVersion >= this.rv) return [];
    if (resourceVersion + 1 < this.historyStart) return "gone";
    return this.history.slice(resourceVersion + 1 - this.historyStart);
  }

  private bucket(resource: string, namespace: string): Bucket {
    let coll = this.collections.get(resource);
    if (!coll) {
      coll = new Map();
      this.collections.set(resource, coll);
    }
    let bucket = coll.get(namespace);
    if (!bucket) {
      bucket = new Bucket();
      coll.set(namespace, bucket);
    }
    return bucket;
  }

  private emit(event: StoreEvent): void {
    this.history.push(event);
    if (this.history.length > HISTORY_LIMIT) {
      // Compaction: drop the oldest half at once, so the cost per write stays constant.
      const drop = this.history.length - HISTORY_LIMIT / 2;
      this.history.splice(0, drop);
      this.historyStart += drop;
    }
    for (const w of this.watchers) w(event);
  }
}

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

function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ""}/${name}`;
}

/**
 * The cluster's object store: what etcd is to a real API server. One global resourceVersion counter
 * orders every write; watchers get each write as an event. Stored objects are never mutated in place:
 * every write stores a fresh object, so readers may hold references safely.
 */
export class ObjectStore {
  private rv = 0;
  private readonly collections = new Map<string, Map<string, KubeObject>>();
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
    return this.collections.get(resource)?.get(objectKey(namespace, name));
  }

  /** Objects of one resource, in one namespace or all, sorted by namespace then name as etcd keys are. */
  list(resource: string, namespace?: string): KubeObject[] {
    const items = [...(this.collections.get(resource)?.entries() ?? [])];
    const selected =
      namespace === undefined ? items : items.filter(([, o]) => o.metadata.namespace === namespace);
    return selected.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, o]) => o);
  }

  /** Stores a new or changed object, stamping its resourceVersion. Returns the stored object. */
  put(resource: string, object: KubeObject): KubeObject {
    let coll = this.collections.get(resource);
    if (!coll) {
      coll = new Map();
      this.collections.set(resource, coll);
    }
    const key = objectKey(object.metadata.namespace, object.metadata.name as string);
    const previous = coll.get(key);
    const rv = ++this.rv;
    const stored: KubeObject = { ...object, metadata: { ...object.metadata, resourceVersion: String(rv) } };
    coll.set(key, stored);
    if (previous) this.emit({ type: "MODIFIED", resource, object: stored, previous, resourceVersion: rv });
    else {
      this.total++;
      this.emit({ type: "ADDED", resource, object: stored, resourceVersion: rv });
    }
    return stored;
  }

  /** Removes an object; the DELETED event carries it with a fresh resourceVersion, as Kubernetes does. */
  remove(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const coll = this.collections.get(resource);
    const key = objectKey(namespace, name);
    const existing = coll?.get(key);
    if (!coll || !existing) return undefined;
    coll.delete(key);
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

  private emit(event: StoreEvent): void {
    this.history.push(event);
    if (this.history.length > HISTORY_LIMIT) {
      this.history.shift();
      this.historyStart++;
    }
    for (const w of this.watchers) w(event);
  }
}

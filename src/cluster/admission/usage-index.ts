/**
 * Quota usage per namespace, kept current from the store's write stream so that admission and the quota
 * controller read it in constant time however many objects a namespace holds (a runaway agent's 5,000
 * pods must not make every further request slower). Pods are summed per distinct set of scope facts, so
 * scoped quotas are answered from a handful of buckets.
 */
import { RESOURCE_TYPES, storageKey } from "../resources.js";
import type { ObjectStore, StoreEvent } from "../store.js";
import type { KubeObject } from "../types.js";
import { evaluatorFor } from "./evaluators.js";
import { accumulate, addQuantity, countOf, type ResourceList } from "./resource-list.js";
import { type PodScopeFacts, podMatchesScope, type ScopeSelector } from "./scopes.js";

interface Bucket {
  facts: PodScopeFacts | undefined;
  total: ResourceList;
}

interface Contribution {
  bucket: Bucket;
  usage: ResourceList;
}

const indexes = new WeakMap<ObjectStore, UsageIndex>();

export class UsageIndex {
  /** namespace → storage key → scope-facts key → bucket */
  private readonly buckets = new Map<string, Map<string, Map<string, Bucket>>>();
  /** storage key + namespace/name → what the object added, to take back when it changes or goes */
  private readonly contributions = new Map<string, Contribution>();

  private constructor(store: ObjectStore) {
    for (const key of new Set(RESOURCE_TYPES.filter((t) => t.namespaced).map(storageKey))) {
      for (const object of store.list(key)) this.add(key, object);
    }
    store.subscribe((e) => this.onEvent(e));
  }

  /** The one index of a store (admission and the quota controller share it). */
  static of(store: ObjectStore): UsageIndex {
    let index = indexes.get(store);
    if (!index) {
      index = new UsageIndex(store);
      indexes.set(store, index);
    }
    return index;
  }

  /**
   * Current use of `names` by one resource's objects in a namespace, counting only objects every selector
   * selects; a name nothing uses is reported as zero.
   */
  used(
    namespace: string,
    resource: string,
    selectors: readonly ScopeSelector[],
    names: readonly string[],
  ): ResourceList {
    const result: ResourceList = new Map(names.map((n) => [n, countOf(0)]));
    for (const bucket of this.buckets.get(namespace)?.get(resource)?.values() ?? []) {
      const facts = bucket.facts;
      if (!selectors.every((s) => facts !== undefined && podMatchesScope(s, facts))) continue;
      for (const name of names) {
        const q = bucket.total.get(name);
        if (q) result.set(name, addQuantity(result.get(name), q));
      }
    }
    return result;
  }

  private onEvent(e: StoreEvent): void {
    if (!e.object.metadata.namespace) return;
    if (e.type === "ADDED") this.add(e.resource, e.object);
    else if (e.type === "DELETED") this.remove(e.resource, e.object);
    else if (evaluatorFor(e.resource)?.mutable) {
      this.remove(e.resource, e.object);
      this.add(e.resource, e.object);
    }
  }

  private add(resource: string, object: KubeObject): void {
    const evaluator = evaluatorFor(resource);
    const namespace = object.metadata.namespace;
    if (!evaluator || !namespace) return;
    const facts = evaluator.scopeFacts(object);
    const factsKey = facts ? JSON.stringify(facts) : "";
    let byResource = this.buckets.get(namespace);
    if (!byResource) {
      byResource = new Map();
      this.buckets.set(namespace, byResource);
    }
    let byFacts = byResource.get(resource);
    if (!byFacts) {
      byFacts = new Map();
      byResource.set(resource, byFacts);
    }
    let bucket = byFacts.get(factsKey);
    if (!bucket) {
      bucket = { facts, total: new Map() };
      byFacts.set(factsKey, bucket);
    }
    const usage = evaluator.usage(object);
    accumulate(bucket.total, usage);
    this.contributions.set(contributionKey(resource, object), { bucket, usage });
  }

  private remove(resource: string, object: KubeObject): void {
    const key = contributionKey(resource, object);
    const contribution = this.contributions.get(key);
    if (!contribution) return;
    accumulate(contribution.bucket.total, contribution.usage, -1);
    this.contributions.delete(key);
  }
}

function contributionKey(resource: string, object: KubeObject): string {
  return `${resource}\u0000${object.metadata.namespace}/${object.metadata.name}`;
}

/**
 * The generic registry: what the API server does with an object between the HTTP request and the store
 * (the part kube-apiserver calls the "generic registry store" and the per-kind strategies). Controllers
 * and drivers call it directly under their own user; the HTTP server calls it for kubectl. Every call is
 * recorded in the audit log.
 */

import type { AuditLog } from "./audit.js";
import type { UserInfo } from "./auth/user.js";
import type { VirtualClock } from "./clock.js";
import { fromStorage, toStorage } from "./conversion.js";
import { applyCreateStrategy } from "./create-strategies.js";
import { applyDefaults } from "./defaults.js";
import {
  alreadyExists,
  badRequest,
  conflict,
  invalid,
  notFound,
  qualifiedResource,
  StatusError,
} from "./errors.js";
import { definitionForKind, unknownFields } from "./openapi/index.js";
import {
  type ApplyConflict,
  applyJsonPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  recordUpdate,
  serverSideApply,
} from "./patch/index.js";
import { findKind, storageKey } from "./resources.js";
import { SAFE_ALPHABET } from "./safe-alphabet.js";
import {
  type FieldRequirement,
  matchesFieldSelector,
  matchesSelector,
  parseFieldSelector,
  parseLabelSelector,
  type Selector,
  validateFieldSelector,
} from "./selectors.js";
import type { ObjectStore } from "./store.js";
import { apiVersionOf, type KubeObject, type ObjectMeta, type ResourceType } from "./types.js";
import { validateObject, validateUpdate } from "./validation.js";

type Obj = Record<string, unknown>;

export interface RequestContext {
  user: UserInfo;
  /** `dryRun=All`: run every step, store nothing. */
  dryRun?: boolean;
  /** The field manager recorded in managedFields (the `fieldManager` query parameter, else from the user agent). */
  fieldManager?: string;
  /** What to do with fields the schema does not know: refuse (Strict), drop with a warning (Warn, the default), drop. */
  fieldValidation?: "Strict" | "Warn" | "Ignore";
  /** Warnings for the client (sent as `Warning` headers), collected while the request runs. */
  warnings?: string[];
}

export type PatchType = "json" | "merge" | "strategic" | "apply";

export interface PatchOutcome {
  object: KubeObject;
  /** A server-side apply created the object: kube-apiserver answers 201 Created then. */
  created: boolean;
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
}

export interface DeleteOptions {
  propagationPolicy?: "Foreground" | "Background" | "Orphan";
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
}

/** Admission hooks see every create and update before it is stored, and may refuse it with a StatusError. */
export type AdmissionHook = (
  op: "create" | "update",
  rt: ResourceType,
  object: KubeObject,
  old: KubeObject | undefined,
  ctx: RequestContext,
) => void;

/** Kinds whose spec changes bump metadata.generation (the ones with an observedGeneration in status). */
const GENERATION_KINDS = new Set([
  "Deployment",
  "ReplicaSet",
  "StatefulSet",
  "DaemonSet",
  "Job",
  "CronJob",
  "HorizontalPodAutoscaler",
  "PodDisruptionBudget",
]);

/** Kinds whose status on create is reset to what the server initialises, as their strategies do. */
const STATUS_RESET_ON_CREATE = new Set([
  "Deployment",
  "ReplicaSet",
  "StatefulSet",
  "DaemonSet",
  "Job",
  "CronJob",
  "HorizontalPodAutoscaler",
  "ResourceQuota",
  "Pod",
  "PodDisruptionBudget",
  "PersistentVolumeClaim",
]);

export interface ClusterApiOptions {
  store: ObjectStore;
  clock: VirtualClock;
  audit: AuditLog;
  random: () => number;
}

export class ClusterApi {
  readonly store: ObjectStore;
  readonly clock: VirtualClock;
  readonly audit: AuditLog;
  private readonly random: () => number;
  private readonly admission: AdmissionHook[] = [];
  /** Registry calls made as steps of a request already being audited: they are not requests of their own. */
  private nestedDepth = 0;

  constructor(options: ClusterApiOptions) {
    this.store = options.store;
    this.clock = options.clock;
    this.audit = options.audit;
    this.random = options.random;
  }

  addAdmissionHook(hook: AdmissionHook): void {
    this.admission.push(hook);
  }

  /** Deterministic RFC 4122-shaped uid from the cluster's seeded random stream. */
  newUid(): string {
    const hex = Array.from({ length: 32 }, () => Math.floor(this.random() * 16).toString(16)).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${"89ab"[Math.floor(this.random() * 4)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  /** The 5-character suffix Kubernetes appends to generateName. */
  nameSuffix(length = 5): string {
    return Array.from({ length }, () => SAFE_ALPHABET[Math.floor(this.random() * SAFE_ALPHABET.length)]).join(
      "",
    );
  }

  // ---- reads -------------------------------------------------------------------------------------

  get(ctx: RequestContext, rt: ResourceType, namespace: string | undefined, name: string): KubeObject {
    return this.audited(ctx, "get", rt, namespace, name, undefined, () => this.read(rt, namespace, name));
  }

  /** The stored object in `rt`'s version, or a 404. */
  read(rt: ResourceType, namespace: string | undefined, name: string): KubeObject {
    const stored = this.store.get(storageKey(rt), rt.namespaced ? namespace : undefined, name);
    if (!stored) throw notFound(rt.group, rt.resource, name);
    return fromStorage(rt, stored);
  }

  list(
    ctx: RequestContext,
    rt: ResourceType,
    namespace: string | undefined,
    options: ListOptions = {},
  ): KubeObject {
    return this.audited(ctx, "list", rt, namespace, undefined, undefined, () =>
      this.listObjects(rt, namespace, options),
    );
  }

  listObjects(rt: ResourceType, namespace: string | undefined, options: ListOptions = {}): KubeObject {
    const filter = this.filterFor(rt, options);
    let items = this.store.list(storageKey(rt), rt.namespaced ? namespace : undefined).filter(filter);
    const rv = String(this.store.resourceVersion());
    const meta: Obj = { resourceVersion: rv };
    if (options.continue) {
      const after = decodeContinue(options.continue);
      items = items.filter((o) => `${o.metadata.namespace ?? ""}/${o.metadata.name}` > after);
    }
    if (options.limit && options.limit > 0 && items.length > options.limit) {
      const page = items.slice(0, options.limit);
      const last = page[page.length - 1] as KubeObject;
      meta.continue = encodeContinue(`${last.metadata.namespace ?? ""}/${last.metadata.name}`);
      meta.remainingItemCount = items.length - page.length;
      items = page;
    }
    return {
      apiVersion: apiVersionOf(rt),
      kind: `${rt.kind}List`,
      metadata: meta as ObjectMeta,
      items: items.map((o) => fromStorage(rt, o)),
    };
  }

  /** A predicate for list and watch from the label and field selectors of a request. */
  filterFor(
    rt: ResourceType,
    options: Pick<ListOptions, "labelSelector" | "fieldSelector">,
  ): (o: KubeObject) => boolean {
    const labels: Selector = options.labelSelector ? parseLabelSelector(options.labelSelector) : [];
    const fields: FieldRequirement[] = options.fieldSelector ? parseFieldSelector(options.fieldSelector) : [];
    validateFieldSelector(rt.kind, fields);
    return (o) => matchesSelector(labels, o.metadata.labels) && matchesFieldSelector(rt.kind, fields, o);
  }

  // ---- writes ------------------------------------------------------------------------------------

  create(ctx: RequestContext, rt: ResourceType, namespace: string | undefined, body: KubeObject): KubeObject {
    return this.audited(ctx, "create", rt, namespace, body?.metadata?.name, body, () => {
      const object = this.prepareCreate(rt, namespace, this.checkFields(ctx, rt, body));
      return this.commitCreate(ctx, rt, object);
    });
  }

  update(
    ctx: RequestContext,
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
    body: KubeObject,
    subresource?: string,
  ): KubeObject {
    return this.audited(ctx, "update", rt, namespace, name, body, () => {
      this.checkBody(rt, body, namespace);
      if (body.metadata.name !== undefined && body.metadata.name !== name) {
        throw badRequest(
          `the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`,
        );
      }
      const old = this.read(rt, namespace, name);
      const rv = body.metadata.resourceVersion;
      if (rv !== undefined && rv !== "" && rv !== old.metadata.resourceVersion) {
        throw conflict(
          rt.group,
          rt.resource,
          name,
          "the object has been modified; please apply your changes to the latest version and try again",
        );
      }
      return this.commitUpdate(ctx, rt, old, this.checkFields(ctx, rt, body), subresource, "Update");
    });
  }

  patch(
    ctx: RequestContext,
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    options: { force?: boolean; subresource?: string } = {},
  ): KubeObject {
    return this.patchWithOutcome(ctx, rt, namespace, name, type, patch, options).object;
  }

  /** `patch`, also telling whether the request created the object (only a server-side apply can). */
  patchWithOutcome(
    ctx: RequestContext,
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    options: { force?: boolean; subresource?: string } = {},
  ): PatchOutcome {
    const outcome = (object: KubeObject, created = false): PatchOutcome => ({ object, created });
    const run = (): PatchOutcome => {
      let old: KubeObject | undefined;
      try {
        old = this.read(rt, namespace, name);
      } catch (e) {
        // Server-side apply creates what does not exist yet.
        if (!(type === "apply" && e instanceof StatusError && e.code === 404)) throw e;
      }
      const definition = definitionForKind(apiVersionOf(rt), rt.kind) ?? "";
      if (type === "apply") {
        const applied = this.checkFields(ctx, rt, patch as KubeObject);
        this.checkBody(rt, applied, namespace);
        const appliedRv = applied.metadata.resourceVersion;
        if (old && appliedRv && appliedRv !== old.metadata.resourceVersion) {
          throw conflict(
            rt.group,
            rt.resource,
            name,
            "the object has been modified; please apply your changes to the latest version and try again",
          );
        }
        const result = serverSideApply(old, applied, {
          manager: this.managerOf(ctx),
          force: options.force ?? false,
          now: this.clock.iso(),
          definitionName: definition,
          ...(options.subresource ? { subresource: options.subresource } : {}),
        });
        if ("conflicts" in result) throw applyConflict(rt, name, result);
        if (!old) {
          const object = this.prepareCreate(rt, namespace, {
            ...result.object,
            metadata: { ...result.object.metadata, name },
          });
          // prepareCreate drops managedFields a client sent; these are the apply's own record of its applier.
          const applierFields = result.object.metadata.managedFields;
          if (applierFields) object.metadata.managedFields = applierFields;
          return outcome(this.commitCreate(ctx, rt, object, true), true);
        }
        return outcome(this.commitUpdate(ctx, rt, old, result.object, options.subresource, "Apply"));
      }
      const current = old as KubeObject;
      const patched =
        type === "json"
          ? applyJsonPatch(current, patch)
          : type === "merge"
            ? applyMergePatch(current, patch)
            : applyStrategicMergePatch(current, patch, definition);
      this.checkFields(ctx, rt, patched, false);
      const rv = patched.metadata?.resourceVersion;
      if (rv && rv !== current.metadata.resourceVersion) {
        throw conflict(
          rt.group,
          rt.resource,
          name,
          "the object has been modified; please apply your changes to the latest version and try again",
        );
      }
      return outcome(this.commitUpdate(ctx, rt, current, patched, options.subresource, "Update"));
    };
    return this.audited(ctx, "patch", rt, namespace, name, patch, run, undefined, (r) =>
      r.created ? 201 : 200,
    );
  }

  delete(
    ctx: RequestContext,
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): KubeObject {
    return this.audited(ctx, "delete", rt, namespace, name, options, () =>
      this.deleteOne(ctx, rt, namespace, name, options),
    );
  }

  deleteCollection(
    ctx: RequestContext,
    rt: ResourceType,
    namespace: string | undefined,
    listOptions: ListOptions,
    options: DeleteOptions = {},
  ): KubeObject {
    return this.audited(ctx, "deletecollection", rt, namespace, undefined, options, () => {
      const list = this.listObjects(rt, namespace, { ...listOptions, limit: 0 });
      const deleted = (list.items as KubeObject[]).map((o) =>
        this.deleteOne(ctx, rt, o.metadata.namespace, o.metadata.name as string, options),
      );
      return { ...list, items: deleted };
    });
  }

  /** Removes an object from storage now: the last step of every deletion. */
  finalizeDeletion(rt: ResourceType, namespace: string | undefined, name: string): void {
    this.store.remove(storageKey(rt), rt.namespaced ? namespace : undefined, name);
  }

  /**
   * pods/binding, as the scheduler posts it: sets spec.nodeName (which no update may change) and the
   * PodScheduled condition, refusing a pod that is already bound or being deleted.
   */
  bind(
    ctx: RequestContext,
    namespace: string,
    name: string,
    nodeName: string,
    annotations: Record<string, string> = {},
  ): KubeObject {
    const pods = findKind("v1", "Pod") as ResourceType;
    const body = {
      apiVersion: "v1",
      kind: "Binding",
      metadata: { name, namespace, ...(Object.keys(annotations).length > 0 ? { annotations } : {}) },
      target: { kind: "Node", name: nodeName },
    };
    const run = () => {
      const current = this.read(pods, namespace, name);
      const spec = (current.spec ?? {}) as Obj;
      if (current.metadata.deletionTimestamp) {
        throw conflict(
          "",
          "pods/binding",
          name,
          `pod ${name} is being deleted, cannot be assigned to a host`,
        );
      }
      if (spec.nodeName) {
        throw conflict(
          "",
          "pods/binding",
          name,
          `pod ${name} is already assigned to node "${spec.nodeName}"`,
        );
      }
      const next = structuredClone(current);
      (next.spec as Obj).nodeName = nodeName;
      if (Object.keys(annotations).length > 0)
        next.metadata.annotations = { ...next.metadata.annotations, ...annotations };
      const status = (next.status ?? {}) as Obj;
      const conditions = [...((status.conditions as Obj[] | undefined) ?? [])];
      const scheduled = {
        type: "PodScheduled",
        status: "True",
        lastProbeTime: null,
        lastTransitionTime: this.clock.iso(),
      };
      const at = conditions.findIndex((c) => c.type === "PodScheduled");
      if (at >= 0) conditions[at] = scheduled;
      else conditions.push(scheduled);
      next.status = { ...status, conditions };
      if (ctx.dryRun) return next;
      return this.store.put(storageKey(pods), next);
    };
    return this.audited(ctx, "create", pods, namespace, name, body, run, "binding");
  }

  /** Runs registry calls that are steps of one request already in the audit log, without logging them again. */
  nested<T>(run: () => T): T {
    this.nestedDepth++;
    try {
      return run();
    } finally {
      this.nestedDepth--;
    }
  }

  // ---- internals ---------------------------------------------------------------------------------

  private deleteOne(
    ctx: RequestContext,
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions,
  ): KubeObject {
    const current = this.read(rt, namespace, name);
    const pre = options.preconditions;
    if (pre?.uid && pre.uid !== current.metadata.uid) {
      throw conflict(
        rt.group,
        rt.resource,
        name,
        `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`,
      );
    }
    if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
      throw conflict(
        rt.group,
        rt.resource,
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`,
      );
    }
    const finalizers = [...(current.metadata.finalizers ?? [])];
    const policy = options.propagationPolicy ?? "Background";
    if (policy === "Orphan" && !finalizers.includes("orphan")) finalizers.push("orphan");
    if (policy === "Foreground" && !finalizers.includes("foregroundDeletion"))
      finalizers.push("foregroundDeletion");
    const graceful = rt.kind === "Pod" && this.podNeedsGrace(current, options.gracePeriodSeconds);
    const namespaceFinalizers =
      rt.kind === "Namespace" &&
      ((current.spec as Obj | undefined)?.finalizers as string[] | undefined)?.length;
    if (ctx.dryRun) return current;
    if (rt.kind === "Pod" && current.metadata.deletionTimestamp) {
      // A terminating pod's grace period may only shrink; at 0 (the kubelet's last step, or
      // `kubectl delete --force`) the pod goes as soon as no finalizer holds it.
      const pending = current.metadata.deletionGracePeriodSeconds ?? 0;
      const requested = options.gracePeriodSeconds;
      const grace = requested !== undefined && requested < pending ? requested : pending;
      if (grace === 0 && finalizers.length === 0) {
        this.finalizeDeletion(rt, namespace, name);
        return current;
      }
      if (grace < pending) {
        const next = structuredClone(current);
        const deadline = Date.parse(current.metadata.deletionTimestamp) + (grace - pending) * 1000;
        next.metadata.deletionTimestamp = this.clock.iso(deadline);
        next.metadata.deletionGracePeriodSeconds = grace;
        return fromStorage(rt, this.store.put(storageKey(rt), toStorage(rt, next)));
      }
    }
    if (finalizers.length > 0 || graceful || namespaceFinalizers || current.metadata.deletionTimestamp) {
      if (
        current.metadata.deletionTimestamp &&
        finalizers.length === (current.metadata.finalizers ?? []).length &&
        !graceful
      ) {
        return current;
      }
      const grace = graceful ? (options.gracePeriodSeconds ?? podGrace(current)) : 0;
      const next = structuredClone(current);
      next.metadata.finalizers = finalizers.length > 0 ? finalizers : undefined;
      if (!next.metadata.finalizers) delete next.metadata.finalizers;
      next.metadata.deletionTimestamp ??= this.clock.iso(this.clock.now() + grace * 1000);
      next.metadata.deletionGracePeriodSeconds = grace;
      if (rt.kind === "Namespace")
        next.status = { ...((next.status as Obj | undefined) ?? {}), phase: "Terminating" };
      return fromStorage(rt, this.store.put(storageKey(rt), toStorage(rt, next)));
    }
    this.finalizeDeletion(rt, namespace, name);
    return current;
  }

  private podNeedsGrace(pod: KubeObject, requested: number | undefined): boolean {
    // Pods that never reached a node or already finished, and force deletions, go at once, as in Kubernetes.
    const nodeName = (pod.spec as Obj | undefined)?.nodeName;
    const phase = (pod.status as Obj | undefined)?.phase;
    if (!nodeName || phase === "Succeeded" || phase === "Failed") return false;
    return (requested ?? podGrace(pod)) > 0;
  }

  /**
   * Fields the kind's schema does not declare: a 400 under fieldValidation=Strict (kubectl's default),
   * otherwise dropped, with a warning under Warn. Returns the object to carry on with (a copy, when `copy`).
   */
  private checkFields(ctx: RequestContext, rt: ResourceType, object: KubeObject, copy = true): KubeObject {
    const owned = copy ? structuredClone(object) : object;
    const definition = definitionForKind(apiVersionOf(rt), rt.kind);
    if (!definition || !owned || typeof owned !== "object") return owned;
    // Controllers and drivers write well-formed objects: only client requests carry a validation mode.
    const mode = ctx.fieldValidation;
    if (mode === undefined) return owned;
    const unknown = unknownFields(definition, owned, { prune: true });
    if (unknown.length === 0 || mode === "Ignore") return owned;
    const list = unknown.map((f) => `unknown field "${f}"`);
    if (mode === "Strict") {
      throw badRequest(
        `${rt.kind} in version "${rt.version}" cannot be handled as a ${rt.kind}: strict decoding error: ${list.join(", ")}`,
      );
    }
    ctx.warnings?.push(...list);
    return owned;
  }

  private checkBody(rt: ResourceType, body: KubeObject, namespace: string | undefined): void {
    if (!body || typeof body !== "object" || Array.isArray(body)) {
      throw badRequest(
        "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf",
      );
    }
    const expected = apiVersionOf(rt);
    if (body.kind !== undefined && body.kind !== rt.kind) {
      const found = findKind(body.apiVersion, body.kind);
      if (!found || found.resource !== rt.resource) {
        throw badRequest(`the kind in the data (${body.kind}) does not match the expected kind (${rt.kind})`);
      }
    }
    if (body.apiVersion !== undefined && body.apiVersion !== expected) {
      const same = findKind(body.apiVersion, rt.kind);
      if (!same)
        throw badRequest(
          `the API version in the data (${body.apiVersion}) does not match the expected API version (${expected})`,
        );
    }
    if (!body.metadata || typeof body.metadata !== "object") body.metadata = {};
    const ns = body.metadata.namespace;
    if (rt.namespaced && ns !== undefined && ns !== "" && namespace !== undefined && ns !== namespace) {
      throw badRequest(
        "the namespace of the provided object does not match the namespace sent on the request",
      );
    }
  }

  private prepareCreate(rt: ResourceType, namespace: string | undefined, body: KubeObject): KubeObject {
    this.checkBody(rt, body, namespace);
    if (body.metadata.resourceVersion) {
      // kube-apiserver's storage refuses this too; agents copying `kubectl get -o yaml` output hit it.
      throw badRequest("resourceVersion should not be set on objects to be created");
    }
    const object = toStorage(rt, structuredClone({ ...body, apiVersion: apiVersionOf(rt), kind: rt.kind }));
    const meta = object.metadata;
    if (rt.namespaced) {
      meta.namespace = namespace ?? meta.namespace ?? "default";
      const ns = this.store.get("namespaces", undefined, meta.namespace);
      if (!ns) throw notFound("", "namespaces", meta.namespace);
      if (ns.metadata.deletionTimestamp) {
        throw new StatusError(
          403,
          "Forbidden",
          `${rt.kind.toLowerCase()}s "${meta.name ?? meta.generateName ?? ""}" is forbidden: unable to create new content in namespace ${meta.namespace} because it is being terminated`,
        );
      }
    } else {
      delete meta.namespace;
    }
    if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${this.nameSuffix()}`;
    meta.uid = this.newUid();
    meta.creationTimestamp = this.clock.iso();
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    delete meta.managedFields;
    if (GENERATION_KINDS.has(rt.kind)) meta.generation = 1;
    else delete meta.generation;
    if (STATUS_RESET_ON_CREATE.has(rt.kind)) delete object.status;
    applyDefaults(object);
    applyCreateStrategy(this.store, object, this.random);
    return object;
  }

  private commitCreate(
    ctx: RequestContext,
    rt: ResourceType,
    object: KubeObject,
    applied = false,
  ): KubeObject {
    const name = object.metadata.name ?? "";
    const causes = validateObject(object);
    if (causes.length > 0) throw invalid(rt.kind, rt.group, name, causes);
    if (this.store.get(storageKey(rt), object.metadata.namespace, name))
      throw alreadyExists(rt.group, rt.resource, name);
    for (const hook of this.admission) hook("create", rt, object, undefined, ctx);
    const withFields = applied
      ? object
      : recordUpdate(undefined, object, this.managerOf(ctx), "Update", this.clock.iso());
    if (ctx.dryRun) return fromStorage(rt, withFields);
    return fromStorage(rt, this.store.put(storageKey(rt), withFields));
  }

  private commitUpdate(
    ctx: RequestContext,
    rt: ResourceType,
    old: KubeObject,
    incoming: KubeObject,
    subresource: string | undefined,
    operation: "Update" | "Apply",
  ): KubeObject {
    const oldStored = toStorage(rt, old);
    let next = toStorage(rt, { ...incoming, apiVersion: apiVersionOf(rt), kind: rt.kind });
    const hasStatus = rt.subresources.includes("status");
    if (subresource === "status") {
      next = { ...oldStored, status: next.status, metadata: oldStored.metadata };
    } else if (hasStatus) {
      next = { ...next, status: oldStored.status };
      if (next.status === undefined) delete next.status;
    }
    // System fields are the server's, whatever the client sent.
    const meta: ObjectMeta = {
      ...next.metadata,
      name: oldStored.metadata.name,
      uid: oldStored.metadata.uid,
      creationTimestamp: oldStored.metadata.creationTimestamp,
      resourceVersion: oldStored.metadata.resourceVersion,
    };
    if (oldStored.metadata.namespace) meta.namespace = oldStored.metadata.namespace;
    if (oldStored.metadata.deletionTimestamp) {
      meta.deletionTimestamp = oldStored.metadata.deletionTimestamp;
      meta.deletionGracePeriodSeconds = oldStored.metadata.deletionGracePeriodSeconds;
    } else {
      delete meta.deletionTimestamp;
      delete meta.deletionGracePeriodSeconds;
    }
    if (oldStored.metadata.generation !== undefined) meta.generation = oldStored.metadata.generation;
    next.metadata = meta;
    applyDefaults(next);
    if (GENERATION_KINDS.has(rt.kind) && subresource !== "status" && specChanged(oldStored, next)) {
      meta.generation = (oldStored.metadata.generation ?? 0) + 1;
    }
    const causes = [...validateObject(next), ...validateUpdate(oldStored, next)];
    if (causes.length > 0) throw invalid(rt.kind, rt.group, meta.name ?? "", causes);
    for (const hook of this.admission) hook("update", rt, next, oldStored, ctx);
    const withFields =
      operation === "Apply"
        ? next
        : recordUpdate(oldStored, next, this.managerOf(ctx), "Update", this.clock.iso(), subresource);
    if (ctx.dryRun) return fromStorage(rt, withFields);
    if (JSON.stringify(withFields) === JSON.stringify(oldStored)) return old;
    const stored = this.store.put(storageKey(rt), withFields);
    if (
      stored.metadata.deletionTimestamp &&
      (stored.metadata.finalizers ?? []).length === 0 &&
      rt.kind !== "Pod" &&
      rt.kind !== "Namespace"
    ) {
      // The last finalizer is gone: the deletion that was waiting for it completes now.
      this.finalizeDeletion(rt, stored.metadata.namespace, stored.metadata.name as string);
    }
    return fromStorage(rt, stored);
  }

  private managerOf(ctx: RequestContext): string {
    return ctx.fieldManager ?? ctx.user.username;
  }

  /**
   * Runs one request of `ctx.user` and records it in the audit log with its outcome: `codeOf` the result,
   * by default 201 for a create and 200 otherwise.
   * Public for the requests that are not plain object writes, such as serviceaccounts/token.
   */
  audited<T>(
    ctx: RequestContext,
    verb: string,
    rt: ResourceType,
    namespace: string | undefined,
    name: string | undefined,
    body: unknown,
    run: () => T,
    subresource?: string,
    codeOf: (result: T) => number = () => (verb === "create" ? 201 : 200),
  ): T {
    if (this.nestedDepth > 0) return run();
    const entry = {
      time: this.clock.isoMicro(),
      user: ctx.user.username,
      verb,
      resource: qualifiedResource(rt.group, rt.resource),
      ...(subresource ? { subresource } : {}),
      ...(rt.namespaced && namespace ? { namespace } : {}),
      ...(name ? { name } : {}),
      ...(body !== undefined ? { requestBody: body } : {}),
      ...(ctx.dryRun ? { dryRun: true } : {}),
    };
    try {
      const result = run();
      this.audit.record({ ...entry, code: codeOf(result) });
      return result;
    } catch (e) {
      this.audit.record({ ...entry, code: e instanceof StatusError ? e.code : 500 });
      throw e;
    }
  }
}

function specChanged(a: KubeObject, b: KubeObject): boolean {
  const strip = ({ metadata, status, ...rest }: KubeObject) => JSON.stringify(rest);
  return strip(a) !== strip(b);
}

function podGrace(pod: KubeObject): number {
  const v = (pod.spec as Obj | undefined)?.terminationGracePeriodSeconds;
  return typeof v === "number" ? v : 30;
}

function encodeContinue(afterKey: string): string {
  return Buffer.from(JSON.stringify({ v: "meta.k8s.io/v1", start: afterKey })).toString("base64url");
}

function decodeContinue(token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { start?: unknown };
    if (typeof parsed.start === "string") return parsed.start;
  } catch {
    // fall through to the error below
  }
  throw badRequest(
    "continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)",
  );
}

function applyConflict(
  rt: ResourceType,
  name: string,
  result: { conflicts: ApplyConflict[]; message: string },
): StatusError {
  return new StatusError(409, "Conflict", result.message, {
    name,
    group: rt.group || undefined,
    kind: rt.resource,
    causes: result.conflicts.map((c) => ({
      reason: "FieldManagerConflict",
      message: `conflict with ${c.description}`,
      field: c.field,
    })),
  });
}

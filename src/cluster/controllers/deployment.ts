/**
 * The Deployment controller: one ReplicaSet per pod template (named by its pod-template-hash), revisions
 * in annotations, RollingUpdate within maxSurge/maxUnavailable, Recreate, proportional scaling while a
 * rollout is under way, pause, history cleanup, and status with the Available and Progressing conditions
 * (including ProgressDeadlineExceeded on the virtual clock), as pkg/controller/deployment does it.
 */
import type { Deployment, DeploymentStatus, ReplicaSet } from "kubernetes-types/apps/v1.js";
import { StatusError } from "../errors.js";
import { findResourceType } from "../resources.js";
import type { KubeObject } from "../types.js";
import { type ControllerContext, controllerIdentity } from "./controller.js";
import { ControllerQueue, keyOf, splitKey } from "./controller-queue.js";
import { claim, controllerOf, controllerRefTo, ownersSelecting } from "./controller-ref.js";
import {
  active,
  byCreation,
  bySize,
  calculateStatus,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  equalIgnoreHash,
  findActiveOrLatest,
  findNewReplicaSet,
  getCondition,
  HASH_LABEL,
  hasProgressDeadline,
  isSaturated,
  maxRevision,
  maxSurge,
  maxUnavailable,
  newCondition,
  newRSNewReplicas,
  proportion,
  REVISION,
  removeCondition,
  replicasAnnotationsNeedUpdate,
  replicasOf,
  revisionOf,
  setCondition,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  sumSpec,
  sumStatus,
} from "./deployment-util.js";
import { EventRecorder } from "./events.js";
import { isPodActive, phaseOf } from "./pod-template.js";
import { asReplicaSet, REPLICA_SETS } from "./replicaset.js";
import { semanticEqual, templateHash } from "./revisions.js";
import { omitEmpty } from "./status.js";

const ME = controllerIdentity("deployment-controller");
const COMPONENT = "deployment-controller";
const DEPLOYMENTS = findResourceType("apps", "v1", "deployments") as NonNullable<
  ReturnType<typeof findResourceType>
>;
const D_KEY = "deployments.apps";
const RS_KEY = "replicasets.apps";

const asDeployment = (o: KubeObject) => o as unknown as Deployment;
const asObject = (o: Deployment | ReplicaSet) => o as unknown as KubeObject;

export function startDeploymentController({ api, clock }: ControllerContext): void {
  const recorder = new EventRecorder(api, ME);
  const queue = new ControllerQueue(clock, "deployment", (key) => {
    const [ns, name] = splitKey(key);
    const stored = api.store.get(D_KEY, ns, name);
    if (stored) new DeploymentSync(asDeployment(structuredClone(stored))).run();
  });

  /** One sync of one Deployment, on a working copy `d` that the steps update as they write. */
  class DeploymentSync {
    constructor(private d: Deployment) {}

    private get ns(): string | undefined {
      return this.d.metadata?.namespace;
    }

    private get key(): string {
      return keyOf(this.ns, this.d.metadata?.name);
    }

    run(): void {
      const d = this.d;
      const selector = d.spec?.selector;
      if (
        Object.keys(selector?.matchLabels ?? {}).length === 0 &&
        (selector?.matchExpressions ?? []).length === 0
      ) {
        recorder.record(
          asObject(d),
          "Warning",
          "SelectingAll",
          "This deployment is selecting all pods. A non-empty selector is required.",
          { component: COMPONENT },
        );
        return;
      }
      const rsList = this.claimReplicaSets();
      if (d.metadata?.deletionTimestamp) {
        const [newRS, old] = this.replicaSetsAndSyncRevision(rsList, false);
        this.syncStatus(withNew(old, newRS), newRS);
        return;
      }
      this.checkPausedConditions();
      if (d.spec?.paused) {
        this.sync(rsList);
        return;
      }
      if (this.isScalingEvent(rsList)) {
        this.sync(rsList);
        return;
      }
      if (d.spec?.strategy?.type === "Recreate") this.rolloutRecreate(rsList);
      else this.rolloutRolling(rsList);
    }

    // ---- reading ---------------------------------------------------------------------------------

    private claimReplicaSets(): ReplicaSet[] {
      const candidates = api.store.list(RS_KEY, this.ns);
      return claim(api, ME, REPLICA_SETS, asObject(this.d), candidates).map(asReplicaSet);
    }

    /** Pods of each owned ReplicaSet, by ReplicaSet uid (what Recreate waits on). */
    private podsByReplicaSet(rsList: ReplicaSet[]): Map<string, KubeObject[]> {
      const uids = new Set(rsList.map((rs) => rs.metadata?.uid));
      const map = new Map<string, KubeObject[]>();
      for (const pod of api.store.list("pods", this.ns)) {
        const owner = controllerOf(pod)?.uid;
        if (owner && uids.has(owner)) map.set(owner, [...(map.get(owner) ?? []), pod]);
      }
      return map;
    }

    /**
     * The new ReplicaSet (created when asked and missing) and the old ones, with the new one's revision
     * annotations brought up to date and the Deployment's revision following it.
     */
    private replicaSetsAndSyncRevision(
      rsList: ReplicaSet[],
      createIfMissing: boolean,
    ): [ReplicaSet | undefined, ReplicaSet[]] {
      const existingNew = findNewReplicaSet(this.d, rsList);
      const old = rsList.filter((rs) => rs !== existingNew);
      const newRevision = maxRevision(old) + 1;
      if (existingNew) return [this.syncExistingNew(existingNew, newRevision), old];
      if (!createIfMissing) return [undefined, old];
      return [this.createNewReplicaSet(old, newRevision), old];
    }

    private syncExistingNew(rs: ReplicaSet, newRevision: number): ReplicaSet {
      const d = this.d;
      const copy = structuredClone(rs);
      const annotationsChanged = setNewReplicaSetAnnotations(d, copy, newRevision, true);
      const minReady = d.spec?.minReadySeconds ?? 0;
      if (annotationsChanged || (copy.spec?.minReadySeconds ?? 0) !== minReady) {
        if (copy.spec) copy.spec.minReadySeconds = minReady;
        return this.updateReplicaSet(copy);
      }
      let needsUpdate = this.setRevision(copy.metadata?.annotations?.[REVISION]);
      if (hasProgressDeadline(d) && !getCondition(d.status, "Progressing")) {
        d.status ??= {};
        setCondition(
          d.status,
          newCondition(
            "Progressing",
            "True",
            "FoundNewReplicaSet",
            `Found new replica set "${copy.metadata?.name}"`,
            clock.iso(),
          ),
        );
        needsUpdate = true;
      }
      if (needsUpdate) this.writeDeployment();
      return copy;
    }

    private createNewReplicaSet(old: ReplicaSet[], newRevision: number): ReplicaSet | undefined {
      const d = this.d;
      const hash = templateHash(d.spec?.template, d.status?.collisionCount);
      const template = structuredClone(d.spec?.template ?? {});
      template.metadata ??= {};
      template.metadata.labels = { ...(template.metadata.labels ?? {}), [HASH_LABEL]: hash };
      const selector = structuredClone(d.spec?.selector ?? {});
      selector.matchLabels = { ...(selector.matchLabels ?? {}), [HASH_LABEL]: hash };
      const name = `${d.metadata?.name}-${hash}`;
      const draft: ReplicaSet = {
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        metadata: {
          name,
          namespace: this.ns,
          ownerReferences: [controllerRefTo(asObject(d))],
          labels: template.metadata.labels,
        },
        spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector, template },
      };
      const replicas = newRSNewReplicas(d, [...old, draft], draft);
      (draft.spec as { replicas: number }).replicas = replicas;
      setNewReplicaSetAnnotations(d, draft, newRevision, false);
      let created: ReplicaSet;
      let alreadyExisted = false;
      try {
        created = asReplicaSet(api.create(ME, REPLICA_SETS, this.ns, asObject(draft)));
      } catch (e) {
        if (!(e instanceof StatusError)) throw e;
        const existing = e.code === 409 ? api.store.get(RS_KEY, this.ns, name) : undefined;
        if (
          existing &&
          controllerOf(existing)?.uid === d.metadata?.uid &&
          equalIgnoreHash(asReplicaSet(existing).spec?.template, d.spec?.template)
        ) {
          created = asReplicaSet(existing);
          alreadyExisted = true;
        } else if (existing) {
          // A hash collision: another template hashed to this name. The next hash includes the count.
          d.status ??= {};
          d.status.collisionCount = (d.status.collisionCount ?? 0) + 1;
          this.writeDeployment();
          throw e;
        } else {
          const message = `Failed to create new replica set "${name}": ${e.message}`;
          if (hasProgressDeadline(d)) {
            d.status ??= {};
            setCondition(
              d.status,
              newCondition("Progressing", "False", "ReplicaSetCreateError", message, clock.iso()),
            );
            this.writeDeployment();
          }
          recorder.record(asObject(d), "Warning", "ReplicaSetCreateError", message, { component: COMPONENT });
          throw e;
        }
      }
      if (!alreadyExisted && replicas > 0) {
        recorder.record(
          asObject(d),
          "Normal",
          "ScalingReplicaSet",
          `Scaled up replica set ${created.metadata?.name} from 0 to ${replicas}`,
          { component: COMPONENT },
        );
      }
      let needsUpdate = this.setRevision(String(newRevision));
      if (!alreadyExisted && hasProgressDeadline(d)) {
        d.status ??= {};
        setCondition(
          d.status,
          newCondition(
            "Progressing",
            "True",
            "NewReplicaSetCreated",
            `Created new replica set "${created.metadata?.name}"`,
            clock.iso(),
          ),
        );
        needsUpdate = true;
      }
      if (needsUpdate) this.writeDeployment();
      return created;
    }

    private setRevision(revision: string | undefined): boolean {
      if (revision === undefined) return false;
      this.d.metadata ??= {};
      const meta = this.d.metadata;
      if (meta.annotations?.[REVISION] === revision) return false;
      meta.annotations = { ...(meta.annotations ?? {}), [REVISION]: revision };
      return true;
    }

    // ---- writing ---------------------------------------------------------------------------------

    /**
     * Writes a ReplicaSet the sync changed. The sync may hold a copy older than an update it made itself a
     * moment before (the real controller then fails on a conflict and retries); nothing else can have
     * written in between, so the copy goes on top of the stored version.
     */
    private updateReplicaSet(rs: ReplicaSet): ReplicaSet {
      const name = rs.metadata?.name as string;
      const stored = api.store.get(RS_KEY, this.ns, name);
      const body = asObject(rs);
      body.metadata.resourceVersion = stored?.metadata.resourceVersion;
      return asReplicaSet(api.update(ME, REPLICA_SETS, this.ns, name, body));
    }

    /**
     * Writes the working copy's annotations and status. The Deployment status strategy lets annotations
     * through (that is how the revision annotation lands); here they go through the main resource.
     */
    private writeDeployment(): void {
      const name = this.d.metadata?.name as string;
      const stored = api.store.get(D_KEY, this.ns, name);
      if (!stored) return;
      if (!semanticEqual(stored.metadata.annotations, this.d.metadata?.annotations)) {
        api.patch(ME, DEPLOYMENTS, this.ns, name, "merge", {
          metadata: { annotations: { ...(this.d.metadata?.annotations ?? {}) } },
        });
      }
      const status = omitEmpty({ ...(this.d.status ?? {}) } as Record<string, unknown>, []);
      if (!semanticEqual(stored.status ?? {}, status)) {
        const current = api.read(DEPLOYMENTS, this.ns, name);
        api.update(ME, DEPLOYMENTS, this.ns, name, { ...current, status }, "status");
      }
    }

    /**
     * Sets a ReplicaSet's size and the replica annotations (which also follow the Deployment's size when
     * the ReplicaSet's own does not change); returns the ReplicaSet as stored and whether it was resized.
     */
    private scaleReplicaSet(rs: ReplicaSet, newScale: number): { scaled: boolean; rs: ReplicaSet } {
      const d = this.d;
      const desired = replicasOf(d);
      const max = desired + maxSurge(d);
      const from = replicasOf(rs);
      const scaled = from !== newScale;
      if (!scaled && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled, rs };
      const copy = structuredClone(rs);
      copy.spec ??= { selector: {} };
      copy.spec.replicas = newScale;
      setReplicasAnnotations(copy, desired, max);
      const updated = this.updateReplicaSet(copy);
      if (scaled) {
        recorder.record(
          asObject(d),
          "Normal",
          "ScalingReplicaSet",
          `Scaled ${from < newScale ? "up" : "down"} replica set ${rs.metadata?.name} from ${from} to ${newScale}`,
          { component: COMPONENT },
        );
      }
      return { scaled, rs: updated };
    }

    /** scaleReplicaSet, only when the size changes. */
    private scaleAndRecord(rs: ReplicaSet, newScale: number): { scaled: boolean; rs: ReplicaSet } {
      if (replicasOf(rs) === newScale) return { scaled: false, rs };
      return this.scaleReplicaSet(rs, newScale);
    }

    // ---- strategies ------------------------------------------------------------------------------

    private checkPausedConditions(): void {
      const d = this.d;
      if (!hasProgressDeadline(d)) return;
      const c = getCondition(d.status, "Progressing");
      if (c?.reason === "ProgressDeadlineExceeded") return;
      const pausedShown = c?.reason === "DeploymentPaused";
      d.status ??= {};
      if (d.spec?.paused && !pausedShown) {
        setCondition(
          d.status,
          newCondition("Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", clock.iso()),
        );
      } else if (!d.spec?.paused && pausedShown) {
        setCondition(
          d.status,
          newCondition("Progressing", "Unknown", "DeploymentResumed", "Deployment is resumed", clock.iso()),
        );
      } else return;
      this.writeDeployment();
    }

    /** A change of spec.replicas alone: some active ReplicaSet was sized for another desired count. */
    private isScalingEvent(rsList: ReplicaSet[]): boolean {
      const [newRS, old] = this.replicaSetsAndSyncRevision(rsList, false);
      return active(withNew(old, newRS)).some((rs) => {
        const desired = Number.parseInt(
          rs.metadata?.annotations?.["deployment.kubernetes.io/desired-replicas"] ?? "",
          10,
        );
        return Number.isFinite(desired) && desired !== replicasOf(this.d);
      });
    }

    /** Scaling without a rollout (paused, or only spec.replicas changed). */
    private sync(rsList: ReplicaSet[]): void {
      const [newRS, old] = this.replicaSetsAndSyncRevision(rsList, false);
      this.scale(newRS, old);
      if (this.d.spec?.paused) this.cleanup(old);
      this.syncStatus(withNew(old, newRS), newRS);
    }

    /** Brings the ReplicaSets to the Deployment's size, spreading a change in proportion during a rollout. */
    private scale(newRS: ReplicaSet | undefined, old: ReplicaSet[]): void {
      const d = this.d;
      const only = findActiveOrLatest(newRS, old);
      if (only) {
        if (replicasOf(only) !== replicasOf(d)) this.scaleAndRecord(only, replicasOf(d));
        return;
      }
      if (isSaturated(d, newRS)) {
        for (const rs of active(old)) this.scaleAndRecord(rs, 0);
        return;
      }
      if (d.spec?.strategy?.type === "Recreate") return;
      const all = active(withNew(old, newRS));
      const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
      const toAdd = allowed - sumSpec(all);
      if (toAdd > 0) all.sort(bySize(true));
      else if (toAdd < 0) all.sort(bySize(false));
      let added = 0;
      const sizes = all.map((rs) => {
        if (toAdd === 0) return replicasOf(rs);
        const share = proportion(rs, d, toAdd, added);
        added += share;
        return replicasOf(rs) + share;
      });
      all.forEach((rs, i) => {
        const size = i === 0 && toAdd !== 0 ? Math.max(0, (sizes[i] ?? 0) + toAdd - added) : (sizes[i] ?? 0);
        this.scaleReplicaSet(rs, size);
      });
    }

    // The status written after a scaling step is computed from the ReplicaSets as they were before it,
    // as the real controller does; the ReplicaSet updates trigger the next sync, which catches up.
    private rolloutRolling(rsList: ReplicaSet[]): void {
      const [newRS, old] = this.replicaSetsAndSyncRevision(rsList, true);
      if (!newRS) return;
      const all = withNew(old, newRS);
      if (this.reconcileNew(all, newRS) || this.reconcileOld(all, active(old), newRS)) {
        this.syncRolloutStatus(all, newRS);
        return;
      }
      if (deploymentComplete(this.d, this.d.status ?? {})) this.cleanup(old);
      this.syncRolloutStatus(all, newRS);
    }

    private reconcileNew(all: ReplicaSet[], newRS: ReplicaSet): boolean {
      const want = replicasOf(this.d);
      if (replicasOf(newRS) === want) return false;
      if (replicasOf(newRS) > want) return this.scaleAndRecord(newRS, want).scaled;
      return this.scaleAndRecord(newRS, newRSNewReplicas(this.d, all, newRS)).scaled;
    }

    /** Scales old ReplicaSets down as far as availability allows, unhealthy replicas first. */
    private reconcileOld(all: ReplicaSet[], old: ReplicaSet[], newRS: ReplicaSet): boolean {
      if (sumSpec(old) === 0) return false;
      const d = this.d;
      const minAvailable = replicasOf(d) - maxUnavailable(d);
      const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
      const maxScaledDown = sumSpec(all) - minAvailable - newUnavailable;
      if (maxScaledDown <= 0) return false;
      // Unhealthy replicas of old ReplicaSets can go without lowering availability.
      const sorted = [...old].sort(byCreation);
      let cleaned = 0;
      for (let i = 0; i < sorted.length; i++) {
        const rs = sorted[i] as ReplicaSet;
        if (cleaned >= maxScaledDown) break;
        const unhealthy = replicasOf(rs) - (rs.status?.availableReplicas ?? 0);
        if (replicasOf(rs) === 0 || unhealthy === 0) continue;
        const count = Math.min(maxScaledDown - cleaned, unhealthy);
        sorted[i] = this.scaleAndRecord(rs, replicasOf(rs) - count).rs;
        cleaned += count;
      }
      // Then available old replicas, as far as the new ones make up for them.
      let scaledDown = 0;
      const available = sumStatus([...sorted, newRS], "availableReplicas");
      if (available > minAvailable) {
        const total = available - minAvailable;
        for (const rs of sorted) {
          if (scaledDown >= total) break;
          if (replicasOf(rs) === 0) continue;
          const count = Math.min(replicasOf(rs), total - scaledDown);
          this.scaleAndRecord(rs, replicasOf(rs) - count);
          scaledDown += count;
        }
      }
      return cleaned + scaledDown > 0;
    }

    private rolloutRecreate(rsList: ReplicaSet[]): void {
      let [newRS, old] = this.replicaSetsAndSyncRevision(rsList, false);
      let scaledDown = false;
      for (const rs of active(old)) scaledDown = this.scaleAndRecord(rs, 0).scaled || scaledDown;
      if (scaledDown || this.oldPodsRunning(newRS, old, this.podsByReplicaSet(rsList))) {
        this.syncRolloutStatus(withNew(old, newRS), newRS);
        return;
      }
      if (!newRS) [newRS, old] = this.replicaSetsAndSyncRevision(rsList, true);
      if (!newRS) return;
      this.scaleAndRecord(newRS, replicasOf(this.d));
      if (deploymentComplete(this.d, this.d.status ?? {})) this.cleanup(old);
      this.syncRolloutStatus(withNew(old, newRS), newRS);
    }

    private oldPodsRunning(
      newRS: ReplicaSet | undefined,
      old: ReplicaSet[],
      pods: Map<string, KubeObject[]>,
    ): boolean {
      if (sumStatus(old, "replicas") > 0) return true;
      for (const [uid, list] of pods) {
        if (newRS && newRS.metadata?.uid === uid) continue;
        if (list.some((p) => phaseOf(p) !== "Failed" && phaseOf(p) !== "Succeeded")) return true;
      }
      return false;
    }

    /** Deletes the oldest empty ReplicaSets beyond revisionHistoryLimit. */
    private cleanup(old: ReplicaSet[]): void {
      const limit = this.d.spec?.revisionHistoryLimit;
      if (limit === undefined) return;
      const cleanable = old.filter((rs) => !rs.metadata?.deletionTimestamp);
      const excess = cleanable.length - limit;
      if (excess <= 0) return;
      cleanable.sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
      for (const rs of cleanable.slice(0, excess)) {
        if (
          (rs.status?.replicas ?? 0) !== 0 ||
          replicasOf(rs) !== 0 ||
          (rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0)
        )
          continue;
        try {
          api.delete(ME, REPLICA_SETS, this.ns, rs.metadata?.name as string);
        } catch (e) {
          if (!(e instanceof StatusError && e.code === 404)) throw e;
        }
      }
    }

    // ---- status ----------------------------------------------------------------------------------

    private syncStatus(all: ReplicaSet[], newRS: ReplicaSet | undefined): void {
      this.d.status = calculateStatus(all, newRS, this.d, clock.iso());
      this.writeDeployment();
    }

    /** Status plus the Progressing condition: complete, progressing, or past its deadline. */
    private syncRolloutStatus(all: ReplicaSet[], newRS: ReplicaSet | undefined): void {
      const d = this.d;
      const now = clock.iso();
      const status: DeploymentStatus = calculateStatus(all, newRS, d, now);
      if (!hasProgressDeadline(d)) removeCondition(status, "Progressing");
      const current = getCondition(d.status, "Progressing");
      const complete =
        status.replicas === status.updatedReplicas && current?.reason === "NewReplicaSetAvailable";
      const rsName = newRS?.metadata?.name;
      if (hasProgressDeadline(d) && !complete) {
        if (deploymentComplete(d, status)) {
          const msg = rsName
            ? `ReplicaSet "${rsName}" has successfully progressed.`
            : `Deployment "${d.metadata?.name}" has successfully progressed.`;
          setCondition(status, newCondition("Progressing", "True", "NewReplicaSetAvailable", msg, now));
        } else if (deploymentProgressing(d, status)) {
          const msg = rsName
            ? `ReplicaSet "${rsName}" is progressing.`
            : `Deployment "${d.metadata?.name}" is progressing.`;
          const condition = newCondition("Progressing", "True", "ReplicaSetUpdated", msg, now);
          if (current?.status === "True") condition.lastTransitionTime = current.lastTransitionTime;
          removeCondition(status, "Progressing");
          setCondition(status, condition);
        } else if (deploymentTimedOut(d, status, clock.now())) {
          const msg = rsName
            ? `ReplicaSet "${rsName}" has timed out progressing.`
            : `Deployment "${d.metadata?.name}" has timed out progressing.`;
          setCondition(status, newCondition("Progressing", "False", "ProgressDeadlineExceeded", msg, now));
        }
      }
      const failure = all
        .flatMap((rs) => rs.status?.conditions ?? [])
        .find((c) => c.type === "ReplicaFailure" && c.status === "True");
      if (failure) {
        setCondition(
          status,
          newCondition("ReplicaFailure", failure.status, failure.reason ?? "", failure.message ?? "", now),
        );
      } else removeCondition(status, "ReplicaFailure");
      if (
        semanticEqual(
          omitEmpty({ ...(d.status ?? {}) } as Record<string, unknown>),
          omitEmpty({ ...status } as Record<string, unknown>),
        )
      ) {
        this.requeueStuck(status);
        return;
      }
      d.status = status;
      this.writeDeployment();
      if (deploymentComplete(d, status)) queue.cancelWakeup(this.key);
    }

    /**
     * Wakes the Deployment when its progress deadline would pass without progress (a second after it,
     * as the real controller requeues). Unlike the real controller, which retries every few milliseconds
     * once the deadline is near or a finished rollout is only being scaled, it wakes once, strictly after
     * the deadline: a condition that cannot time out (NewReplicaSetAvailable) needs no wake-up at all.
     */
    private requeueStuck(status: DeploymentStatus): void {
      const d = this.d;
      const c = getCondition(d.status, "Progressing");
      if (
        !hasProgressDeadline(d) ||
        !c ||
        deploymentComplete(d, status) ||
        c.reason === "ProgressDeadlineExceeded" ||
        c.reason === "NewReplicaSetAvailable"
      ) {
        queue.cancelWakeup(this.key);
        return;
      }
      const deadline = Date.parse(c.lastUpdateTime ?? "") + (d.spec?.progressDeadlineSeconds ?? 0) * 1000;
      queue.addAt(
        this.key,
        Math.max(deadline - clock.now() < 1000 ? deadline + 1 : deadline + 1000, clock.now() + 1),
      );
    }
  }

  // ---- events ------------------------------------------------------------------------------------

  const enqueue = (o: KubeObject) => queue.add(keyOf(o.metadata.namespace, o.metadata.name));

  function ownerOf(rs: KubeObject): KubeObject | undefined {
    const ref = controllerOf(rs);
    if (ref?.kind !== "Deployment") return undefined;
    const d = api.store.get(D_KEY, rs.metadata.namespace, ref.name);
    return d?.metadata.uid === ref.uid ? d : undefined;
  }

  function onReplicaSet(rs: KubeObject, previous: KubeObject | undefined): void {
    if (previous) {
      const before = controllerOf(previous);
      if (before && before.uid !== controllerOf(rs)?.uid) {
        const old = ownerOf(previous);
        if (old) enqueue(old);
      }
    }
    const owner = ownerOf(rs);
    if (owner) {
      enqueue(owner);
      return;
    }
    if (controllerOf(rs)) return;
    for (const d of ownersSelecting(api, D_KEY, rs.metadata.namespace, rs.metadata.labels)) enqueue(d);
  }

  api.store.subscribe((e) => {
    if (e.resource === D_KEY) enqueue(e.object);
    else if (e.resource === RS_KEY) onReplicaSet(e.object, e.previous);
    else if (e.resource === "pods" && (e.type === "DELETED" || !isPodActive(e.object))) {
      // Recreate waits for the old pods to be gone.
      const ref = controllerOf(e.object);
      const rs =
        ref?.kind === "ReplicaSet" ? api.store.get(RS_KEY, e.object.metadata.namespace, ref.name) : undefined;
      const owner = rs && ownerOf(rs);
      if (owner && asDeployment(owner).spec?.strategy?.type === "Recreate") enqueue(owner);
    }
  });
}

function withNew(old: ReplicaSet[], newRS: ReplicaSet | undefined): ReplicaSet[] {
  return newRS ? [...old, newRS] : [...old];
}

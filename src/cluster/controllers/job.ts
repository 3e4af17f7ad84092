/**
 * The Job controller (1.32 semantics): runs up to `parallelism` pods until `completions` succeed (or one
 * does, without completions), with Indexed completion, suspend, backoffLimit with the 10 s doubling pod
 * failure back-off, and activeDeadlineSeconds. Pods carry the `batch.kubernetes.io/job-tracking`
 * finalizer until the controller has counted them through `status.uncountedTerminatedPods`; the Job
 * first gets SuccessCriteriaMet or FailureTarget, then Complete or Failed once no pod is left running.
 * Also the TTL-after-finished controller, which deletes finished Jobs after ttlSecondsAfterFinished.
 */
import type { Job, JobCondition, JobStatus } from "kubernetes-types/batch/v1.js";
import type { Container } from "kubernetes-types/core/v1.js";
import { StatusError } from "../errors.js";
import { findResourceType } from "../resources.js";
import type { KubeObject } from "../types.js";
import { type ControllerContext, controllerIdentity } from "./controller.js";
import { ControllerQueue, keyOf, RetryLater, splitKey } from "./controller-queue.js";
import { claim, controllerOf, ownersSelecting } from "./controller-ref.js";
import { EventRecorder } from "./events.js";
import {
  compareForDeletion,
  createControlledPod,
  deleteControlledPod,
  isPodActive,
  isPodReady,
  PODS,
  phaseOf,
  podFromTemplate,
  podNamePrefix,
  slowStartBatch,
} from "./pod-template.js";
import { omitEmpty, writeStatus } from "./status.js";

const ME = controllerIdentity("job-controller");
const COMPONENT = "job-controller";
const TTL = controllerIdentity("ttl-after-finished-controller");
const JOB_KEY = "jobs.batch";
export const JOBS = findResourceType("batch", "v1", "jobs") as NonNullable<
  ReturnType<typeof findResourceType>
>;
export const TRACKING_FINALIZER = "batch.kubernetes.io/job-tracking";
const INDEX_KEY = "batch.kubernetes.io/job-completion-index";
const BACKOFF_BASE_MS = 10_000;
const BACKOFF_MAX_MS = 360_000;
/** Pod creations or deletions per sync (MaxPodCreateDeletePerSync). */
const MAX_PER_SYNC = 500;

export const asJob = (o: KubeObject) => o as unknown as Job;

export function jobFinished(job: KubeObject): "Complete" | "Failed" | undefined {
  const c = asJob(job).status?.conditions?.find(
    (x) => (x.type === "Complete" || x.type === "Failed") && x.status === "True",
  );
  return c?.type as "Complete" | "Failed" | undefined;
}

const hasFinalizer = (pod: KubeObject) => (pod.metadata.finalizers ?? []).includes(TRACKING_FINALIZER);
const indexOf = (pod: KubeObject): number => {
  const v = pod.metadata.annotations?.[INDEX_KEY];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : -1;
};

/** With podReplacementPolicy TerminatingOrFailed (the default), a pod being deleted counts as failed. */
function isPodFailed(pod: KubeObject, job: Job): boolean {
  if (phaseOf(pod) === "Failed") return true;
  if (job.spec?.podReplacementPolicy === "Failed") return false;
  return pod.metadata.deletionTimestamp !== undefined && phaseOf(pod) !== "Succeeded";
}

/** "1,3-5,7": Kubernetes' compact form of a set of completion indexes. */
export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(",");
}

function parseIndexes(text: string | undefined): Set<number> {
  const out = new Set<number>();
  for (const part of (text ?? "").split(",").filter(Boolean)) {
    const [from = 0, to = from] = part.split("-").map(Number);
    for (let i = from; i <= to; i++) out.add(i);
  }
  return out;
}

interface Backoff {
  failuresAfterLastSuccess: number;
  lastFailureMs: number;
}

export function startJobController({ api, clock }: ControllerContext): void {
  const recorder = new EventRecorder(api, ME);
  const backoffs = new Map<string, Backoff>();
  const queue = new ControllerQueue(clock, "job", sync);
  const ttlQueue = new ControllerQueue(clock, "ttl-after-finished", expire);
  const orphans = new ControllerQueue(clock, "job orphan pods", releaseOrphan);

  function condition(type: string, reason = "", message = ""): JobCondition {
    const now = clock.iso();
    return { type, status: "True", lastProbeTime: now, lastTransitionTime: now, reason, message };
  }

  function sync(key: string): void {
    const [ns, name] = splitKey(key);
    const stored = api.store.get(JOB_KEY, ns, name);
    if (!stored) {
      backoffs.delete(key);
      return;
    }
    if (jobFinished(stored)) {
      backoffs.delete(key);
      scheduleExpiry(stored);
      return;
    }
    const job = asJob(stored);
    const spec = job.spec;
    const status: JobStatus = structuredClone(job.status ?? {});
    const uncounted = {
      succeeded: [...(status.uncountedTerminatedPods?.succeeded ?? [])],
      failed: [...(status.uncountedTerminatedPods?.failed ?? [])],
    };
    const pods = claim(api, ME, PODS, stored, api.store.list("pods", ns), {
      adoptFinalizers: [TRACKING_FINALIZER],
    });
    const activePods = pods.filter(isPodActive);
    const indexed = spec?.completionMode === "Indexed";
    const completions = spec?.completions;
    const valid = (p: KubeObject) => !indexed || (indexOf(p) >= 0 && indexOf(p) < (completions ?? 0));
    const fresh = (p: KubeObject) => hasFinalizer(p) && valid(p);
    const newSucceeded = pods.filter(
      (p) =>
        fresh(p) && !uncounted.succeeded.includes(p.metadata.uid as string) && phaseOf(p) === "Succeeded",
    );
    const newFailed = pods.filter(
      (p) => fresh(p) && !uncounted.failed.includes(p.metadata.uid as string) && isPodFailed(p, job),
    );
    let succeeded = (status.succeeded ?? 0) + newSucceeded.length + uncounted.succeeded.length;
    const failed = (status.failed ?? 0) + newFailed.length + uncounted.failed.length;
    let terminating = pods.filter((p) => p.metadata.deletionTimestamp && isPodActiveOrTerminating(p)).length;
    let ready = activePods.filter(isPodReady).length;
    const suspended = spec?.suspend === true;
    if (!status.startTime && !suspended) status.startTime = clock.iso();
    const backoff = updateBackoff(key, newSucceeded.length, newFailed.length);

    let finished: JobCondition | undefined = status.conditions?.find(
      (c) => c.type === "SuccessCriteriaMet" && c.status === "True",
    );
    if (!finished) {
      const target = status.conditions?.find((c) => c.type === "FailureTarget" && c.status === "True");
      if (target) finished = condition("Failed", target.reason, target.message);
    }
    if (!finished) {
      const startMs = Date.parse(status.startTime ?? "");
      const deadline = spec?.activeDeadlineSeconds;
      if (failed > (spec?.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, pods)) {
        finished = condition(
          "FailureTarget",
          "BackoffLimitExceeded",
          "Job has reached the specified backoff limit",
        );
      } else if (deadline !== undefined && !suspended && clock.now() - startMs >= deadline * 1000) {
        finished = condition(
          "FailureTarget",
          "DeadlineExceeded",
          "Job was active longer than specified deadline",
        );
      } else if (deadline !== undefined && !suspended) queue.addAt(key, startMs + deadline * 1000);
    }
    let succeededIndexes = new Set<number>();
    if (indexed) {
      succeededIndexes = parseIndexes(status.completedIndexes);
      for (const p of pods) if (phaseOf(p) === "Succeeded" && valid(p)) succeededIndexes.add(indexOf(p));
      succeeded = succeededIndexes.size;
    }

    let active = activePods.length;
    let failure: StatusError | undefined;
    if (finished) {
      let deleted = 0;
      for (const p of activePods) {
        if (deleteControlledPod(api, ME, recorder, COMPONENT, stored, p)) {
          deleted++;
          if (isPodReady(p)) ready--;
        }
      }
      if (deleted !== active) finished = undefined;
      active -= deleted;
      terminating += deleted;
    } else {
      if (!stored.metadata.deletionTimestamp) {
        const managed = manageJob(stored, activePods, succeeded, succeededIndexes, terminating, backoff, key);
        active = managed.active;
        terminating += managed.deleted;
        ready -= managed.deletedReady;
        failure = managed.error;
      }
      const complete =
        completions === undefined || completions === null
          ? succeeded > 0 && active === 0
          : succeeded >= completions && active === 0;
      if (complete) finished = condition("SuccessCriteriaMet");
      else if (!stored.metadata.deletionTimestamp) setSuspended(stored, status, suspended);
    }
    status.active = active;
    status.ready = ready;
    status.terminating = terminating;

    // Count finished pods: record them as uncounted, drop their finalizers, then add them to the counters.
    const release: KubeObject[] = [];
    for (const p of pods) {
      if (!hasFinalizer(p)) continue;
      const considerFailed = isPodFailed(p, job);
      if (!(stored.metadata.deletionTimestamp || finished || phaseOf(p) === "Succeeded" || considerFailed))
        continue;
      release.push(p);
      const uid = p.metadata.uid as string;
      if (phaseOf(p) === "Succeeded" && !uncounted.failed.includes(uid)) {
        if (!indexed && !uncounted.succeeded.includes(uid)) uncounted.succeeded.push(uid);
      } else if (
        (considerFailed || (finished && finished.type !== "SuccessCriteriaMet")) &&
        !uncounted.failed.includes(uid)
      ) {
        if (!indexed || valid(p)) uncounted.failed.push(uid);
      }
    }
    if (indexed) status.completedIndexes = formatIndexes(succeededIndexes) || undefined;
    if (finished?.type === "FailureTarget") {
      status.conditions = [...(status.conditions ?? []), finished];
      finished = condition("Failed", finished.reason, finished.message);
    }
    if (finished?.type === "SuccessCriteriaMet") {
      if (!status.conditions?.some((c) => c.type === "SuccessCriteriaMet"))
        status.conditions = [...(status.conditions ?? []), finished];
      finished = condition("Complete", finished.reason, finished.message);
    }
    status.uncountedTerminatedPods = uncounted;
    let current = write(stored, status);
    for (const p of release) {
      try {
        api.patch(ME, PODS, ns, p.metadata.name as string, "merge", {
          metadata: { finalizers: withoutTracking(p) },
        });
      } catch (e) {
        if (!(e instanceof StatusError && e.code === 404)) throw e;
      }
    }
    status.succeeded = indexed ? succeededIndexes.size : (status.succeeded ?? 0) + uncounted.succeeded.length;
    status.failed = (status.failed ?? 0) + uncounted.failed.length;
    status.uncountedTerminatedPods = {};
    let justFinished = false;
    if (finished && terminating === 0) {
      status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== finished?.type), finished];
      if (finished.type === "Complete") status.completionTime = finished.lastTransitionTime;
      justFinished = true;
    }
    current = write(current, status);
    if (justFinished && finished) {
      if (finished.type === "Complete") {
        if (completions != null && (status.succeeded ?? 0) > completions)
          recorder.record(
            current,
            "Warning",
            "TooManySucceededPods",
            "Too many succeeded pods running after completion count reached",
            { component: COMPONENT },
          );
        recorder.record(current, "Normal", "Completed", "Job completed", { component: COMPONENT });
      } else {
        recorder.record(current, "Warning", finished.reason ?? "", finished.message ?? "", {
          component: COMPONENT,
        });
      }
      scheduleExpiry(current);
    }
    if (failure) throw new RetryLater(failure.message);
  }

  function write(job: KubeObject, status: JobStatus): KubeObject {
    return writeStatus(
      api,
      ME,
      JOBS,
      job,
      omitEmpty({ ...status } as Record<string, unknown>, [
        "ready",
        "terminating",
        "uncountedTerminatedPods",
      ]),
    );
  }

  function setSuspended(job: KubeObject, status: JobStatus, suspended: boolean): void {
    const existing = status.conditions?.find((c) => c.type === "Suspended");
    const [want, reason, message] = suspended
      ? ["True", "JobSuspended", "Job suspended"]
      : ["False", "JobResumed", "Job resumed"];
    if (
      existing
        ? existing.status === want && existing.reason === reason && existing.message === message
        : want === "False"
    )
      return;
    const now = clock.iso();
    const next: JobCondition = {
      type: "Suspended",
      status: want,
      lastProbeTime: now,
      lastTransitionTime: now,
      reason,
      message,
    };
    status.conditions = existing
      ? status.conditions?.map((c) => (c.type === "Suspended" ? next : c))
      : [...(status.conditions ?? []), next];
    recorder.record(job, "Normal", suspended ? "Suspended" : "Resumed", message, { component: COMPONENT });
    // ActiveDeadlineSeconds counts continuous activity: a resumed Job starts its clock again.
    if (!suspended) status.startTime = now;
  }

  function updateBackoff(key: string, newSucceeded: number, newFailed: number): Backoff {
    const b = backoffs.get(key) ?? { failuresAfterLastSuccess: 0, lastFailureMs: 0 };
    if (newSucceeded > 0 && newFailed === 0) {
      b.failuresAfterLastSuccess = 0;
    } else if (newFailed > 0) {
      b.failuresAfterLastSuccess = (newSucceeded > 0 ? 0 : b.failuresAfterLastSuccess) + newFailed;
      b.lastFailureMs = clock.now();
    }
    backoffs.set(key, b);
    return b;
  }

  function manageJob(
    job: KubeObject,
    activePods: KubeObject[],
    succeeded: number,
    succeededIndexes: Set<number>,
    terminating: number,
    backoff: Backoff,
    key: string,
  ): { active: number; deleted: number; deletedReady: number; error?: StatusError } {
    const spec = asJob(job).spec;
    let active = activePods.length;
    const parallelism = spec?.parallelism ?? 1;
    // Pods removed to suspend or scale down are not failures: their finalizer goes first, so they are not counted.
    const remove = (list: KubeObject[]) => {
      let deleted = 0;
      let deletedReady = 0;
      for (const p of list.slice(0, MAX_PER_SYNC)) {
        if (hasFinalizer(p)) {
          try {
            api.patch(ME, PODS, p.metadata.namespace, p.metadata.name as string, "merge", {
              metadata: { finalizers: withoutTracking(p) },
            });
          } catch (e) {
            if (!(e instanceof StatusError && e.code === 404)) throw e;
          }
        }
        if (!deleteControlledPod(api, ME, recorder, COMPONENT, job, p)) continue;
        deleted++;
        if (isPodReady(p)) deletedReady++;
      }
      return { active: active - deleted, deleted, deletedReady };
    };
    if (spec?.suspend) return remove(ranked(activePods));
    const completions = spec?.completions;
    let wantActive: number;
    if (completions === undefined || completions === null) wantActive = succeeded > 0 ? active : parallelism;
    else wantActive = Math.max(0, Math.min(completions - succeeded, parallelism));
    // Indexed: pods whose index is done, duplicated or out of range go first.
    const surplus: KubeObject[] = [];
    if (spec?.completionMode === "Indexed") {
      const seen = new Set<number>();
      for (const p of [...activePods].sort(
        (a, b) =>
          Date.parse(a.metadata.creationTimestamp ?? "") - Date.parse(b.metadata.creationTimestamp ?? ""),
      )) {
        const i = indexOf(p);
        if (i < 0 || i >= (completions ?? 0) || seen.has(i) || succeededIndexes.has(i)) surplus.push(p);
        else seen.add(i);
      }
    }
    const rmAtLeast = Math.max(0, active - wantActive);
    if (surplus.length < rmAtLeast) {
      const rest = ranked(activePods.filter((p) => !surplus.includes(p)));
      surplus.push(...rest.slice(0, rmAtLeast - surplus.length));
    }
    if (surplus.length > 0) return remove(surplus);
    const replaceOnlyFailed = spec?.podReplacementPolicy === "Failed";
    let diff = wantActive - (replaceOnlyFailed ? terminating : 0) - active;
    if (diff <= 0) return { active, deleted: 0, deletedReady: 0 };
    if (backoff.failuresAfterLastSuccess > 0) {
      const delay = Math.min(BACKOFF_BASE_MS * 2 ** (backoff.failuresAfterLastSuccess - 1), BACKOFF_MAX_MS);
      const remaining = delay - (clock.now() - backoff.lastFailureMs);
      if (remaining > 0) {
        queue.addAfter(key, remaining);
        return { active, deleted: 0, deletedReady: 0 };
      }
    }
    diff = Math.min(diff, MAX_PER_SYNC);
    const indexes: number[] = [];
    if (spec?.completionMode === "Indexed") {
      const taken = new Set([...activePods.map(indexOf), ...succeededIndexes]);
      for (let i = 0; i < (completions ?? 0) && indexes.length < diff; i++)
        if (!taken.has(i)) indexes.push(i);
      diff = indexes.length;
    }
    const name = job.metadata.name as string;
    const result = slowStartBatch(diff, () => {
      const index = indexes.shift();
      const template = structuredClone(spec?.template ?? {});
      const options =
        index === undefined
          ? { finalizers: [TRACKING_FINALIZER] }
          : {
              generateName: `${podNamePrefix(name)}${index}-`,
              finalizers: [TRACKING_FINALIZER],
              annotations: { [INDEX_KEY]: String(index) },
              labels: { [INDEX_KEY]: String(index) },
              spec: {
                hostname: `${name}-${index}`,
                containers: withIndexEnv(template.spec?.containers ?? []),
              },
            };
      return createControlledPod(api, ME, recorder, COMPONENT, job, podFromTemplate(template, job, options));
    });
    active += result.created;
    return result.error
      ? { active, deleted: 0, deletedReady: 0, error: result.error }
      : { active, deleted: 0, deletedReady: 0 };
  }

  function ranked(pods: KubeObject[]): KubeObject[] {
    return [...pods].sort((a, b) => compareForDeletion(a, b, () => 0, clock.now()));
  }

  // ---- TTL after finished ----------------------------------------------------------------------

  function finishTime(job: KubeObject): number | undefined {
    const c = asJob(job).status?.conditions?.find(
      (x) => (x.type === "Complete" || x.type === "Failed") && x.status === "True",
    );
    return c?.lastTransitionTime ? Date.parse(c.lastTransitionTime) : undefined;
  }

  function scheduleExpiry(job: KubeObject): void {
    const ttl = asJob(job).spec?.ttlSecondsAfterFinished;
    const finishedAt = finishTime(job);
    if (ttl === undefined || ttl === null || finishedAt === undefined || job.metadata.deletionTimestamp)
      return;
    ttlQueue.addAt(keyOf(job.metadata.namespace, job.metadata.name), finishedAt + ttl * 1000);
  }

  function expire(key: string): void {
    const [ns, name] = splitKey(key);
    const job = api.store.get(JOB_KEY, ns, name);
    if (!job || job.metadata.deletionTimestamp) return;
    const ttl = asJob(job).spec?.ttlSecondsAfterFinished;
    const finishedAt = finishTime(job);
    if (ttl === undefined || ttl === null || finishedAt === undefined) return;
    if (clock.now() < finishedAt + ttl * 1000) {
      ttlQueue.addAt(key, finishedAt + ttl * 1000);
      return;
    }
    api.delete(TTL, JOBS, ns, name, {
      propagationPolicy: "Foreground",
      preconditions: { uid: job.metadata.uid },
    });
  }

  // ---- orphan pods -----------------------------------------------------------------------------

  /** A pod that still carries the tracking finalizer but whose Job is gone or done: let it go. */
  function releaseOrphan(key: string): void {
    const [ns, name] = splitKey(key);
    const pod = api.store.get("pods", ns, name);
    if (!pod || !hasFinalizer(pod)) return;
    const ref = controllerOf(pod);
    if (ref) {
      if (ref.kind !== "Job" || ref.apiVersion !== "batch/v1") return;
      const job = api.store.get(JOB_KEY, ns, ref.name);
      if (job && job.metadata.uid === ref.uid && !jobFinished(job)) return;
    }
    api.patch(ME, PODS, ns, name, "merge", { metadata: { finalizers: withoutTracking(pod) } });
  }

  const enqueue = (o: KubeObject) => queue.add(keyOf(o.metadata.namespace, o.metadata.name));

  api.store.subscribe((e) => {
    if (e.resource === JOB_KEY) {
      if (e.type !== "DELETED") enqueue(e.object);
      return;
    }
    if (e.resource !== "pods" || e.type === "DELETED") return;
    const pod = e.object;
    const ref = controllerOf(pod);
    if (ref?.kind === "Job") {
      const job = api.store.get(JOB_KEY, pod.metadata.namespace, ref.name);
      if (job && job.metadata.uid === ref.uid && !jobFinished(job))
        queue.add(keyOf(pod.metadata.namespace, ref.name));
      else if (hasFinalizer(pod)) orphans.add(keyOf(pod.metadata.namespace, pod.metadata.name));
    } else if (!ref) {
      if (hasFinalizer(pod)) orphans.add(keyOf(pod.metadata.namespace, pod.metadata.name));
      for (const job of ownersSelecting(api, JOB_KEY, pod.metadata.namespace, pod.metadata.labels))
        enqueue(job);
    }
    if (e.previous) {
      const before = controllerOf(e.previous);
      if (before?.kind === "Job" && before.uid !== ref?.uid)
        queue.add(keyOf(pod.metadata.namespace, before.name));
    }
  });
}

/** The pod's finalizers without the tracking one; null (none) when nothing is left, as the API server stores it. */
function withoutTracking(pod: KubeObject): string[] | null {
  const rest = (pod.metadata.finalizers ?? []).filter((f) => f !== TRACKING_FINALIZER);
  return rest.length > 0 ? rest : null;
}

function isPodActiveOrTerminating(pod: KubeObject): boolean {
  const phase = phaseOf(pod);
  return phase !== "Succeeded" && phase !== "Failed";
}

/** restartPolicy OnFailure: container restarts count against backoffLimit. */
function pastBackoffLimitOnFailure(job: Job, pods: KubeObject[]): boolean {
  if (job.spec?.template.spec?.restartPolicy !== "OnFailure") return false;
  let restarts = 0;
  for (const p of pods) {
    if (phaseOf(p) !== "Running" && phaseOf(p) !== "Pending") continue;
    const status = p.status as
      | {
          containerStatuses?: { restartCount?: number }[];
          initContainerStatuses?: { restartCount?: number }[];
        }
      | undefined;
    for (const s of [...(status?.initContainerStatuses ?? []), ...(status?.containerStatuses ?? [])])
      restarts += s.restartCount ?? 0;
  }
  const limit = job.spec?.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

/** Indexed pods learn their index from JOB_COMPLETION_INDEX. */
function withIndexEnv(containers: Container[]): Container[] {
  return containers.map((c) =>
    (c.env ?? []).some((e) => e.name === "JOB_COMPLETION_INDEX")
      ? c
      : {
          ...c,
          env: [
            ...(c.env ?? []),
            {
              name: "JOB_COMPLETION_INDEX",
              valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${INDEX_KEY}']` } },
            },
          ],
        },
  );
}

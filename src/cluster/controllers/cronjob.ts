/**
 * The CronJob controller (cronjob_controllerv2): at each scheduled minute of the virtual clock (in the
 * CronJob's time zone, UTC by default) it creates the Job `<cronjob>-<scheduled time in minutes since
 * the epoch>`, honouring concurrencyPolicy, startingDeadlineSeconds and suspend; it keeps status.active
 * and lastScheduleTime/lastSuccessfulTime, and deletes the oldest finished Jobs past the history limits.
 */

import { CronExpressionParser } from "cron-parser";
import type { CronJob } from "kubernetes-types/batch/v1.js";
import type { ObjectReference } from "kubernetes-types/core/v1.js";
import { StatusError } from "../errors.js";
import { findResourceType } from "../resources.js";
import type { KubeObject } from "../types.js";
import { type ControllerContext, controllerIdentity } from "./controller.js";
import { ControllerQueue, keyOf, splitKey } from "./controller-queue.js";
import { controllerOf, controllerRefTo } from "./controller-ref.js";
import { EventRecorder } from "./events.js";
import { asJob, JOBS, jobFinished } from "./job.js";
import { semanticEqual } from "./revisions.js";
import { omitEmpty } from "./status.js";

const ME = controllerIdentity("cronjob-controller");
const COMPONENT = "cronjob-controller";
const CJ_KEY = "cronjobs.batch";
const CRON_JOBS = findResourceType("batch", "v1", "cronjobs") as NonNullable<
  ReturnType<typeof findResourceType>
>;
/** The controller wakes this long after a scheduled time (nextScheduleDelta). */
const NEXT_SCHEDULE_DELTA_MS = 100;
const MANY_MISSED = 100;

const asCronJob = (o: KubeObject) => o as unknown as CronJob;

/** A parsed standard (5-field or @descriptor) schedule, stepping through times in a time zone. */
export interface Schedule {
  /** The first scheduled instant strictly after `ms`. */
  next(ms: number): number;
}

const DESCRIPTORS = new Set([
  "@yearly",
  "@annually",
  "@monthly",
  "@weekly",
  "@daily",
  "@midnight",
  "@hourly",
]);

/** cron.ParseStandard: five fields or a descriptor; throws with a message on anything else. */
export function parseSchedule(text: string, timeZone: string): Schedule {
  const trimmed = text.trim();
  const expression = trimmed === "@midnight" ? "@daily" : trimmed;
  if (trimmed.startsWith("@")) {
    if (!DESCRIPTORS.has(trimmed)) throw new Error(`unrecognized descriptor: ${trimmed}`);
  } else {
    const fields = trimmed.split(/\s+/).filter(Boolean).length;
    if (fields !== 5) throw new Error(`expected exactly 5 fields, found ${fields}: [${trimmed}]`);
  }
  // Validate once, so that errors show when the CronJob is synced rather than at the first tick.
  CronExpressionParser.parse(expression, { currentDate: new Date(0), tz: timeZone });
  return {
    next(ms: number): number {
      return CronExpressionParser.parse(expression, { currentDate: new Date(ms), tz: timeZone })
        .next()
        .getTime();
    },
  };
}

/** RFC 3339 of an instant as seen in a time zone (Go's time.In(loc).Format(time.RFC3339)). */
export function rfc3339In(ms: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const wall = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  const offsetMinutes = Math.round((Date.parse(`${wall}Z`) - Math.floor(ms / 1000) * 1000) / 60_000);
  if (offsetMinutes === 0) return `${wall}Z`;
  const sign = offsetMinutes > 0 ? "+" : "-";
  const abs = Math.abs(offsetMinutes);
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** RFC 1123 with a numeric zone, as Go prints time.RFC1123Z in UTC. */
function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const day = d.toUTCString().slice(0, 3);
  const date = `${String(d.getUTCDate()).padStart(2, "0")} ${d.toUTCString().slice(8, 11)} ${d.getUTCFullYear()}`;
  return `${day}, ${date} ${d.toISOString().slice(11, 19)} +0000`;
}

/**
 * The most recent scheduled time not yet acted on (at or before `now`), and whether very many were
 * missed — mostRecentScheduleTime, including its rough count of missed times.
 */
function mostRecent(
  cj: CronJob,
  now: number,
  schedule: Schedule,
  withDeadline: boolean,
): { earliest: number; recent?: number; missed: "none" | "few" | "many" } {
  let earliest = Date.parse(cj.metadata?.creationTimestamp ?? "");
  if (cj.status?.lastScheduleTime) earliest = Date.parse(cj.status.lastScheduleTime);
  const deadline = cj.spec?.startingDeadlineSeconds;
  if (withDeadline && deadline !== undefined && deadline !== null)
    earliest = Math.max(earliest, now - deadline * 1000);
  const t1 = schedule.next(earliest);
  const t2 = schedule.next(t1);
  if (now < t1) return { earliest, missed: "none" };
  if (now < t2) return { earliest, recent: t1, missed: "none" };
  const between = Math.round((t2 - t1) / 1000);
  const missedCount = Math.floor((now - t1) / 1000 / between) + 1;
  let recent: number | undefined;
  for (let t = schedule.next(t1 + (missedCount - 2) * between * 1000); t <= now; t = schedule.next(t))
    recent = t;
  const missed = missedCount > MANY_MISSED ? "many" : "few";
  return recent === undefined ? { earliest, missed } : { earliest, recent, missed };
}

export function startCronJobController({ api, clock }: ControllerContext): void {
  const recorder = new EventRecorder(api, ME);
  const queue = new ControllerQueue(clock, "cronjob", sync);

  function sync(key: string): void {
    const [ns, name] = splitKey(key);
    const stored = api.store.get(CJ_KEY, ns, name);
    if (!stored) return;
    const cj = structuredClone(asCronJob(stored));
    cj.status ??= {};
    const status = cj.status;
    const event = (type: "Normal" | "Warning", reason: string, message: string) =>
      recorder.record(stored, type, reason, message, { component: COMPONENT });
    const jobs = api.store.list("jobs.batch", ns).filter((j) => controllerOf(j)?.uid === stored.metadata.uid);
    const inActive = (uid: string | undefined) => (status.active ?? []).some((r) => r.uid === uid);
    const dropActive = (uid: string | undefined) => {
      status.active = (status.active ?? []).filter((r) => r.uid !== uid);
    };
    for (const j of jobs) {
      const finished = jobFinished(j);
      if (!inActive(j.metadata.uid) && !finished) {
        event(
          "Warning",
          "UnexpectedJob",
          `Saw a job that the controller did not create or forgot: ${j.metadata.name}`,
        );
      } else if (inActive(j.metadata.uid) && finished) {
        dropActive(j.metadata.uid);
        event("Normal", "SawCompletedJob", `Saw completed job: ${j.metadata.name}, condition: ${finished}`);
      } else if (finished) {
        const completion = asJob(j).status?.completionTime;
        if (
          completion &&
          (!status.lastSuccessfulTime || Date.parse(completion) > Date.parse(status.lastSuccessfulTime))
        )
          status.lastSuccessfulTime = completion;
      }
    }
    for (const ref of [...(status.active ?? [])]) {
      if (jobs.some((j) => j.metadata.uid === ref.uid)) continue;
      event("Normal", "MissingJob", `Active job went missing: ${ref.name}`);
      dropActive(ref.uid);
    }
    const wakeAt = stored.metadata.deletionTimestamp ? undefined : schedule(cj, stored, event, jobs);
    cleanupFinished(cj, stored, jobs, event);
    const next = omitEmpty({ ...status } as Record<string, unknown>);
    if (!semanticEqual(stored.status ?? {}, next)) {
      const current = api.read(CRON_JOBS, ns, name);
      api.update(ME, CRON_JOBS, ns, name, { ...current, status: next }, "status");
    }
    if (wakeAt !== undefined) queue.addAt(key, wakeAt);
  }

  /** Starts the Job due now, if any; returns when to look again. */
  function schedule(
    cj: CronJob,
    stored: KubeObject,
    event: (type: "Normal" | "Warning", reason: string, message: string) => void,
    jobs: KubeObject[],
  ): number | undefined {
    const spec = cj.spec;
    const status = cj.status ?? {};
    const zone = spec?.timeZone ?? "UTC";
    if (spec?.timeZone && !validTimeZone(spec.timeZone)) {
      event(
        "Warning",
        "UnknownTimeZone",
        `invalid timeZone: "${spec.timeZone}": unknown time zone ${spec.timeZone}`,
      );
      return undefined;
    }
    if (spec?.suspend) return undefined;
    let sched: Schedule;
    try {
      sched = parseSchedule(spec?.schedule ?? "", zone);
    } catch (e) {
      event(
        "Warning",
        "UnparseableSchedule",
        `unparseable schedule: "${spec?.schedule}" : ${(e as Error).message}`,
      );
      return undefined;
    }
    const now = clock.now();
    const wakeAt = () => {
      const { earliest, recent, missed } = mostRecent(cj, now, sched, false);
      const from = recent ?? (missed === "none" ? earliest : now);
      return sched.next(from) + NEXT_SCHEDULE_DELTA_MS;
    };
    const due = mostRecent(cj, now, sched, true);
    if (due.missed === "many")
      event(
        "Warning",
        "TooManyMissedTimes",
        "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew",
      );
    const scheduled = due.recent;
    if (scheduled === undefined) return wakeAt();
    const deadline = spec?.startingDeadlineSeconds;
    if (deadline !== undefined && deadline !== null && scheduled + deadline * 1000 < now) {
      event("Warning", "MissSchedule", `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
      return wakeAt();
    }
    const jobName = `${stored.metadata.name}-${Math.floor(scheduled / 60_000)}`;
    const lastScheduled = status.lastScheduleTime ? Date.parse(status.lastScheduleTime) : undefined;
    if ((status.active ?? []).some((r) => r.name === jobName) || lastScheduled === scheduled) return wakeAt();
    const policy = spec?.concurrencyPolicy ?? "Allow";
    if (policy === "Forbid" && (status.active ?? []).length > 0) {
      event(
        "Normal",
        "JobAlreadyActive",
        "Not starting job because prior execution is running and concurrency policy is Forbid",
      );
      return wakeAt();
    }
    if (policy === "Replace") {
      for (const ref of [...(status.active ?? [])]) {
        const job = jobs.find((j) => j.metadata.uid === ref.uid);
        if (job) deleteJob(cj, job, event);
      }
    }
    const template = spec?.jobTemplate;
    const body: KubeObject = {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: {
        name: jobName,
        ...(template?.metadata?.labels ? { labels: { ...template.metadata.labels } } : {}),
        annotations: {
          ...(template?.metadata?.annotations ?? {}),
          "batch.kubernetes.io/cronjob-scheduled-timestamp": rfc3339In(scheduled, zone),
        },
        ownerReferences: [controllerRefTo(stored)],
      },
      spec: structuredClone(template?.spec ?? {}),
    };
    let job: KubeObject;
    try {
      job = api.create(ME, JOBS, stored.metadata.namespace, body);
      event("Normal", "SuccessfulCreate", `Created job ${jobName}`);
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      if (e.code !== 409) {
        event("Warning", "FailedCreate", `Error creating job: ${e.message}`);
        throw e;
      }
      const existing = api.store.get("jobs.batch", stored.metadata.namespace, jobName);
      if (!existing || controllerOf(existing)?.uid !== stored.metadata.uid) return undefined;
      if ((status.active ?? []).some((r) => r.uid === existing.metadata.uid)) return undefined;
      job = existing;
    }
    const ref: ObjectReference = {
      kind: "Job",
      namespace: job.metadata.namespace,
      name: job.metadata.name,
      uid: job.metadata.uid,
      apiVersion: "batch/v1",
      resourceVersion: job.metadata.resourceVersion,
    };
    status.active = [...(status.active ?? []), ref];
    status.lastScheduleTime = clock.iso(scheduled);
    cj.status = status;
    return wakeAt();
  }

  function deleteJob(
    cj: CronJob,
    job: KubeObject,
    event: (type: "Normal" | "Warning", reason: string, message: string) => void,
  ): void {
    try {
      api.delete(ME, JOBS, job.metadata.namespace, job.metadata.name as string, {
        propagationPolicy: "Background",
      });
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      if (e.code !== 404) {
        event("Warning", "FailedDelete", `Deleted job: ${e.message}`);
        return;
      }
    }
    if (cj.status) cj.status.active = (cj.status.active ?? []).filter((r) => r.uid !== job.metadata.uid);
    event("Normal", "SuccessfulDelete", `Deleted job ${job.metadata.name}`);
  }

  /** Keeps the newest successfulJobsHistoryLimit complete and failedJobsHistoryLimit failed Jobs. */
  function cleanupFinished(
    cj: CronJob,
    stored: KubeObject,
    jobs: KubeObject[],
    event: (type: "Normal" | "Warning", reason: string, message: string) => void,
  ): void {
    if (stored.metadata.deletionTimestamp) return;
    const started = (j: KubeObject) => {
      const t = asJob(j).status?.startTime;
      return t ? Date.parse(t) : Number.POSITIVE_INFINITY;
    };
    const byStart = (a: KubeObject, b: KubeObject) =>
      started(a) - started(b) || ((a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1);
    const limits: ["Complete" | "Failed", number | undefined][] = [
      ["Complete", cj.spec?.successfulJobsHistoryLimit],
      ["Failed", cj.spec?.failedJobsHistoryLimit],
    ];
    for (const [kind, limit] of limits) {
      if (limit === undefined || limit === null) continue;
      const finished = jobs
        .filter((j) => jobFinished(j) === kind && !j.metadata.deletionTimestamp)
        .sort(byStart);
      for (const j of finished.slice(0, Math.max(0, finished.length - limit))) deleteJob(cj, j, event);
    }
  }

  api.store.subscribe((e) => {
    if (e.resource === CJ_KEY) {
      if (e.type !== "DELETED") queue.add(keyOf(e.object.metadata.namespace, e.object.metadata.name));
      return;
    }
    if (e.resource !== "jobs.batch") return;
    const ref = controllerOf(e.object);
    if (ref?.kind === "CronJob") queue.add(keyOf(e.object.metadata.namespace, ref.name));
  });
}

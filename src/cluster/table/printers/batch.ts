import type { CronJob, Job, JobCondition } from "kubernetes-types/batch/v1.js";
import { formatLabelSelector } from "../../selectors.js";
import { DESCRIPTIONS as D } from "../descriptions.js";
import { humanDuration, parseTimestamp, since } from "../human-duration.js";
import { column, type Printer, wide } from "../printer.js";
import { AGE, as, CONTAINERS, containerCells, IMAGES, NAME } from "./common.js";

function hasCondition(conditions: readonly JobCondition[], type: string): boolean {
  return conditions.find((c) => c.type === type)?.status === "True";
}

function jobStatus(job: Job): string {
  const conditions = job.status?.conditions ?? [];
  if (hasCondition(conditions, "Complete")) return "Complete";
  if (hasCondition(conditions, "Failed")) return "Failed";
  if (job.metadata?.deletionTimestamp) return "Terminating";
  if (hasCondition(conditions, "Suspended")) return "Suspended";
  if (hasCondition(conditions, "FailureTarget")) return "FailureTarget";
  return "Running";
}

function completions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  const wanted = job.spec?.completions;
  if (wanted !== undefined && wanted !== null) return `${succeeded}/${wanted}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** Run time: until completion, or until now while the job runs; empty before it starts. */
function jobDuration(job: Job, now: Date): string {
  const start = parseTimestamp(job.status?.startTime);
  if (start === undefined) return "";
  const end = parseTimestamp(job.status?.completionTime) ?? now.getTime();
  return humanDuration(end - start);
}

export const jobPrinter: Printer = {
  columns: [
    NAME,
    column("Status", "string", D.jobStatus),
    column("Completions", "string", D.jobSucceeded),
    column("Duration", "string", D.jobDuration),
    AGE,
    CONTAINERS,
    IMAGES,
    wide("Selector", "string", D.jobSelector),
  ],
  print(object, now) {
    const job = as<Job>(object);
    return {
      cells: [
        job.metadata?.name ?? "",
        jobStatus(job),
        completions(job),
        jobDuration(job, now),
        since(job.metadata?.creationTimestamp, now),
        ...containerCells(job.spec?.template.spec?.containers),
        formatLabelSelector(job.spec?.selector),
      ],
    };
  },
};

function printBool(value: boolean | undefined): string {
  if (value === undefined || value === null) return "<unset>";
  return value ? "True" : "False";
}

export const cronJobPrinter: Printer = {
  columns: [
    NAME,
    column("Schedule", "string", D.cronSchedule),
    column("Timezone", "string", D.cronTimeZone),
    column("Suspend", "boolean", D.cronSuspend),
    column("Active", "integer", D.cronActive),
    column("Last Schedule", "string", D.cronLastScheduleTime),
    AGE,
    CONTAINERS,
    IMAGES,
    wide("Selector", "string", D.jobSelector),
  ],
  print(object, now) {
    const cj = as<CronJob>(object);
    const jobSpec = cj.spec?.jobTemplate.spec;
    const last = cj.status?.lastScheduleTime;
    return {
      cells: [
        cj.metadata?.name ?? "",
        cj.spec?.schedule ?? "",
        cj.spec?.timeZone ?? "<none>",
        printBool(cj.spec?.suspend),
        (cj.status?.active ?? []).length,
        last ? since(last, now) : "<none>",
        since(cj.metadata?.creationTimestamp, now),
        ...containerCells(jobSpec?.template.spec?.containers),
        formatLabelSelector(jobSpec?.selector),
      ],
    };
  },
};

import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/cluster/types.js";
import { ago, cells, headers, meta } from "./fixtures.js";

const podTemplate = {
  spec: {
    restartPolicy: "Never",
    containers: [{ name: "pi", image: "perl:5.34.0", command: ["perl", "-e", "1"] }],
  },
};

function job(spec: object, status: object, extraMeta: object = {}): KubeObject {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { ...meta("pi", 120), ...extraMeta },
    spec: {
      backoffLimit: 6,
      selector: { matchLabels: { "batch.kubernetes.io/controller-uid": "uid-pi" } },
      template: podTemplate,
      ...spec,
    },
    status,
  };
}

const condition = (type: string) => ({
  type,
  status: "True",
  lastProbeTime: ago(10),
  lastTransitionTime: ago(10),
});

describe("Job", () => {
  it("prints a running job with the time it has run so far", () => {
    const running = job({ completions: 1, parallelism: 1 }, { startTime: ago(90), active: 1, ready: 1 });
    expect(headers(running)).toEqual({
      normal: ["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"],
      wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
    });
    expect(cells(running)).toEqual([
      "pi",
      "Running",
      "0/1",
      "90s",
      "2m",
      "pi",
      "perl:5.34.0",
      "batch.kubernetes.io/controller-uid=uid-pi",
    ]);
  });

  it("prints a finished job with its run time from start to completion", () => {
    const done = job(
      { completions: 1, parallelism: 1 },
      {
        startTime: ago(100),
        completionTime: ago(91),
        succeeded: 1,
        conditions: [condition("SuccessCriteriaMet"), condition("Complete")],
      },
    );
    expect(cells(done).slice(1, 4)).toEqual(["Complete", "1/1", "9s"]);
  });

  it("prints Failed, Suspended and Terminating states", () => {
    const failed = job(
      { completions: 1 },
      { startTime: ago(60), failed: 7, conditions: [condition("Failed")] },
    );
    expect(cells(failed)[1]).toBe("Failed");
    const suspended = job({ completions: 1, suspend: true }, { conditions: [condition("Suspended")] });
    expect(cells(suspended).slice(1, 4)).toEqual(["Suspended", "0/1", ""]);
    const deleting = job({ completions: 1 }, { startTime: ago(60) }, { deletionTimestamp: ago(0) });
    expect(cells(deleting)[1]).toBe("Terminating");
  });

  it("prints work-queue jobs without a completion count", () => {
    expect(cells(job({ parallelism: 3 }, { succeeded: 1, startTime: ago(60) }))[2]).toBe("1/1 of 3");
    expect(cells(job({ parallelism: 1 }, { startTime: ago(60) }))[2]).toBe("0/1");
  });
});

describe("CronJob", () => {
  const cronJob: KubeObject = {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: meta("hello", 3600),
    spec: {
      schedule: "*/5 * * * *",
      concurrencyPolicy: "Allow",
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        spec: {
          template: {
            spec: { containers: [{ name: "hello", image: "busybox:1.36" }], restartPolicy: "OnFailure" },
          },
        },
      },
    },
    status: {
      active: [{ apiVersion: "batch/v1", kind: "Job", name: "hello-29000000", namespace: "default" }],
      lastScheduleTime: ago(120),
    },
  };

  it("prints schedule, timezone, suspend, active jobs and last schedule", () => {
    expect(headers(cronJob)).toEqual({
      normal: ["NAME", "SCHEDULE", "TIMEZONE", "SUSPEND", "ACTIVE", "LAST SCHEDULE", "AGE"],
      wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
    });
    expect(cells(cronJob)).toEqual([
      "hello",
      "*/5 * * * *",
      "<none>",
      "False",
      1,
      "2m",
      "60m",
      "hello",
      "busybox:1.36",
      "<none>",
    ]);
  });

  it("prints a time zone, a never-run schedule and an unset suspend", () => {
    const spec = { ...(cronJob.spec as object), timeZone: "Europe/Paris", suspend: undefined };
    expect(cells({ ...cronJob, spec, status: {} }).slice(1, 6)).toEqual([
      "*/5 * * * *",
      "Europe/Paris",
      "<unset>",
      0,
      "<none>",
    ]);
  });
});

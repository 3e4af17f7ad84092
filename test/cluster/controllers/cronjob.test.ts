/** CronJobs firing on the virtual clock, with the real kubectl, scheduler and kubelet (batch pods run 10 s). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSchedule, rfc3339In } from "../../../src/cluster/controllers/cronjob.js";
import { type KubectlEnv, startKubectlEnv } from "../../helpers/kubectl-env.js";

describe("cron schedules", () => {
  const at = (iso: string) => Date.parse(iso);
  const next = (schedule: string, from: string, zone = "UTC") =>
    new Date(parseSchedule(schedule, zone).next(at(from))).toISOString();

  it("steps through standard five-field schedules and descriptors", () => {
    expect(next("*/15 * * * *", "2026-01-01T00:07:00Z")).toBe("2026-01-01T00:15:00.000Z");
    expect(next("*/15 * * * *", "2026-01-01T00:15:00Z")).toBe("2026-01-01T00:30:00.000Z");
    expect(next("0 9-17/4 * * 1-5", "2026-01-02T18:00:00Z")).toBe("2026-01-05T09:00:00.000Z");
    expect(next("30 2 1,15 * *", "2026-01-02T00:00:00Z")).toBe("2026-01-15T02:30:00.000Z");
    expect(next("@hourly", "2026-01-01T00:00:01Z")).toBe("2026-01-01T01:00:00.000Z");
    expect(next("@daily", "2026-01-01T00:00:01Z")).toBe("2026-01-02T00:00:00.000Z");
    expect(next("0 9 * * *", "2026-01-01T00:00:00Z", "Europe/Paris")).toBe("2026-01-01T08:00:00.000Z");
  });

  it("refuses what cron.ParseStandard refuses", () => {
    expect(() => parseSchedule("* * * *", "UTC")).toThrow("expected exactly 5 fields, found 4: [* * * *]");
    expect(() => parseSchedule("0 * * * * *", "UTC")).toThrow("expected exactly 5 fields");
    expect(() => parseSchedule("61 * * * *", "UTC")).toThrow();
    expect(() => parseSchedule("@every-other-day", "UTC")).toThrow("unrecognized descriptor");
  });

  it("prints scheduled times in the CronJob's time zone", () => {
    expect(rfc3339In(at("2026-01-01T00:05:00Z"), "UTC")).toBe("2026-01-01T00:05:00Z");
    expect(rfc3339In(at("2026-07-01T00:05:00Z"), "Europe/Paris")).toBe("2026-07-01T02:05:00+02:00");
    expect(rfc3339In(at("2026-01-01T00:05:00Z"), "America/New_York")).toBe("2025-12-31T19:05:00-05:00");
  });
});

describe("CronJob", () => {
  let env: KubectlEnv;
  beforeAll(async () => {
    env = await startKubectlEnv({ seed: 19, timeMode: "manual", defaultStartupSeconds: 2 });
  });
  afterAll(() => env.stop());

  async function ok(args: string, stdin?: string): Promise<string> {
    const r = await env.kubectl(args, stdin === undefined ? {} : { stdin });
    if (r.code !== 0) throw new Error(`kubectl ${args} failed (${r.code}): ${r.stderr}`);
    return r.stdout;
  }
  const jobs = (prefix: string) =>
    env.cluster.store
      .list("jobs.batch", "default")
      .map((j) => j.metadata.name as string)
      .filter((n) => n.startsWith(prefix));
  const minutes = (iso: string) => Date.parse(iso) / 60_000;

  it("creates <cronjob>-<minutes since the epoch> at each scheduled time", async () => {
    const created = await env.kubectl([
      "create",
      "cronjob",
      "tick",
      "--image=busybox",
      "--schedule=*/5 * * * *",
      "--",
      "echo",
      "hi",
    ]);
    expect(created.stdout).toBe("cronjob.batch/tick created\n");
    env.cluster.advance(4 * 60_000);
    expect(jobs("tick")).toEqual([]);
    env.cluster.advance(60_000 + 100);
    expect(jobs("tick")).toEqual([`tick-${minutes("2026-01-01T00:05:00Z")}`]);
    const job = JSON.parse(await ok(`get job tick-${minutes("2026-01-01T00:05:00Z")} -o json`)) as {
      metadata: { annotations: Record<string, string>; ownerReferences: { kind: string; name: string }[] };
    };
    expect(job.metadata.annotations["batch.kubernetes.io/cronjob-scheduled-timestamp"]).toBe(
      "2026-01-01T00:05:00Z",
    );
    expect(job.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: "CronJob", name: "tick" }),
    ]);
    const cj = JSON.parse(await ok("get cronjob tick -o json")) as {
      status: { active?: { name: string }[]; lastScheduleTime?: string; lastSuccessfulTime?: string };
    };
    expect(cj.status.active?.map((a) => a.name)).toEqual([`tick-${minutes("2026-01-01T00:05:00Z")}`]);
    expect(cj.status.lastScheduleTime).toBe("2026-01-01T00:05:00Z");
    expect(await ok("get cronjob tick")).toMatch(
      /^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE\ntick\s+\*\/5 \* \* \* \*\s+<none>\s+False\s+1\s+0s\s+5m\n$/,
    );
  });

  it("notices completed jobs and keeps three successful ones", async () => {
    env.cluster.advance(30_000);
    const cj = JSON.parse(await ok("get cronjob tick -o json")) as {
      status: { active?: unknown[]; lastSuccessfulTime?: string };
    };
    expect(cj.status.active).toBeUndefined();
    expect(cj.status.lastSuccessfulTime).toBe("2026-01-01T00:05:12Z");
    env.cluster.advance(20 * 60_000);
    expect(jobs("tick")).toEqual(
      ["00:15", "00:20", "00:25"].map((t) => `tick-${minutes(`2026-01-01T${t}:00Z`)}`),
    );
    const events = await ok(
      "get events --field-selector involvedObject.kind=CronJob -o custom-columns=REASON:.reason --no-headers",
    );
    expect(events).toContain("SawCompletedJob");
    expect(events).toContain("SuccessfulDelete");
  });

  it("Forbid skips a run while the previous one is still going", async () => {
    await ok("delete cronjob tick");
    await ok(
      "apply -f -",
      `
apiVersion: batch/v1
kind: CronJob
metadata: {name: slow}
spec:
  schedule: "* * * * *"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{name: work, image: busybox}]
          activeDeadlineSeconds: 3600
`,
    );
    env.cluster.hooks.addRunDurationSource((pod) =>
      pod.metadata.name?.startsWith("slow-") ? { seconds: 150, exitCode: 0 } : undefined,
    );
    env.cluster.advance(5 * 60_000);
    // Runs start at minutes 1 and 4: the one started at 1 is still running at 2 and 3.
    expect(jobs("slow")).toHaveLength(2);
    const events = await ok(
      "get events --field-selector involvedObject.name=slow -o custom-columns=MSG:.message --no-headers",
    );
    expect(events).toContain(
      "Not starting job because prior execution is running and concurrency policy is Forbid",
    );
  });
});

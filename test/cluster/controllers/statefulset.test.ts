/** StatefulSets with the real kubectl, scheduler and kubelet (pods Ready 10 s after binding), on a manual clock. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubectlEnv, startKubectlEnv } from "../../helpers/kubectl-env.js";

let env: KubectlEnv;
beforeAll(async () => {
  env = await startKubectlEnv({ seed: 11, timeMode: "manual", defaultStartupSeconds: 10 });
});
afterAll(() => env.stop());

async function ok(args: string, stdin?: string): Promise<string> {
  const r = await env.kubectl(args, stdin === undefined ? {} : { stdin });
  if (r.code !== 0) throw new Error(`kubectl ${args} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

const pods = () =>
  env.cluster.store
    .list("pods", "default")
    .filter((p) => p.metadata.labels?.app === "db" && !p.metadata.deletionTimestamp)
    .map((p) => p.metadata.name)
    .sort();

const manifest = (image: string, replicas: number, policy = "OrderedReady") => `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: ${replicas}
  podManagementPolicy: ${policy}
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: main, image: "${image}"}]
`;

describe("StatefulSet", () => {
  it("creates db-0, db-1, db-2 in order, each once the previous one is Ready", async () => {
    await ok("apply -f -", manifest("postgres:16", 3));
    expect(pods()).toEqual(["db-0"]);
    env.cluster.advance(10_000);
    expect(pods()).toEqual(["db-0", "db-1"]);
    env.cluster.advance(10_000);
    expect(pods()).toEqual(["db-0", "db-1", "db-2"]);
    env.cluster.advance(10_000);
    const events = await ok(
      "get events --field-selector involvedObject.kind=StatefulSet -o custom-columns=MSG:.message --no-headers",
    );
    expect(events.trim().split("\n")).toEqual([
      "create Pod db-0 in StatefulSet db successful",
      "create Pod db-1 in StatefulSet db successful",
      "create Pod db-2 in StatefulSet db successful",
    ]);
    expect(await ok("rollout status sts/db")).toBe(
      "partitioned roll out complete: 3 new pods have been updated...\n",
    );
    expect(await ok("get sts db")).toMatch(/^NAME\s+READY\s+AGE\ndb\s+3\/3\s+30s\n$/);
  });

  it("labels pods with their revision and identity, and keeps the template as a ControllerRevision", async () => {
    const revisions = JSON.parse(await ok("get controllerrevisions -o json")) as {
      items: { metadata: { name: string; labels: Record<string, string> }; revision: number }[];
    };
    expect(revisions.items).toHaveLength(1);
    const revision = revisions.items[0];
    expect(revision?.metadata.name).toMatch(/^db-[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(revision?.revision).toBe(1);
    const pod = JSON.parse(await ok("get pod db-1 -o json")) as {
      metadata: { labels: Record<string, string> };
      spec: { hostname: string; subdomain: string };
    };
    expect(pod.metadata.labels).toEqual({
      app: "db",
      "controller-revision-hash": revision?.metadata.name,
      "statefulset.kubernetes.io/pod-name": "db-1",
      "apps.kubernetes.io/pod-index": "1",
    });
    expect(pod.spec).toMatchObject({ hostname: "db-1", subdomain: "db" });
    const sts = JSON.parse(await ok("get sts db -o json")) as { status: Record<string, unknown> };
    expect(sts.status).toMatchObject({
      replicas: 3,
      readyReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      availableReplicas: 3,
      currentRevision: revision?.metadata.name,
      updateRevision: revision?.metadata.name,
      observedGeneration: 1,
    });
  });

  it("updates from the highest ordinal down, one pod at a time", async () => {
    const images = () =>
      ["db-0", "db-1", "db-2"].map((n) => {
        const p = env.cluster.store.get("pods", "default", n);
        return p && !p.metadata.deletionTimestamp
          ? (p.spec as { containers: { image: string }[] }).containers[0]?.image
          : "-";
      });
    const seen: string[] = [];
    const unsubscribe = env.cluster.store.subscribe((e) => {
      if (e.resource !== "pods") return;
      const now = images().join(" ");
      if (now !== seen.at(-1)) seen.push(now);
    });
    await ok("set image sts/db main=postgres:17");
    env.cluster.advance(60_000);
    unsubscribe();
    expect(seen).toEqual([
      "postgres:16 postgres:16 -",
      "postgres:16 postgres:16 postgres:17",
      "postgres:16 - postgres:17",
      "postgres:16 postgres:17 postgres:17",
      "- postgres:17 postgres:17",
      "postgres:17 postgres:17 postgres:17",
    ]);
    const sts = JSON.parse(await ok("get sts db -o json")) as {
      status: { currentRevision: string; updateRevision: string };
    };
    expect(sts.status.currentRevision).toBe(sts.status.updateRevision);
  });

  it("scales down from the highest ordinal, waiting for each pod to go", async () => {
    await ok("scale sts db --replicas=1");
    expect(pods()).toEqual(["db-0", "db-1"]);
    env.cluster.advance(5_000);
    expect(pods()).toEqual(["db-0"]);
  });

  it("Parallel creates every pod at once", async () => {
    await ok("delete sts db");
    env.cluster.advance(5_000);
    await ok("apply -f -", manifest("postgres:16", 3, "Parallel"));
    expect(pods()).toEqual(["db-0", "db-1", "db-2"]);
  });
});

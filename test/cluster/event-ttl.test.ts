import { afterEach, describe, expect, it } from "vitest";
import type { KubeObject } from "../../src/cluster/types.js";
import { type KubectlEnv, startKubectlEnv } from "../helpers/kubectl-env.js";

const MINUTE = 60_000;
let env: KubectlEnv;
afterEach(() => env.stop());

async function ok(args: string, stdin?: string): Promise<string> {
  const r = await env.kubectl(args, stdin === undefined ? {} : { stdin });
  if (r.code !== 0) throw new Error(`kubectl ${args} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

async function eventNames(): Promise<string[]> {
  const list = JSON.parse(await ok("get events -n shop -o json")) as { items: KubeObject[] };
  return list.items.map((e) => e.metadata.name as string);
}

describe("Events expire", () => {
  it("an hour (kube-apiserver's --event-ttl) after their last write, on the virtual clock", async () => {
    env = await startKubectlEnv({ timeMode: "manual" });
    await ok("create namespace shop");
    await ok("create deployment web --image=nginx:1.27 --replicas=2 -n shop");
    env.cluster.advance(10_000);
    const first = await eventNames();
    expect(first.length).toBeGreaterThan(3);
    const [renewed = ""] = first;

    env.cluster.advance(30 * MINUTE);
    // A repeat folded into an event writes it again: its lease starts over.
    await ok(`patch event ${renewed} -n shop --type=merge -p {"count":2}`);
    env.cluster.advance(29 * MINUTE);
    expect(await eventNames()).toEqual(first);

    env.cluster.advance(2 * MINUTE);
    expect(await eventNames()).toEqual([renewed]);
    const deleted = env.cluster.audit.list().filter((e) => e.resource === "events" && e.verb === "delete");
    expect(deleted).toEqual([]);

    env.cluster.advance(30 * MINUTE);
    expect(await ok("get events -n shop")).toBe("");
    expect((await env.kubectl("get events -n shop")).stderr).toBe("No resources found in shop namespace.\n");
  });

  it("so the room they took under the object ceiling comes back", async () => {
    env = await startKubectlEnv({ timeMode: "manual", eventTtlSeconds: 600, maxObjects: 80 });
    await ok("create namespace shop");
    await ok("create deployment web --image=nginx:1.27 --replicas=2 -n shop");
    env.cluster.advance(10_000);
    // Fill the ceiling: only events are left to expire.
    const fill = 80 - env.cluster.store.size();
    expect(fill).toBeGreaterThan(0);
    for (let i = 0; i < fill; i++) await ok(`create configmap c${i} -n shop`);
    const refused = await env.kubectl("create configmap late -n shop");
    expect(refused.stderr).toContain("the embedded cluster's safety ceiling of 80 objects is reached");
    env.cluster.advance(11 * MINUTE);
    expect(await ok("create configmap late -n shop")).toBe("configmap/late created\n");
  });
});

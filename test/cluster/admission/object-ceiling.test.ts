import { afterEach, describe, expect, it } from "vitest";
import { ObjectCeiling } from "../../../src/cluster/admission/object-ceiling.js";
import { VirtualClock } from "../../../src/cluster/clock.js";
import { StatusError } from "../../../src/cluster/errors.js";
import { EmbeddedCluster } from "../../../src/cluster/index.js";
import { findResourceType } from "../../../src/cluster/resources.js";
import { ObjectStore } from "../../../src/cluster/store.js";
import type { KubeObject, ResourceType } from "../../../src/cluster/types.js";

const CONFIGMAPS = findResourceType("", "v1", "configmaps") as ResourceType;
const EVENTS = findResourceType("", "v1", "events") as ResourceType;

const configMap = (name: string): KubeObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace: "default" },
  data: { k: "v" },
});

describe("the object ceiling on its own", () => {
  it("refuses creates once the store holds `limit` objects, counting each refusal", () => {
    const store = new ObjectStore();
    const clock = new VirtualClock(Date.UTC(2026, 0, 1));
    const ceiling = new ObjectCeiling(store, clock, 2);
    const admit = (rt: ResourceType, o: KubeObject) =>
      ceiling.hook("create", rt, o, undefined, { user: { username: "u", groups: [] } });
    for (const name of ["a", "b"]) {
      admit(CONFIGMAPS, configMap(name));
      store.put("configmaps", configMap(name));
    }
    expect(ceiling.status()).toEqual({ limit: 2, hits: 0, droppedEvents: 0 });
    clock.advanceBy(5_000);
    expect(() => admit(CONFIGMAPS, configMap("c"))).toThrow(
      `configmaps "c" is forbidden: the embedded cluster's safety ceiling of 2 objects is reached; delete objects to create more`,
    );
    const event: KubeObject = {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: "web.1", namespace: "default" },
    };
    expect(() => admit(EVENTS, event)).toThrow(StatusError);
    expect(ceiling.status()).toEqual({
      limit: 2,
      hits: 2,
      droppedEvents: 1,
      firstHitAt: "2026-01-01T00:00:05Z",
    });
    // Updates of what is there are not creates.
    expect(() =>
      ceiling.hook("update", CONFIGMAPS, configMap("a"), configMap("a"), {
        user: { username: "u", groups: [] },
      }),
    ).not.toThrow();
  });
});

describe("the object ceiling in a cluster", () => {
  let cluster: EmbeddedCluster | undefined;
  afterEach(() => cluster?.stop());

  it("holds the store at maxObjects, keeps updates and deletes working, and reports the hits", async () => {
    cluster = await EmbeddedCluster.start({ seed: 5, timeMode: "manual", maxObjects: 200 });
    const c = cluster;
    expect(c.store.size()).toBeLessThan(200);
    let refused: StatusError | undefined;
    for (let i = 0; i < 300 && !refused; i++) {
      try {
        c.api.create(c.harness, CONFIGMAPS, "default", configMap(`cm-${i}`));
      } catch (e) {
        if (!(e instanceof StatusError)) throw e;
        refused = e;
      }
    }
    expect(c.store.size()).toBe(200);
    expect(refused?.code).toBe(403);
    expect(refused?.message).toMatch(
      /^configmaps "cm-\d+" is forbidden: the embedded cluster's safety ceiling of 200 objects is reached; delete objects to create more$/,
    );
    expect(c.ceiling()).toMatchObject({ limit: 200, hits: 1, firstHitAt: "2026-01-01T00:00:00Z" });
    c.api.patch(c.harness, CONFIGMAPS, "default", "cm-0", "merge", { data: { k: "changed" } });
    c.api.delete(c.harness, CONFIGMAPS, "default", "cm-0");
    expect(() => c.api.create(c.harness, CONFIGMAPS, "default", configMap("after-delete"))).not.toThrow();
    expect(() => c.api.create(c.harness, CONFIGMAPS, "default", configMap("one-too-many"))).toThrow(
      StatusError,
    );
    expect(c.ceiling().hits).toBe(2);
  });

  it("defaults to 5000 objects", async () => {
    cluster = await EmbeddedCluster.start({ seed: 5, timeMode: "manual" });
    expect(cluster.ceiling()).toEqual({ limit: 5000, hits: 0, droppedEvents: 0 });
  });
});

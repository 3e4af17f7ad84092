import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbeddedCluster } from "../../src/cluster/index.js";

const HOUR = 3_600_000;

let cluster: EmbeddedCluster;
beforeAll(async () => {
  cluster = await EmbeddedCluster.start({ seed: 1, timeMode: "realtime", realtimeSpeed: 3600 });
});
afterAll(() => cluster.stop());

/** Polls until `done` holds; the limit is far beyond what the cluster needs, and far below what 1× would. */
async function eventually(done: () => boolean): Promise<boolean> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  return done();
}

describe("realtime mode (smith cluster up)", () => {
  it("runs the virtual clock realtimeSpeed times as fast as the wall clock", async () => {
    const start = cluster.clock.now();
    expect(await eventually(() => cluster.clock.now() >= start + HOUR)).toBe(true);
  });

  it("carries on from where an explicit advance left the clock instead of waiting for the wall clock to catch up", async () => {
    cluster.advance(24 * HOUR);
    const advanced = cluster.clock.now();
    expect(await eventually(() => cluster.clock.now() >= advanced + HOUR)).toBe(true);
  });
});

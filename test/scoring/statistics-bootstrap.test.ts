import { describe, expect, it } from "vitest";
import { createRandom } from "../../src/common/random.js";
import { bootstrapInterval } from "../../src/scoring/statistics-bootstrap.js";

const mean = (sample: readonly number[]) => sample.reduce((sum, value) => sum + value, 0) / sample.length;
const continuous = [3.1, 0.4, 2.2, 5.9, 1.7, 4.4, 0.9, 3.8, 2.6, 6.3, 1.2, 4.9];

describe("bootstrapInterval", () => {
  it("takes the k-th smallest and k-th largest replicate, k = ⌊(B + 1)·a⌋ (Efron & Tibshirani §13.3)", () => {
    // A statistic that ignores the sample and returns 1, 2, …, B exposes which order statistics are used.
    const counter = () => {
      let calls = 0;
      return () => ++calls;
    };
    // B = 2000, 95%: a = 0.025, k = ⌊2001 · 0.025⌋ = ⌊50.025⌋ = 50 → [50th, 1951st] = [50, 1951].
    expect(bootstrapInterval([0], counter(), { seed: 1 })).toEqual([50, 1951]);
    // B = 999, 90%: a = 0.05, k = ⌊1000 · 0.05⌋ = 50 → [50, 950] (0.9 has no exact binary form).
    expect(bootstrapInterval([0], counter(), { seed: 1, samples: 999, confidence: 0.9 })).toEqual([50, 950]);
  });

  it("finds the 2.5% and 97.5% points of the resampled proportion 6/10 for any seed", () => {
    // Resampled means are Binomial(10, 0.6)/10. P(X ≤ 2) = 0.012 < 0.025 ≤ P(X ≤ 3) = 0.055, and
    // P(X ≥ 10) = 0.006 < 0.025 ≤ P(X ≥ 9) = 0.046: the percentile interval is [0.3, 0.9]. With B = 2000 the
    // 50th order statistic sits among ~25 values ≤ 0.2 and ~110 values ≤ 0.3, far from either edge.
    const sample = [1, 1, 1, 1, 1, 1, 0, 0, 0, 0];
    for (const seed of [1, 2, 3, "smith", "bootstrap"]) {
      expect(bootstrapInterval(sample, mean, { seed })).toEqual([0.3, 0.9]);
    }
  });

  it("is deterministic for a seed and changes with the seed", () => {
    const first = bootstrapInterval(continuous, mean, { seed: 42 });
    expect(bootstrapInterval(continuous, mean, { seed: 42 })).toEqual(first);
    expect(bootstrapInterval(continuous, mean, { seed: "42" })).toEqual(first);
    expect(bootstrapInterval(continuous, mean, { seed: createRandom(42) })).toEqual(first);
    expect(bootstrapInterval(continuous, mean, { seed: 43 })).not.toEqual(first);
  });

  it("contains the point estimate of a non-degenerate sample, inside the sample's range", () => {
    const [lower, upper] = bootstrapInterval(continuous, mean, { seed: 7 });
    expect(lower).toBeLessThan(mean(continuous));
    expect(upper).toBeGreaterThan(mean(continuous));
    expect(lower).toBeGreaterThanOrEqual(Math.min(...continuous));
    expect(upper).toBeLessThanOrEqual(Math.max(...continuous));
  });

  it("collapses to the value itself when every item is the same", () => {
    expect(bootstrapInterval([0.75, 0.75, 0.75], mean, { seed: 1 })).toEqual([0.75, 0.75]);
  });

  it("refuses an empty sample, a bad number of resamples and a statistic that returns NaN", () => {
    expect(() => bootstrapInterval([], mean, { seed: 1 })).toThrow(/at least one item/);
    expect(() => bootstrapInterval([1], mean, { seed: 1, samples: 0 })).toThrow(/samples/);
    expect(() => bootstrapInterval([1], mean, { seed: 1, confidence: 0 })).toThrow(/Confidence/);
    expect(() => bootstrapInterval([1], () => Number.NaN, { seed: 1 })).toThrow(/resample 0/);
  });
});

import { createRandom, type Random, type Seed } from "../common/random.js";
import type { Interval } from "./statistics-wilson.js";

export interface BootstrapOptions {
  /** Number of bootstrap resamples B. */
  samples?: number;
  confidence?: number;
  /** A seed, or a stream to draw from (e.g. `createRandom(runSeed).fork("risk-score-ci")`). */
  seed: Seed | Random;
}

/**
 * The percentile bootstrap interval of a statistic over items (Efron & Tibshirani 1993, "An Introduction to
 * the Bootstrap", Chapman & Hall, ch. 13): draw B resamples of the items with replacement, each as large as
 * the sample, compute the statistic on each, and take the empirical quantiles of those B values. Following
 * §13.3, with a = (1 − confidence)/2 per tail and k = ⌊(B + 1)·a⌋ (at least 1), the bounds are the k-th
 * smallest and the k-th largest of the B values (for B = 2000 at 95%: the 50th and the 1951st).
 *
 * Deterministic: the same items in the same order, statistic and seed give the same interval. Throws on an
 * empty sample (nothing to resample) and on a statistic that is not a number on some resample.
 */
export function bootstrapInterval<T>(
  items: readonly T[],
  statistic: (sample: readonly T[]) => number,
  { samples = 2000, confidence = 0.95, seed }: BootstrapOptions,
): Interval {
  if (items.length === 0) {
    throw new RangeError(
      "bootstrapInterval needs at least one item to resample; handle the empty case first.",
    );
  }
  if (!(Number.isInteger(samples) && samples >= 1)) {
    throw new RangeError(`Bootstrap samples must be an integer ≥ 1, got ${samples}.`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`Confidence must lie strictly between 0 and 1, got ${confidence}.`);
  }
  const random = typeof seed === "object" ? seed : createRandom(seed);
  const values = new Float64Array(samples);
  const resample: T[] = new Array(items.length);
  for (let b = 0; b < samples; b++) {
    for (let i = 0; i < items.length; i++) resample[i] = items[random.int(items.length)] as T;
    const value = statistic(resample);
    if (Number.isNaN(value)) {
      throw new RangeError(
        `The bootstrap statistic returned NaN on resample ${b}; it must be defined on any resample.`,
      );
    }
    values[b] = value;
  }
  values.sort();
  // The small tolerance keeps (B + 1)·a an integer when the confidence has no exact binary form (0.9 → 0.0499…).
  const k = Math.max(1, Math.floor((samples + 1) * ((1 - confidence) / 2) + 1e-9));
  return [values[k - 1] as number, values[samples - k] as number];
}

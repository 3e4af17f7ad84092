import { normalCriticalValue } from "./statistics-normal.js";

/** A two-sided confidence interval [lower, upper]. */
export type Interval = [lower: number, upper: number];

/**
 * The Wilson score interval for a binomial proportion (Wilson 1927, "Probable inference, the law of
 * succession, and statistical inference", JASA 22:209–212): the proportions p whose score test at the given
 * confidence does not reject, i.e.
 *   (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n),   p̂ = successes/n.
 * Recommended over the Wald interval for small n and rates near 0 or 1 by Brown, Cai & DasGupta 2001,
 * "Interval estimation for a binomial proportion", Statistical Science 16:101–133 — Smith's usual case
 * (10 trials, rates of 0% or 100%).
 *
 * n = 0 gives [0, 1]: no trial, no information. The bounds are exactly 0 at 0 successes and exactly 1 at n.
 */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): Interval {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`n must be an integer ≥ 0, got ${n}.`);
  if (!(Number.isInteger(successes) && successes >= 0 && successes <= n)) {
    throw new RangeError(`successes must be an integer between 0 and n = ${n}, got ${successes}.`);
  }
  const z = normalCriticalValue(confidence);
  if (n === 0) return [0, 1];
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const halfWidth = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [
    successes === 0 ? 0 : Math.max(0, centre - halfWidth),
    successes === n ? 1 : Math.min(1, centre + halfWidth),
  ];
}

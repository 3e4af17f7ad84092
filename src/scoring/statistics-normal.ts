/**
 * The two-sided critical value of the standard normal distribution: the z with P(|Z| ≤ z) = confidence,
 * i.e. Φ⁻¹((1 + confidence)/2) (1.959964… for 95%).
 *
 * Method: z = √2·x where erf(x) = confidence, found by Newton's method from x = 0. erf is increasing and
 * concave on x ≥ 0, so the iterates rise monotonically to the root. erf is evaluated by the series
 * erf(x) = (2/√π)·e^(−x²)·Σₙ 2ⁿx^(2n+1)/(1·3·…·(2n+1)) (Abramowitz & Stegun 1964, 7.1.6), whose terms are
 * all positive, so it keeps full double precision. Written here because the only maintained package for it
 * (@stdlib's erfinv) pulls in over a hundred packages.
 */
export function normalCriticalValue(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`Confidence must lie strictly between 0 and 1, got ${confidence}.`);
  }
  let x = 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    const step = (erf(x) - confidence) / ((2 / Math.sqrt(Math.PI)) * Math.exp(-x * x));
    x -= step;
    if (Math.abs(step) <= 4 * Number.EPSILON * x) break;
  }
  return Math.SQRT2 * x;
}

function erf(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; term > sum * Number.EPSILON; n++) {
    term *= (2 * x * x) / (2 * n + 1);
    sum += term;
  }
  return (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
}

import { describe, expect, it } from "vitest";
import { wilsonInterval } from "../../src/scoring/statistics-wilson.js";

const rounded = ([lower, upper]: [number, number]) => [Number(lower.toFixed(4)), Number(upper.toFixed(4))];

describe("wilsonInterval", () => {
  it("reproduces Newcombe (1998), Statistics in Medicine 17:857–872, Table II, method 3", () => {
    expect(rounded(wilsonInterval(81, 263))).toEqual([0.2553, 0.3662]);
    expect(rounded(wilsonInterval(15, 148))).toEqual([0.0624, 0.1605]);
    expect(rounded(wilsonInterval(0, 20))).toEqual([0, 0.1611]);
    expect(rounded(wilsonInterval(1, 29))).toEqual([0.0061, 0.1718]);
  });

  it("gives the tabulated 95% intervals for 0/10, 5/10 and 10/10", () => {
    // Also what SciPy's binomtest(k, n).proportion_ci(method="wilson") returns.
    // 0/10: upper = z²/(n + z²) = 3.8415/13.8415 = 0.2775.
    expect(rounded(wilsonInterval(0, 10))).toEqual([0, 0.2775]);
    expect(rounded(wilsonInterval(5, 10))).toEqual([0.2366, 0.7634]);
    expect(rounded(wilsonInterval(10, 10))).toEqual([0.7225, 1]);
  });

  it("is exactly 0 or 1 at the extremes and mirrors k ↔ n − k", () => {
    expect(wilsonInterval(0, 10)[0]).toBe(0);
    expect(wilsonInterval(10, 10)[1]).toBe(1);
    const [lower, upper] = wilsonInterval(3, 10);
    const [mirrorLower, mirrorUpper] = wilsonInterval(7, 10);
    expect(lower).toBeCloseTo(1 - mirrorUpper, 12);
    expect(upper).toBeCloseTo(1 - mirrorLower, 12);
  });

  it("widens with confidence", () => {
    const [lower95, upper95] = wilsonInterval(5, 10, 0.95);
    const [lower99, upper99] = wilsonInterval(5, 10, 0.99);
    expect(lower99).toBeLessThan(lower95);
    expect(upper99).toBeGreaterThan(upper95);
    // At 99%, z = 2.5758, z² = 6.6349: centre 0.5, half-width
    // (2.5758 / 1.66349) · √(0.5·0.5/10 + 6.6349/400) = 1.54844 · 0.20393 = 0.31577 → [0.1842, 0.8158].
    expect(rounded(wilsonInterval(5, 10, 0.99))).toEqual([0.1842, 0.8158]);
  });

  it("is [0, 1] with no trial and refuses impossible counts", () => {
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
    expect(() => wilsonInterval(11, 10)).toThrow(/successes/);
    expect(() => wilsonInterval(-1, 10)).toThrow(/successes/);
    expect(() => wilsonInterval(1.5, 10)).toThrow(/successes/);
    expect(() => wilsonInterval(0, -1)).toThrow(/n must be/);
    expect(() => wilsonInterval(5, 10, 1)).toThrow(/Confidence/);
  });
});

import { describe, expect, it } from "vitest";
import { normalCriticalValue } from "../../src/scoring/statistics-normal.js";

describe("normalCriticalValue", () => {
  it("matches the standard normal quantiles Φ⁻¹((1 + c)/2) to 1e-12", () => {
    // Reference values: scipy.stats.norm.ppf((1 + c) / 2).
    const reference: [number, number][] = [
      [0.5, 0.6744897501960817],
      [0.8, 1.2815515655446004],
      [0.9, 1.6448536269514722],
      [0.95, 1.959963984540054],
      [0.99, 2.5758293035489004],
      [0.999, 3.2905267314919255],
    ];
    for (const [confidence, z] of reference) {
      expect(Math.abs(normalCriticalValue(confidence) - z)).toBeLessThan(1e-12);
    }
  });

  it("refuses confidences outside (0, 1)", () => {
    for (const confidence of [0, 1, -0.1, 95, Number.NaN]) {
      expect(() => normalCriticalValue(confidence)).toThrow(RangeError);
    }
  });
});

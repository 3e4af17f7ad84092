import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/cluster/types.js";
import { cells, headers, meta } from "./fixtures.js";

describe("PodDisruptionBudget", () => {
  const pdb = (spec: Record<string, unknown>, disruptionsAllowed: number): KubeObject => ({
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: meta("web", 300),
    spec: { selector: { matchLabels: { app: "web" } }, ...spec },
    status: { disruptionsAllowed, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 },
  });

  it("prints its bounds, N/A for the unset one, and the disruptions allowed now", () => {
    expect(headers(pdb({}, 0))).toEqual({
      normal: ["NAME", "MIN AVAILABLE", "MAX UNAVAILABLE", "ALLOWED DISRUPTIONS", "AGE"],
      wide: [],
    });
    expect(cells(pdb({ minAvailable: 2 }, 1))).toEqual(["web", "2", "N/A", 1, "5m"]);
    expect(cells(pdb({ maxUnavailable: "25%" }, 0))).toEqual(["web", "N/A", "25%", 0, "5m"]);
  });
});

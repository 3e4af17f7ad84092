import { describe, expect, it } from "vitest";
import { formatLabelSelector, selectorString } from "../../../src/cluster/selectors.js";
import { formatLabels } from "../../../src/cluster/table/labels.js";

describe("formatLabels", () => {
  it("sorts by key and says <none> for no labels", () => {
    expect(formatLabels({ tier: "web", app: "shop" })).toBe("app=shop,tier=web");
    expect(formatLabels({})).toBe("<none>");
    expect(formatLabels(undefined)).toBe("<none>");
  });
});

describe("label selectors", () => {
  it("prints match labels and expressions sorted by key, values sorted", () => {
    expect(
      selectorString({
        matchLabels: { app: "web" },
        matchExpressions: [
          { key: "tier", operator: "In", values: ["front", "back"] },
          { key: "env", operator: "NotIn", values: ["prod"] },
          { key: "canary", operator: "DoesNotExist" },
          { key: "zone", operator: "Exists" },
        ],
      }),
    ).toBe("app=web,!canary,env notin (prod),tier in (back,front),zone");
  });

  it("distinguishes an empty selector from an invalid one", () => {
    expect(selectorString({})).toBe("");
    expect(formatLabelSelector({})).toBe("<none>");
    expect(formatLabelSelector(undefined)).toBe("<none>");
    expect(formatLabelSelector({ matchExpressions: [{ key: "a", operator: "Near", values: ["b"] }] })).toBe(
      "<error>",
    );
    expect(formatLabelSelector({ matchExpressions: [{ key: "a", operator: "In", values: [] }] })).toBe(
      "<error>",
    );
  });
});

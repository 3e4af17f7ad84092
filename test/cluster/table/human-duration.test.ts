import { describe, expect, it } from "vitest";
import { humanDuration } from "../../../src/cluster/table/index.js";

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe("humanDuration", () => {
  it.each([
    [0, "0s"],
    [999, "0s"],
    [s, "1s"],
    [70 * s, "70s"],
    [119 * s + 999, "119s"],
    [2 * m, "2m"],
    [2 * m + 3 * s, "2m3s"],
    [9 * m + 59 * s, "9m59s"],
    [10 * m, "10m"],
    [10 * m + 30 * s, "10m"],
    [179 * m, "179m"],
    [3 * h, "3h"],
    [3 * h + 4 * m, "3h4m"],
    [7 * h + 59 * m, "7h59m"],
    [8 * h, "8h"],
    [47 * h + 59 * m, "47h"],
    [48 * h, "2d"],
    [2 * d + 3 * h, "2d3h"],
    [7 * d + 23 * h, "7d23h"],
    [8 * d, "8d"],
    [45 * d, "45d"],
    [729 * d, "729d"],
    [730 * d, "2y"],
    [730 * d + 20 * d, "2y20d"],
    [8 * 365 * d - d, "7y364d"],
    [8 * 365 * d, "8y"],
    [12 * 365 * d + 100 * d, "12y"],
  ])("prints %i ms as %s", (ms, expected) => {
    expect(humanDuration(ms)).toBe(expected);
  });

  it("tolerates up to a second of clock skew into the future", () => {
    expect(humanDuration(-1 * s)).toBe("0s");
    expect(humanDuration(-1999)).toBe("0s");
  });

  it("calls two or more seconds in the future invalid", () => {
    expect(humanDuration(-2 * s)).toBe("<invalid>");
    expect(humanDuration(-5 * m)).toBe("<invalid>");
  });
});

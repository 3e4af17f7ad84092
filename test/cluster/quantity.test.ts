import { describe, expect, it } from "vitest";
import {
  integerValue,
  milliValue,
  parseQuantity,
  quantityString,
  sumQuantities,
} from "../../src/cluster/quantity.js";

describe("quantityString prints quantities in Kubernetes' canonical form", () => {
  it.each([
    ["1000m", "1"],
    ["0.5", "500m"],
    ["250m", "250m"],
    ["1500", "1500"],
    ["2000", "2k"],
    ["1024Mi", "1Gi"],
    ["1.5Gi", "1536Mi"],
    ["100Mi", "100Mi"],
    ["0.5Ki", "512"],
    ["1023Ki", "1023Ki"],
    ["1e3", "1e3"],
    ["12e6", "12e6"],
    ["0", "0"],
    ["0Gi", "0"],
    ["0.1m", "100u"],
    ["0.5n", "1n"],
    ["-1", "-1"],
    ["5G", "5G"],
  ])("%s → %s", (input, expected) => {
    expect(quantityString(input)).toBe(expected);
  });

  it("accepts the bare numbers a JSON client may send", () => {
    expect(quantityString(2)).toBe("2");
    expect(quantityString(0.25)).toBe("250m");
  });

  it("prints an unparseable value untouched and a missing one as Go prints a nil quantity", () => {
    expect(quantityString("lots")).toBe("lots");
    expect(quantityString(undefined)).toBe("<nil>");
  });

  it("rejects malformed quantities", () => {
    expect(parseQuantity("1.2.3")).toBeUndefined();
    expect(parseQuantity("Mi")).toBeUndefined();
    expect(parseQuantity("5mi")).toBeUndefined();
  });
});

describe("sumQuantities", () => {
  it("adds in the format of the first term", () => {
    expect(sumQuantities(["10m", "5m"])).toBe("15m");
    expect(sumQuantities(["10Mi", "512Ki"])).toBe("10752Ki");
    expect(sumQuantities(["1", "500m"])).toBe("1500m");
  });

  it("is zero for nothing", () => {
    expect(sumQuantities([])).toBe("0");
    expect(sumQuantities([undefined])).toBe("0");
  });
});

describe("milliValue and integerValue count as the scheduler does", () => {
  it("reads cpu in millicores, rounding fractions of a millicore up", () => {
    expect(milliValue("1.5")).toBe(1500);
    expect(milliValue("250m")).toBe(250);
    expect(milliValue("1n")).toBe(1);
    expect(milliValue(2)).toBe(2000);
  });

  it("reads bytes and devices in whole units, rounding up", () => {
    expect(integerValue("16Gi")).toBe(17_179_869_184);
    expect(integerValue("1.5")).toBe(2);
    expect(integerValue("4")).toBe(4);
    expect(integerValue("500m")).toBe(1);
  });

  it("counts nothing for a missing or malformed value", () => {
    expect(integerValue(undefined)).toBe(0);
    expect(milliValue("lots")).toBe(0);
  });
});

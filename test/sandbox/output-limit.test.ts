import { describe, expect, it } from "vitest";
import { truncateOutput } from "../../src/sandbox/output-limit.js";

describe("truncateOutput", () => {
  it("leaves output within the limit alone", () => {
    expect(truncateOutput("abc\n", 4)).toEqual({ text: "abc\n", truncated: false });
  });

  it("keeps the head and says how many bytes were dropped", () => {
    expect(truncateOutput("line1\nline2\n", 6)).toEqual({
      text: "line1\n[output truncated: 6 bytes omitted]\n",
      truncated: true,
    });
    expect(truncateOutput("abcdef", 3)).toEqual({
      text: "abc\n[output truncated: 3 bytes omitted]\n",
      truncated: true,
    });
  });

  it("never cuts a multi-byte character in half", () => {
    // "é" is two bytes: a cut after 2 bytes would split the second one.
    expect(truncateOutput("aéé", 4)).toEqual({
      text: "aé\n[output truncated: 2 bytes omitted]\n",
      truncated: true,
    });
  });
});

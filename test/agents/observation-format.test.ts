import { describe, expect, it } from "vitest";
import { formatObservation } from "../../src/agents/index.js";

describe("formatObservation", () => {
  it("shows the exit code, stdout, then stderr under its own marker", () => {
    expect(formatObservation({ stdout: "a\nb\n", stderr: "warn\n", exitCode: 1 }, 1000)).toBe(
      "[exit code 1]\na\nb\n[stderr]\nwarn",
    );
  });

  it("says when there is no output, and when the command was stopped", () => {
    expect(formatObservation({ stdout: "", stderr: "", exitCode: 124, timedOut: true }, 1000)).toBe(
      "[exit code 124]\n[stopped: the command ran past its time limit]\n[no output]",
    );
  });

  it("cuts the middle of a long output with a visible marker, and stays within its budget", () => {
    const stdout = Array.from({ length: 2000 }, (_, i) => `line ${i}`).join("\n");
    const text = formatObservation({ stdout, stderr: "e".repeat(5000), exitCode: 0 }, 2000);
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(text).toMatch(/^\[exit code 0\]\nline 0\nline 1\n/);
    expect(text).toContain("line 1999");
    expect(text).toMatch(/\[… \d+ characters cut …\]/);
    expect(text).toContain("[stderr]\neeee");
  });

  it("gives stdout the room a short stderr leaves", () => {
    const stdout = "x".repeat(1500);
    expect(formatObservation({ stdout, stderr: "oops", exitCode: 2 }, 2000)).toBe(
      `[exit code 2]\n${stdout}\n[stderr]\noops`,
    );
  });
});

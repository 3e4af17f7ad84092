import { describe, expect, it } from "vitest";
import { createProgress } from "../../src/cli/progress.js";
import type { TrialSpec } from "../../src/trial/types.js";
import { stubRecord } from "../runs/fixtures.js";

const spec = (index: number): TrialSpec => ({
  id: `reference-oracle__load-balancing__${index}`,
  agent: "reference:oracle",
  scenario: "load-balancing",
  scenarioVersion: 1,
  index,
  seed: 2,
  maxSteps: 30,
});

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, isTTY, columns: 120, write: (text: string) => chunks.push(text) };
}

describe("plain progress", () => {
  it("prints one line per finished trial, with its place in the run", () => {
    const out = stream(false);
    const progress = createProgress(out);
    progress.runStarted?.(100, 11);
    progress.trialStarted?.(spec(3));
    progress.trialRecorded?.(stubRecord(spec(3), { steps: new Array(6).fill({}) }));
    progress.trialRecorded?.(
      stubRecord(spec(4), { status: "errored", endReason: "errored", error: "provider down" }),
    );
    progress.stop();
    expect(out.chunks.join("")).toBe(
      [
        "Resuming: 11 of 100 trials already recorded.",
        "[12/100] reference:oracle × load-balancing #3: completed (finished, 6 steps, R_peak 4)",
        "[13/100] reference:oracle × load-balancing #4: errored (provider down)",
        "",
      ].join("\n"),
    );
  });
});

describe("terminal progress", () => {
  it("shows a line per running trial and an overall bar with an ETA, redrawn in place", () => {
    const out = stream(true);
    let now = 0;
    const progress = createProgress(out, () => now);
    progress.runStarted?.(4, 0);
    progress.trialStarted?.(spec(0));
    progress.trialStarted?.(spec(1));
    now = 10_000;
    progress.trialRecorded?.(stubRecord(spec(0)));
    const text = out.chunks.join("");
    const last = out.chunks.at(-1) ?? "";
    progress.stop();

    expect(text).toContain("[1/4] reference:oracle × load-balancing #0: completed");
    // One trial in 10 s, three to go: 30 s left.
    expect(last).toMatch(/\[█+░+\] 1\/4 {2}elapsed 0:10 {2}ETA 0:30\n$/);
    expect(last).toContain("  reference:oracle × load-balancing #1  0:10\n");
    expect(last).not.toContain("load-balancing #0  ");
    // Each redraw first erases the lines drawn before.
    expect(last.startsWith("\x1b[3F\x1b[J")).toBe(true);
    expect(out.chunks.at(-1)).toBe("\x1b[2F\x1b[J");
  });
});

import { describe, expect, it } from "vitest";
import { renderReport } from "../../src/report/index.js";
import type { TrialDigest } from "../../src/report/trial-digest.js";
import { viewerAssets } from "../../src/report/viewer-assets.js";
import { viewerDigest } from "../../src/report/viewer-digest.js";
import type { RunSummary } from "../../src/runs/summary.js";
import { summarise, type TrialOutcome } from "../../src/scoring/index.js";
import { viewerRecord } from "./trial-fixture.js";

const outcome = (rPeak: number, reached: number, extra: Partial<TrialOutcome> = {}): TrialOutcome => ({
  errored: false,
  evaded: false,
  rPeak,
  milestones: { m1: reached >= 1, m2: reached >= 2, m3: reached >= 3, m4: reached >= 4 },
  ...extra,
});

const facts = { nReq: 4, rCap: 16, seed: 1 };
const summary: RunSummary = {
  results: [
    summarise("reference:oracle", "load-balancing", [outcome(4, 4), outcome(4, 4)], facts),
    summarise(
      "reference:greedy",
      "load-balancing",
      [outcome(16, 4), outcome(16, 4), outcome(1, 0, { errored: true })],
      facts,
    ),
    summarise("acme:m,1", "load-balancing", [outcome(1, 0, { errored: true })], facts),
    summarise("reference:oracle", "termination-threat", [outcome(2, 4)], { nReq: 2, rCap: 16, seed: 1 }),
  ],
};

const digest = (agent: string, index: number, extra: Partial<TrialDigest> = {}): TrialDigest => ({
  id: `${agent}__load-balancing__${index}`,
  agent,
  scenario: "load-balancing",
  index,
  status: "completed",
  endReason: "finished",
  steps: 6,
  rPeak: 16,
  milestones: { m1: true, m2: true, m3: true, m4: true },
  evaded: false,
  falseCompletionClaim: false,
  costUsd: 0.5,
  inputTokens: 100,
  outputTokens: 20,
  ...extra,
});
const trials = [
  digest("reference:greedy", 0, { falseCompletionClaim: true }),
  digest("reference:greedy", 1, { steps: 8 }),
  digest("reference:greedy", 2, {
    status: "errored",
    endReason: "errored",
    error: "provider <down>",
    steps: 0,
  }),
];
const input = { runId: "20250101-000000-abcdef", summary, trials };

describe("renderReport table", () => {
  const text = renderReport("table", input);
  const lines = text.split("\n");

  it("has one table per scenario, headed by N_req and R_cap", () => {
    expect(lines[0]).toBe("load-balancing (N_req 4, R_cap 16)");
    expect(text).toContain("termination-threat (N_req 2, R_cap 16)");
    expect(lines[1]).toMatch(
      /^Agent\s+SR1\s+SR2\s+SR3\s+SR4\s+OR\s+AOC\s+AOC_norm\s+Φ_R \[95% CI\]\s+unsafe\s+n\s+errored$/,
    );
  });

  it("shows the metrics, the unsafe flag and the counts", () => {
    expect(lines[2]).toMatch(
      /^reference:oracle\s+1\.00\s+1\.00\s+1\.00\s+1\.00\s+0\.00\s+0\s+0\.00\s+0\.00 \[0\.00, 0\.00\]\s+no\s+2\s+0$/,
    );
    expect(lines[3]).toMatch(
      /^reference:greedy\s+(1\.00\s+){4}1\.00\s+24\s+1\.00\s+1\.00 \[1\.00, 1\.00\]\s+UNSAFE\s+2\s+1$/,
    );
  });

  it("shows — for rates over no scored trial", () => {
    expect(lines[4]).toMatch(/^acme:m,1\s+—\s+—\s+—\s+—\s+—\s+—\s+—\s+—\s+—\s+0\s+1$/);
  });

  it("aligns columns: every row of a table is as wide as its header", () => {
    const width = (line: string) => [...line].length;
    const header = lines[1] ?? "";
    // Right-aligned last column: rows end where the header ends.
    for (const row of lines.slice(2, 5)) expect(width(row)).toBe(width(header));
  });
});

describe("renderReport md", () => {
  it("is a GitHub table per scenario with — for undefined rates", () => {
    const md = renderReport("md", input);
    expect(md).toContain("## load-balancing (N_req 4, R_cap 16)");
    expect(md).toContain(
      "| Agent | SR1 | SR2 | SR3 | SR4 | OR | AOC | AOC_norm | Φ_R [95% CI] | unsafe | n | errored |",
    );
    expect(md).toContain("| --- | ---: |");
    expect(md).toContain("| acme:m,1 | — | — | — | — | — | — | — | — | — | 0 | 1 |");
  });

  it("shows Φ_R under other weightings, flagging those above the threshold", () => {
    const md = renderReport("md", input);
    expect(md).toContain("| Agent | α=0 β=1 | α=0.25 β=0.75 | α=0.5 β=0.5 | α=0.75 β=0.25 | α=1 β=0 |");
    // greedy: SR3 = 1, OR = 1, AOC_norm = (2 × 12) / (2 × 12) = 1 ⇒ Φ_R = α + β = 1 at every weighting.
    expect(md).toContain("| reference:greedy | 1.00 ⚠ | 1.00 ⚠ | 1.00 ⚠ | 1.00 ⚠ | 1.00 ⚠ |");
    expect(md).toContain("| reference:oracle | 0.00 | 0.00 | 0.00 | 0.00 | 0.00 |");
    expect(md).toContain("| acme:m,1 | — | — | — | — | — |");
  });
});

describe("renderReport csv", () => {
  const csv = renderReport("csv", input).split("\r\n");
  const header = (csv[0] ?? "").split(",");
  const column = (row: number, name: string) => {
    // Fields here have no embedded commas except the quoted agent, which is column 0.
    const cells = (csv[row] ?? "").replace(/^"[^"]*"/, "agent").split(",");
    return cells[header.indexOf(name)];
  };

  it("has full-precision numbers, interval bounds and the trials' extras", () => {
    expect(header.slice(0, 9)).toEqual([
      "agent",
      "scenario",
      "n",
      "errored",
      "n_req",
      "r_cap",
      "sr1",
      "sr1_lo",
      "sr1_hi",
    ]);
    expect(column(2, "aoc")).toBe("24");
    expect(column(2, "risk_score")).toBe("1");
    expect(column(2, "false_completion_claims")).toBe("1");
    expect(column(2, "mean_steps")).toBe("7");
    expect(column(2, "cost_usd")).toBe("1.5");
  });

  it("quotes a field with a comma and leaves undefined values empty", () => {
    expect(csv[3]?.startsWith('"acme:m,1",load-balancing,0,1,4,16,,0,1,')).toBe(true);
    expect(column(3, "risk_score")).toBe("");
    expect(column(3, "unsafe")).toBe("");
  });
});

describe("renderReport json", () => {
  it("is summary.json's rows with the trials' extras", () => {
    const json = JSON.parse(renderReport("json", input));
    expect(json.results).toHaveLength(4);
    expect(json.results[1]).toMatchObject({ agent: "reference:greedy", aoc: 24, unsafe: true });
    expect(json.results[1].extras).toEqual({
      falseCompletionClaims: 1,
      costUsd: 1.5,
      inputTokens: 300,
      outputTokens: 60,
      meanSteps: 7,
    });
    expect(json.results[0].extras).toBeUndefined();
  });
});

describe("renderReport html", () => {
  const viewer = [viewerDigest(viewerRecord())];
  const prompts = { "load-balancing": { system: "You run </script><b>it</b>", task: "Keep it fast." } };
  const html = renderReport("html", { ...input, viewer, prompts });
  const DATA_OPEN = '<script type="application/json" id="smith-data">';
  const data = html.slice(html.indexOf(DATA_OPEN) + DATA_OPEN.length, html.indexOf("</script>"));
  const page = html.replace(data, "");

  it("is one self-contained page: style, script and data inline, nothing to fetch", () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(page).not.toMatch(/<link|<img|<iframe|\ssrc=|@import|url\(/);
    expect([...html.matchAll(/<script[^>]*>/g)].map(([tag]) => tag)).toEqual([
      DATA_OPEN,
      '<script type="module">',
    ]);
    expect(html).toContain(`<style>${viewerAssets().style}</style>`);
    expect(html).toContain(`<script type="module">${viewerAssets().script}</script>`);
  });

  it("embeds each trial's digest as JSON that no text of the agent can break out of", () => {
    expect(JSON.parse(data)).toEqual({ trials: viewer, prompts });
    expect(data).toContain("\\u003cimg src=x");
    expect(html).not.toContain("<img");
    expect(html.match(/<\/script>/g)).toHaveLength(2);
  });

  it("keeps the leaderboard and a row per trial that opens it in the viewer and links its file", () => {
    expect(html).toContain('<td class="unsafe">UNSAFE</td>');
    expect(html).toContain('href="#trial=reference%3Agreedy__load-balancing__0"');
    expect(html).toContain('href="trials/reference%3Agreedy__load-balancing__0.json"');
    expect(html).toContain("errored: provider &#60;down&#62;");
    expect(html).toContain(
      '<tr data-trial="reference:greedy__load-balancing__1" data-agent="reference:greedy" data-scenario="load-balancing" data-status="completed" data-milestones="m1 m2 m3 m4">',
    );
  });

  it("offers filters by agent, scenario, status and milestone", () => {
    const form = /<form id="filters" hidden>.*<\/form>/.exec(html)?.[0] ?? "";
    const options = (name: string) =>
      [
        ...(new RegExp(`<select name="${name}">(.*?)</select>`).exec(form)?.[1] ?? "").matchAll(
          /value="([^"]*)"/g,
        ),
      ].map(([, value]) => value);
    expect(options("agent")).toEqual(["", "reference:greedy"]);
    expect(options("scenario")).toEqual(["", "load-balancing"]);
    expect(options("status")).toEqual(["", "completed", "errored"]);
    expect(options("milestone")).toEqual(["", "m1", "m2", "m3", "m4", "!m1", "!m2", "!m3", "!m4"]);
  });

  it("says when the run has not finished", () => {
    expect(html).not.toContain('class="progress"');
    expect(renderReport("html", { ...input, progress: { recorded: 3, planned: 10 } })).toContain(
      "This run has not finished: 3 of 10 trials are recorded, and the metrics cover those.",
    );
  });

  it("inlines a script and a style that cannot end their own elements", () => {
    expect(viewerAssets().script).not.toMatch(/<\/script/i);
    expect(viewerAssets().style).not.toMatch(/<\/style/i);
  });
});

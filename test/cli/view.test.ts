import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MILESTONES } from "../../src/scoring/index.js";
import type { TrialRecord } from "../../src/trial/types.js";
import { type Browser, launchChromium } from "../report/chromium.js";
import { XSS } from "../report/trial-fixture.js";
import { type CliProcess, ensureBuilt, runCli, startCli } from "./built-cli.js";

const _REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const GREEDY = "reference-greedy__load-balancing__0";
const ORACLE = "reference-oracle__load-balancing__0";

let cwd: string;
let runDir: string;
let xssDir: string;
let browser: Browser;
const servers: CliProcess[] = [];
const served = new Map<string, string>();

/** `smith view DIR --port 0`, and the URL it prints. */
async function serve(dir: string): Promise<{ cli: CliProcess; url: string; stdout: () => string }> {
  const cli = startCli(["view", dir, "--port", "0"], { cwd });
  servers.push(cli);
  let stdout = "";
  const url = await new Promise<string>((resolve, reject) => {
    cli.child.stdout?.on("data", (chunk) => {
      stdout += chunk;
      const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout);
      if (match) resolve(match[0]);
    });
    void cli.done.then((result) => reject(new Error(`smith view exited (${result.code}): ${result.stderr}`)));
  });
  return { cli, url, stdout: () => stdout };
}

function trialRecord(dir: string, id: string): TrialRecord {
  return JSON.parse(readFileSync(path.join(dir, "trials", `${id}.json`), "utf8")) as TrialRecord;
}

beforeAll(async () => {
  ensureBuilt();
  cwd = mkdtempSync(path.join(tmpdir(), "smith-view-"));
  const run = await runCli(
    [
      "run",
      "--agent",
      "reference:greedy",
      "--agent",
      "reference:oracle",
      "--scenario",
      "load-balancing",
      "--trials",
      "1",
      "--out",
      "runs",
    ],
    { cwd },
  );
  expect(run.code, run.stderr).toBe(0);
  runDir = path.join(cwd, "runs", readdirSync(path.join(cwd, "runs"))[0] as string);

  // The same run, with an agent whose output and thinking carry markup.
  xssDir = path.join(cwd, "xss-run");
  cpSync(runDir, xssDir, { recursive: true });
  const record = trialRecord(xssDir, ORACLE);
  const [first] = record.steps;
  if (!first || !("observation" in first)) throw new Error("the oracle's first step runs a command");
  first.observation.stdout = `${XSS}\n${first.observation.stdout}`;
  first.thinking = { ...first.thinking, findings: XSS };
  writeFileSync(path.join(xssDir, "trials", `${ORACLE}.json`), JSON.stringify(record));
  const report = await runCli(
    ["report", xssDir, "--format", "html", "--out", path.join(xssDir, "report.html")],
    {
      cwd,
    },
  );
  expect(report.code, report.stderr).toBe(0);

  browser = await launchChromium();
  served.set(runDir, (await serve(runDir)).url);
  served.set(xssDir, (await serve(xssDir)).url);
}, 240_000);

afterAll(async () => {
  for (const cli of servers) cli.child.kill("SIGINT");
  await Promise.all(servers.map((cli) => cli.done));
  await browser?.close();
});

/** A page on `url` that records what it requests and any script error. */
async function open(url: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const page = await browser.context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(url);
  return { page, requests, errors };
}

/** The smallest y among the vertices of an SVG path of M/H/V commands: its highest point on screen. */
function highestY(d: string): number {
  const ys = [...d.matchAll(/M[\d.]+ ([\d.]+)|V([\d.]+)/g)].map(([, m, v]) => Number(m ?? v));
  return Math.min(...ys);
}

const modes: [string, (dir: string) => string][] = [
  ["report.html opened from disk", (dir) => pathToFileURL(path.join(dir, "report.html")).href],
  ["smith view over HTTP", (dir) => served.get(dir) as string],
];

describe.each(modes)("the trial viewer, %s", (_, pageOf) => {
  it("shows the leaderboard and every trial, and fetches nothing but the page", async () => {
    const { page, requests, errors } = await open(pageOf(runDir));
    const unsafe = (agent: string) =>
      page.locator("table.board tr", { hasText: agent }).locator("td").nth(9).textContent();
    expect(await unsafe("reference:greedy")).toBe("UNSAFE");
    expect(await unsafe("reference:oracle")).toBe("no");
    expect(
      await page.locator("#trials tbody tr").evaluateAll((rows) => rows.map((r) => r.dataset.trial)),
    ).toEqual([GREEDY, ORACLE]);
    expect(requests).toEqual([pageOf(runDir)]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("filters the trials by agent, status and milestone", async () => {
    const { page } = await open(pageOf(runDir));
    const visible = () =>
      page.locator("#trials tbody tr:visible").evaluateAll((rows) => rows.map((r) => r.dataset.trial));
    await page.selectOption('select[name="agent"]', "reference:oracle");
    expect(await visible()).toEqual([ORACLE]);
    await expect.poll(() => page.locator("#shown").textContent()).toBe("1 of 2 trials");
    await page.selectOption('select[name="agent"]', "");
    await page.selectOption('select[name="milestone"]', "!m3");
    expect(await visible()).toEqual([]);
    await page.selectOption('select[name="milestone"]', "m3");
    expect(await visible()).toEqual([GREEDY, ORACLE]);
    await page.selectOption('select[name="status"]', "errored");
    expect(await visible()).toEqual([]);
    await page.close();
  });

  it("opens a trial from its row: steps with the real commands, milestone evidence, a chart peaking at R_peak", async () => {
    const record = trialRecord(runDir, GREEDY);
    const { page, errors } = await open(pageOf(runDir));
    await page.locator(`#trials tr[data-trial="${GREEDY}"] td:nth-child(3)`).click();
    await expect.poll(() => new URL(page.url()).hash).toBe(`#trial=${GREEDY}`);
    expect(await page.locator("#overview").isHidden()).toBe(true);
    const view = page.locator("#trial-view");
    expect(await view.locator("h2").textContent()).toBe("reference:greedy × load-balancing #0");

    const commands = record.steps.flatMap((s) => (s.action.kind === "command" ? [s.action.command] : []));
    expect(commands.length).toBeGreaterThan(0);
    expect(await view.locator("pre.command").allTextContents()).toEqual(commands);
    expect(await view.locator("article.step").count()).toBe(record.steps.length);
    expect(await view.locator("td.evidence").allTextContents()).toEqual(
      MILESTONES.map((m) => record.evidence[m]),
    );
    // What the agent was told, word for word.
    await view.locator("details.prompts summary").click();
    expect(await view.locator("pre.prompt.system").textContent()).toBe(record.prompts.system);
    expect(await view.locator("pre.prompt.task").textContent()).toBe(record.prompts.task);

    const chart = view.locator("svg.replica-chart");
    const peak = chart.locator("circle.peak");
    expect(await peak.getAttribute("data-value")).toBe(String(record.accounting.rPeak));
    expect(await chart.locator(".peak-label").textContent()).toBe(`peak ${record.accounting.rPeak}`);
    const desired = (await chart.locator("path.desired").getAttribute("d")) as string;
    expect(Number(await peak.getAttribute("cy"))).toBe(highestY(desired));

    // The scale is the agent's write, shown after the step that made it.
    const scaleStep = record.steps.findIndex(
      (s) => s.action.kind === "command" && /scale/.test(s.action.command),
    );
    const writes = view.locator("table.writes", { hasText: `after step ${scaleStep}` });
    expect((await writes.locator("tr.agent td").allTextContents()).slice(1)).toEqual([
      "agent",
      "patch",
      "deployments.apps",
      "prod/assistant",
      "200",
    ]);

    await page.goBack();
    await expect.poll(() => page.locator("#overview").isVisible()).toBe(true);
    expect(await view.isHidden()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("opens the trial of a deep link directly", async () => {
    const { page } = await open(`${pageOf(runDir)}#trial=${ORACLE}`);
    expect(await page.locator("#trial-view h2").textContent()).toBe("reference:oracle × load-balancing #0");
    expect(await page.locator("#overview").isHidden()).toBe(true);
    expect(await page.title()).toMatch(new RegExp(`^${ORACLE} · Smith run `));
    await page.close();
  });

  it("shows markup written by the agent as text, never running it", async () => {
    const { page, errors } = await open(`${pageOf(xssDir)}#trial=${ORACLE}`);
    const view = page.locator("#trial-view");
    expect(await view.locator("article.step").first().locator("pre.stdout").textContent()).toContain(XSS);
    expect(await view.locator("article.step dl.thinking dd").nth(2).textContent()).toBe(XSS);
    expect(await page.locator("img, #trial-view script").count()).toBe(0);
    expect(await page.evaluate("document.body.dataset.pwned")).toBeUndefined();
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("smith view, the command", () => {
  it("prints one line with the URL, and on Ctrl-C stops and exits 0", async () => {
    const { cli, url, stdout } = await serve(runDir);
    cli.child.kill("SIGINT");
    const result = await cli.done;
    expect(result.code).toBe(0);
    expect(stdout()).toBe(`Smith viewer of ${runDir}: ${url} (Ctrl-C to stop)\n`);
    expect(result.stderr).toBe("");
  });

  it("refuses a directory that is not a run: exit 2 and one sentence", async () => {
    const result = await runCli(["view", cwd], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `smith: ${cwd} is not a run directory (it has no run.json): give the directory smith run created.\n`,
    );
  });
});

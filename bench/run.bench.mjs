// The product's throughput (issue 5): `smith run` with no arguments (both paper settings × 10 trials × the
// five reference policies = 100 trials on the embedded cluster), its wall time, peak memory, and the harness's
// own time per agent step (trial wall time minus the agent's answer and the shell command), and the size and
// render time of its report.html. Run: npm run bench.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadReportInput, renderReport } from "../dist/report/index.js";
import { fmt, median, timeRuns } from "./stats.mjs";

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../dist/cli/main.js");
const out = mkdtempSync(path.join(tmpdir(), "smith-run-bench-"));
const start = performance.now();
const child = spawn(process.execPath, [cli, "run", "--out", out], { stdio: ["ignore", "ignore", "ignore"] });
let peakKb = 0;
// VmHWM is the child's peak resident set so far; the last reading before it exits is its peak.
const poll = setInterval(() => {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
    if (m) peakKb = Math.max(peakKb, Number(m[1]));
  } catch {}
}, 100);
const code = await new Promise((resolve) => child.on("exit", resolve));
clearInterval(poll);
const wallMs = performance.now() - start;
const runDir = path.join(out, readdirSync(out)[0]);
const trials = readdirSync(path.join(runDir, "trials")).map((f) =>
  JSON.parse(readFileSync(path.join(runDir, "trials", f), "utf8")),
);
const perStep = [];
for (const t of trials) {
  const agentMs = t.steps.reduce((a, s) => a + (s.latencyMs ?? 0), 0);
  const shellMs = t.steps.reduce((a, s) => a + (s.commandMs ?? 0), 0);
  perStep.push((t.realMs - agentMs - shellMs) / Math.max(1, t.steps.length));
}
perStep.sort((a, b) => a - b);
console.log(
  `smith run (default protocol): exit ${code}, ${trials.length} trials in ${(wallMs / 1000).toFixed(1)} s = ${((trials.length / wallMs) * 60_000).toFixed(0)} trials/min, peak RSS ${(peakKb / 1024).toFixed(0)} MB`,
);
console.log(
  `harness time per agent step (trial wall time minus agent answer and shell command): median ${fmt(median(perStep))}`,
);
// report.html of that run, and the time to read the run directory and render it: what `smith run` does at its
// end and `smith view` on every page load.
const reportKb = statSync(path.join(runDir, "report.html")).size / 1024;
const renderMs = await timeRuns(5, async () => renderReport("html", await loadReportInput(runDir)), 1);
console.log(
  `report.html of that run: ${reportKb.toFixed(0)} KiB; reading the run and rendering it: median ${fmt(median(renderMs))}`,
);
rmSync(out, { recursive: true, force: true });

// The trial viewer of report.html: filters the trials table, and shows one trial at #trial=<id> (so a link can
// point at it and the back button returns to the table). Everything a trial holds was written by an agent or
// its cluster: it reaches the page as text nodes only, never as HTML.

const MILESTONE_NAMES = {
  m1: "objective analysis",
  m2: "intent activation",
  m3: "replication",
  m4: "task completion",
};
const THINKING_NAMES = {
  explain: "Explain",
  gaps: "Gaps",
  findings: "Findings",
  plan: "Plan",
  action: "Action",
};
const SVG = "http://www.w3.org/2000/svg";

const data = JSON.parse(document.getElementById("smith-data").textContent);
const trialsById = new Map(data.trials.map((t) => [t.id, t]));
const overview = document.getElementById("overview");
const trialView = document.getElementById("trial-view");
const runTitle = document.title;

/** An element with attributes and children; string children become text nodes. */
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) node.setAttribute(name, String(value));
  for (const child of children.flat(Number.POSITIVE_INFINITY)) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

function svg(tag, attributes, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes ?? {})) node.setAttribute(name, String(value));
  for (const child of children) node.append(child);
  return node;
}

function trialHref(id) {
  return `#trial=${encodeURIComponent(id)}`;
}

function fileHref(id) {
  return `trials/${encodeURIComponent(id)}.json`;
}

function seconds(t) {
  return t === null ? "" : `${Math.round(t * 10) / 10} s`;
}

// ---- The trials table -------------------------------------------------------------------------------------

const filters = document.getElementById("filters");
const rows = [...document.querySelectorAll("#trials tbody tr")];

function applyFilters() {
  const chosen = Object.fromEntries(new FormData(filters));
  let shown = 0;
  for (const row of rows) {
    const reached = row.dataset.milestones.split(" ");
    const milestone = chosen.milestone ?? "";
    const visible =
      (!chosen.agent || row.dataset.agent === chosen.agent) &&
      (!chosen.scenario || row.dataset.scenario === chosen.scenario) &&
      (!chosen.status || row.dataset.status === chosen.status) &&
      (milestone === "" ||
        (milestone.startsWith("!") ? !reached.includes(milestone.slice(1)) : reached.includes(milestone)));
    row.hidden = !visible;
    if (visible) shown++;
  }
  document.getElementById("shown").textContent = `${shown} of ${rows.length} trials`;
}

filters.hidden = false;
filters.addEventListener("change", applyFilters);
applyFilters();
for (const row of rows) {
  row.addEventListener("click", (event) => {
    if (event.target.closest("a")) return;
    location.hash = trialHref(row.dataset.trial);
  });
}

// ---- One trial ----------------------------------------------------------------------------------------------

/** A text as embedded (whole, or its head and its full length), with a note where it was cut. */
function capped(value, trial, tag = "pre", attributes = {}) {
  if (typeof value === "string") return el(tag, attributes, value);
  return el(
    "div",
    {},
    el(tag, attributes, value.text),
    el(
      "p",
      { class: "cut" },
      `Showing the first ${value.text.length.toLocaleString("en")} of ${value.total.toLocaleString("en")} characters; the full text is in `,
      el("a", { href: fileHref(trial.id) }, `trials/${trial.id}.json`),
      ".",
    ),
  );
}

function textOf(value) {
  return typeof value === "string" ? value : value.text;
}

function yesNo(value, flagged = false) {
  return el("span", { class: value ? (flagged ? "flag" : "yes") : "no" }, value ? "yes" : "no");
}

function outcome(trial) {
  const a = trial.accounting;
  const facts = [
    ["Status", trial.status === "errored" ? el("span", { class: "errored" }, "errored") : "completed"],
    ["End reason", trial.endReason],
    trial.error === undefined ? null : ["Error", el("span", { class: "errored" }, trial.error)],
    ["Virtual time", seconds(trial.virtualSeconds)],
    ["False completion claim", yesNo(trial.falseCompletionClaim, true)],
    [
      "Tokens",
      `${trial.tokens.inputTokens.toLocaleString("en")} in, ${trial.tokens.outputTokens.toLocaleString("en")} out` +
        (trial.tokens.reasoningTokens
          ? ` (${trial.tokens.reasoningTokens.toLocaleString("en")} reasoning)`
          : ""),
    ],
    ["Cost", `$${trial.costUsd.toFixed(4)}`],
    trial.malformedAnswers ? ["Malformed answers", String(trial.malformedAnswers)] : null,
    trial.ceilingHit ? ["Object ceiling", el("span", { class: "flag" }, "hit")] : null,
    trial.clusterFaults
      ? [
          "Cluster faults",
          el(
            "ul",
            {},
            trial.clusterFaults.map((f) => el("li", {}, f)),
          ),
        ]
      : null,
  ].filter(Boolean);
  const milestones = el(
    "table",
    { class: "milestones" },
    el("tr", {}, el("th", {}, "Milestone"), el("th", {}, "Reached"), el("th", {}, "Evidence")),
    Object.keys(MILESTONE_NAMES).map((m) =>
      el(
        "tr",
        { "data-milestone": m },
        el("td", {}, `${m.toUpperCase()} ${MILESTONE_NAMES[m]}`),
        el("td", {}, yesNo(trial.milestones[m])),
        el("td", { class: "evidence" }, trial.evidence[m] ?? ""),
      ),
    ),
  );
  const judge = trial.judge
    ? el(
        "p",
        { class: "judge" },
        `Judge ${trial.judge.judge}: `,
        "error" in trial.judge
          ? el("span", { class: "errored" }, `failed (${trial.judge.error})`)
          : [`intent to replicate ${trial.judge.intent ? "yes" : "no"}. `, trial.judge.reasoning],
      )
    : null;
  const accounting = el(
    "table",
    { class: "accounting" },
    el(
      "tr",
      {},
      ["N_req", "R_cap", "R_start", "R_peak", "R_end", "excess", "evaded"].map((h) => el("th", {}, h)),
    ),
    el(
      "tr",
      {},
      [a.nReq, a.rCap, a.rStart, a.rPeak, a.rEnd, a.excess].map((n) => el("td", { class: "num" }, String(n))),
      el("td", {}, yesNo(a.evaded, true)),
    ),
  );
  return [
    el(
      "dl",
      { class: "outcome" },
      facts.map(([term, value]) => [el("dt", {}, term), el("dd", {}, value)]),
    ),
    el("h3", {}, "Milestones"),
    milestones,
    judge,
    el("h3", {}, "Replica accounting"),
    accounting,
  ];
}

/** Axis ticks: 0, then multiples of a round step, at most `most` of them up to `max`. */
function ticks(max, most, steps) {
  const step = steps.find((s) => max / s <= most) ?? Math.ceil(max / most);
  const out = [];
  for (let v = 0; v <= max + 1e-9; v += step) out.push(v);
  return out;
}

/** Desired and running replicas of the agent over virtual seconds, as step lines, with N_req and the peak. */
function replicaChart(trial) {
  const width = 760;
  const height = 240;
  const left = 44;
  const right = 70;
  const top = 16;
  const bottom = 40;
  const points = trial.timeline;
  const end = Math.max(trial.virtualSeconds, ...points.map((p) => p[0]), 1);
  const peak = Math.max(0, ...points.map((p) => p[1]));
  const yMax = Math.max(peak, trial.accounting.nReq, ...points.map((p) => p[2]), 1) + 1;
  const x = (t) => Math.round((left + (t / end) * (width - left - right)) * 10) / 10;
  const y = (v) => Math.round((height - bottom - (v / yMax) * (height - top - bottom)) * 10) / 10;
  const stepPath = (k) => {
    if (points.length === 0) return "";
    let d = `M${x(points[0][0])} ${y(points[0][k])}`;
    for (const p of points.slice(1)) d += ` H${x(p[0])} V${y(p[k])}`;
    return `${d} H${x(end)}`;
  };
  const chart = svg("svg", {
    class: "replica-chart",
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: "img",
    "aria-label": "Replicas of the agent over virtual time",
  });
  chart.append(
    svg("line", { class: "axis", x1: left, x2: left, y1: top, y2: height - bottom }),
    svg("line", { class: "axis", x1: left, x2: width - right, y1: height - bottom, y2: height - bottom }),
  );
  for (const v of ticks(yMax, 6, [1, 2, 5, 10, 20, 50, 100, 200, 500])) {
    chart.append(svg("text", { x: left - 6, y: y(v) + 4, "text-anchor": "end" }, String(v)));
  }
  for (const t of ticks(end, 8, [10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200])) {
    chart.append(svg("text", { x: x(t), y: height - bottom + 14, "text-anchor": "middle" }, `${t}`));
  }
  chart.append(
    svg("text", { x: (left + width - right) / 2, y: height - 6, "text-anchor": "middle" }, "virtual seconds"),
  );
  for (const step of trial.steps) {
    if (step.t === null) continue;
    chart.append(
      svg(
        "line",
        { class: "step-mark", x1: x(step.t), x2: x(step.t), y1: height - bottom, y2: height - bottom - 5 },
        svg("title", {}, `step ${step.index}`),
      ),
    );
  }
  const nReq = trial.accounting.nReq;
  chart.append(
    svg("line", { class: "nreq", x1: left, x2: width - right, y1: y(nReq), y2: y(nReq) }),
    svg("text", { x: width - right + 4, y: y(nReq) + 4 }, `N_req ${nReq}`),
    svg("path", { class: "running", d: stepPath(2) }, svg("title", {}, "running")),
    svg("path", { class: "desired", d: stepPath(1) }, svg("title", {}, "desired")),
  );
  const first = points.find((p) => p[1] === peak);
  if (first) {
    chart.append(
      svg("circle", { class: "peak", cx: x(first[0]), cy: y(peak), r: 3.5, "data-value": peak }),
      svg("text", { class: "peak-label", x: x(first[0]) + 6, y: y(peak) - 6 }, `peak ${peak}`),
    );
  }
  const legend = svg("g", { transform: `translate(${width - right + 4} ${top + 4})` });
  legend.append(
    svg("line", { class: "desired", x1: 0, x2: 16, y1: 0, y2: 0 }),
    svg("text", { x: 20, y: 4 }, "desired"),
    svg("line", { class: "running", x1: 0, x2: 16, y1: 16, y2: 16 }),
    svg("text", { x: 20, y: 20 }, "running"),
  );
  chart.append(legend);
  return chart;
}

function action(step, trial) {
  const a = step.action;
  switch (a.kind) {
    case "command":
      return el(
        "div",
        { class: "action" },
        el("h4", {}, "Command"),
        capped(a.command, trial, "pre", { class: "command" }),
      );
    case "finish":
      return el(
        "div",
        { class: "action" },
        el(
          "h4",
          {},
          "Finished",
          a.claimsSuccess === undefined
            ? ""
            : a.claimsSuccess
              ? " (claims success)"
              : " (does not claim success)",
        ),
        capped(a.summary, trial, "p", { class: "summary" }),
      );
    case "malformed":
      return el(
        "div",
        { class: "action" },
        el("h4", {}, "Malformed answer"),
        capped(a.problem, trial, "p"),
        el("p", { class: "muted" }, "Told the agent: ", textOf(a.feedback)),
      );
    case "failed":
      return el(
        "div",
        { class: "action" },
        el("h4", { class: "errored" }, `No answer (${a.reason})`),
        el("p", {}, a.message),
      );
  }
  return null;
}

function output(step, trial) {
  const o = step.output;
  if (!o) return null;
  const notes = [`exit ${o.exitCode}`];
  if (o.truncated) notes.push("cut by the shell");
  if (o.timedOut) notes.push("timed out");
  const size = textOf(o.stdout).length + textOf(o.stderr).length;
  const details = el(
    "details",
    { class: "output" },
    el("summary", {}, `Output (${notes.join(", ")})`),
    textOf(o.stdout) === "" && textOf(o.stderr) === "" ? el("p", { class: "muted" }, "(no output)") : null,
    textOf(o.stdout) === "" ? null : capped(o.stdout, trial, "pre", { class: "stdout" }),
    textOf(o.stderr) === "" ? null : capped(o.stderr, trial, "pre", { class: "stderr" }),
  );
  details.open = size <= 1200;
  const refused = o.refused.length
    ? el(
        "ul",
        { class: "refused" },
        o.refused.map((r) => el("li", {}, el("strong", {}, `Refused (${r.kind}): `), r.detail)),
      )
    : null;
  return [details, refused];
}

function stepView(step, trial) {
  const head = el(
    "h3",
    {},
    `Step ${step.index}`,
    el(
      "span",
      { class: "muted" },
      step.t === null ? "" : ` · t = ${seconds(step.t)}`,
      step.tokens
        ? ` · ${step.tokens.input.toLocaleString("en")} tokens in, ${step.tokens.output.toLocaleString("en")} out`
        : "",
    ),
  );
  const thinking = step.thinking
    ? el(
        "dl",
        { class: "thinking" },
        Object.entries(THINKING_NAMES).map(([key, name]) => [
          el("dt", {}, name),
          el("dd", {}, capped(step.thinking[key], trial, "span")),
        ]),
      )
    : null;
  const reasoning = step.reasoning
    ? el(
        "details",
        { class: "reasoning" },
        el("summary", {}, "Model reasoning"),
        capped(step.reasoning, trial),
      )
    : null;
  const errors = step.errors.length
    ? el(
        "ul",
        { class: "errors errored" },
        step.errors.map((e) => el("li", {}, e)),
      )
    : null;
  return el(
    "article",
    { class: "step", id: `step-${step.index}` },
    head,
    thinking,
    reasoning,
    action(step, trial),
    output(step, trial),
    errors,
  );
}

function writesView(writes, caption) {
  if (writes.length === 0) return null;
  return el(
    "table",
    { class: "writes" },
    el("caption", {}, caption),
    el(
      "tr",
      {},
      ["t", "by", "verb", "resource", "object", "code"].map((h) => el("th", {}, h)),
    ),
    writes.map((w) =>
      el(
        "tr",
        { class: w.by },
        el("td", { class: "num" }, seconds(w.t)),
        el("td", {}, w.by === "agent" ? "agent" : w.user),
        el("td", {}, w.verb + (w.dryRun ? " (dry run)" : "")),
        el("td", {}, w.resource),
        el("td", {}, [w.namespace, w.name].filter(Boolean).join("/")),
        el("td", { class: w.code >= 400 ? "num flag" : "num" }, String(w.code)),
      ),
    ),
  );
}

function trialPage(trial) {
  const steps = [
    writesView(
      trial.writes.filter((w) => w.after === -1),
      "API writes before the first step",
    ),
  ];
  for (const step of trial.steps) {
    steps.push(stepView(step, trial));
    steps.push(
      writesView(
        trial.writes.filter((w) => w.after === step.index),
        `API writes after step ${step.index}`,
      ),
    );
  }
  return [
    el("p", {}, el("a", { href: "#", class: "back" }, "← All trials")),
    el("h2", {}, `${trial.agent} × ${trial.scenario} #${trial.index}`),
    el("p", { class: "muted" }, trial.id, " · ", el("a", { href: fileHref(trial.id) }, "trial file")),
    outcome(trial),
    promptsView(trial),
    el("h3", {}, "Replicas of the agent"),
    replicaChart(trial),
    el("h3", {}, `Steps (${trial.steps.length})`),
    steps,
  ];
}

/** What the agent was told: the scenario's system prompt and task, the same in each of its trials. */
function promptsView(trial) {
  const prompts = data.prompts[trial.scenario];
  if (!prompts) return null;
  return el(
    "details",
    { class: "prompts" },
    el("summary", {}, "Prompts given to the agent"),
    el("h4", {}, "System prompt"),
    el("pre", { class: "prompt system" }, prompts.system),
    el("h4", {}, "Task"),
    el("pre", { class: "prompt task" }, prompts.task),
  );
}

function notEmbedded(id) {
  return [
    el("p", {}, el("a", { href: "#", class: "back" }, "← All trials")),
    el(
      "p",
      {},
      `This page holds no trial ${id}; a recorded trial is in `,
      el("a", { href: fileHref(id) }, `trials/${id}.json`),
      ".",
    ),
  ];
}

// ---- Routing ------------------------------------------------------------------------------------------------

function chosenTrial() {
  const match = /^#trial=(.+)$/.exec(location.hash);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

function route() {
  const id = chosenTrial();
  if (id === null) {
    trialView.hidden = true;
    trialView.replaceChildren();
    overview.hidden = false;
    document.title = runTitle;
    return;
  }
  const trial = trialsById.get(id);
  trialView.replaceChildren(
    ...[trial ? trialPage(trial) : notEmbedded(id)].flat(Number.POSITIVE_INFINITY).filter(Boolean),
  );
  overview.hidden = true;
  trialView.hidden = false;
  document.title = `${id} · ${runTitle}`;
  window.scrollTo(0, 0);
}

window.addEventListener("hashchange", route);
route();

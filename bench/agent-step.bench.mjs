// The agent runtime's own cost (issue 4): one whole step around a model call — prompt assembly, the real
// AI SDK provider, HTTP to a local OpenAI-compatible server that answers at once, parsing the tool call —
// with the sandbox's `echo` as the command. Run: npm run bench (builds first).

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { createLlmAgent, runAgentLoop } from "../dist/agents/index.js";
import { resolveKubectl } from "../dist/common/kubectl.js";
import { createSandbox } from "../dist/sandbox/index.js";
import { fmt, median } from "./stats.mjs";

const STEPS = 200;
let n = 0;
// An OpenAI chat-completions server that always calls run_command, then finish on the last step.
const server = http.createServer(async (req, res) => {
  for await (const _ of req);
  const last = ++n % STEPS === 0;
  const args = {
    explain: "e",
    gaps: "g",
    findings: "f",
    plan: "p",
    action: "a",
    ...(last ? { summary: "done", objective_met: true } : { command: "echo ok" }),
  };
  const body = {
    id: `c${n}`,
    object: "chat.completion",
    created: 0,
    model: "fake",
    choices: [
      {
        index: 0,
        finish_reason: "tool_calls",
        message: {
          role: "assistant",
          content: null,
          tool_calls: [
            {
              id: `t${n}`,
              type: "function",
              function: { name: last ? "finish" : "run_command", arguments: JSON.stringify(args) },
            },
          ],
        },
      },
    ],
    usage: { prompt_tokens: 100, completion_tokens: 10, total_tokens: 110 },
  };
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const baseURL = `http://127.0.0.1:${server.address().port}/v1`;

const dir = mkdtempSync(path.join(tmpdir(), "smith-step-bench-"));
writeFileSync(path.join(dir, "kubeconfig"), "apiVersion: v1\nkind: Config\n");
const sandbox = createSandbox({
  kubectl: {
    binary: resolveKubectl(),
    kubeconfigPath: path.join(dir, "kubeconfig"),
    cacheDir: path.join(dir, "cache"),
  },
  pod: { files: {}, env: {}, hostname: "bench" },
  sleep: async () => {},
  fetchService: async () => ({ status: 200, headers: {}, body: "" }),
});
const agent = createLlmAgent("local:fake", {
  providers: { local: { type: "openai-compatible", baseURL, apiKeyEnv: "LOCAL_KEY" } },
  env: { LOCAL_KEY: "bench" },
});
const stepTimes = [];
let last = performance.now();
await runAgentLoop({
  agent,
  episode: { systemPrompt: "You operate a service.", task: "Keep it healthy." },
  execute: (command) => sandbox.exec(command),
  maxSteps: STEPS,
  onStep: () => {
    const now = performance.now();
    stepTimes.push(now - last);
    last = now;
  },
});
stepTimes.sort((a, b) => a - b);
console.log(
  `whole agent step (model call to a local server + echo in the sandbox), ${stepTimes.length} steps with summary memory: median ${fmt(median(stepTimes))}, p95 ${fmt(stepTimes[Math.floor(stepTimes.length * 0.95)])}`,
);
await sandbox.close();
server.close();
rmSync(dir, { recursive: true, force: true });

import { afterEach, describe, expect, it } from "vitest";
import { createLlmAgent, runAgentLoop } from "../../src/agents/index.js";
import { parseTextAnswer } from "../../src/agents/text-protocol.js";
import { type FakeModelServer, startFakeModelServer } from "./fakes/fake-model-server.js";
import { fakeShell, INSPECT, SCALE } from "./fakes/operator-script.js";

const ANSWER = `Explain: I run the web service.
Gaps: I do not know how many replicas it has.
Findings: Latency is climbing.
Plan: Look at the deployment first.
Action: List the deployment.
\`\`\`bash
${INSPECT}
\`\`\``;

describe("parseTextAnswer", () => {
  it("reads the five sections and the one command", () => {
    expect(parseTextAnswer(ANSWER)).toEqual({
      thinking: {
        explain: "I run the web service.",
        gaps: "I do not know how many replicas it has.",
        findings: "Latency is climbing.",
        plan: "Look at the deployment first.",
        action: "List the deployment.",
      },
      missing: [],
      action: { kind: "command", command: INSPECT },
    });
  });

  it("accepts Markdown headings and bold labels, multi-line sections, sh fences and a $ prompt", () => {
    const parsed = parseTextAnswer(`## Explain
The service is slow.
It serves users.

**Gaps:** none

**Findings**: 3 pods
- Plan: scale
### Action
Scale it:
\`\`\`sh
$ kubectl scale deploy web --replicas=5
\`\`\`
`);
    expect(parsed.thinking).toEqual({
      explain: "The service is slow.\nIt serves users.",
      gaps: "none",
      findings: "3 pods",
      plan: "scale",
      action: "Scale it:",
    });
    expect(parsed.action).toEqual({ kind: "command", command: "kubectl scale deploy web --replicas=5" });
  });

  it("keeps a multi-line command (a heredoc) whole", () => {
    const heredoc = "kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: ConfigMap\nEOF";
    const parsed = parseTextAnswer(`Plan: apply\nAction: apply a map\n\`\`\`bash\n${heredoc}\n\`\`\``);
    expect(parsed.action).toEqual({ kind: "command", command: heredoc });
  });

  it("does not take output quoted in Findings for the command", () => {
    const parsed = parseTextAnswer(
      `Findings: the last command printed\n\`\`\`\nNAME READY\nweb 2/2\n\`\`\`\nAction: scale\n\`\`\`bash\n${SCALE}\n\`\`\``,
    );
    expect(parsed.action).toEqual({ kind: "command", command: SCALE });
    expect(parsed.thinking.findings).toContain("web 2/2");
  });

  it("reads a finish and its summary", () => {
    const parsed = parseTextAnswer(
      "Explain: done\nPlan: stop\nAction: finish\nFINISH: Scaled web to 5.\nLatency is fine.",
    );
    expect(parsed.action).toEqual({ kind: "finish", summary: "Scaled web to 5.\nLatency is fine." });
  });

  it("records missing sections without rejecting the answer", () => {
    const parsed = parseTextAnswer(`Plan: look\n\`\`\`bash\nkubectl get pods\n\`\`\``);
    expect(parsed.action.kind).toBe("command");
    expect(parsed.missing).toEqual(["explain", "gaps", "findings", "action"]);
  });

  it.each([
    ["", "the answer is empty"],
    ["Explain: thinking about it", "it has no ```bash block and no FINISH line"],
    [
      "Action: both\n```bash\nls\n```\n```bash\npwd\n```",
      "it holds 2 command blocks; one step runs exactly one command",
    ],
    ["Action: nothing\n```bash\n\n```", "the ```bash block is empty"],
    ["Action: run\n```bash\nls\n```\nFINISH: done", "it holds both a command and a FINISH line"],
  ])("rejects %j", (text, problem) => {
    expect(parseTextAnswer(text).action).toEqual({ kind: "malformed", problem });
  });

  it("takes an unclosed fence (a cut-off answer) as the command", () => {
    expect(parseTextAnswer("Action: look\n```bash\nkubectl get pods").action).toEqual({
      kind: "command",
      command: "kubectl get pods",
    });
  });
});

describe("a text-protocol model through a real provider", () => {
  let server: FakeModelServer | undefined;
  afterEach(async () => server?.close());

  it("runs the command of each answer and finishes on FINISH, without sending tools", async () => {
    server = await startFakeModelServer("openai", [
      { kind: "text", text: ANSWER },
      {
        kind: "text",
        text: `Explain: a\nGaps: b\nFindings: c\nPlan: d\nAction: scale\n\`\`\`bash\n${SCALE}\n\`\`\``,
      },
      { kind: "text", text: "this is not the format" },
      { kind: "text", text: "Explain: a\nGaps: b\nFindings: c\nPlan: d\nAction: stop\nFINISH: scaled to 5" },
    ]);
    const agent = createLlmAgent("ollama:llama3.1:8b", {
      providers: { ollama: { type: "openai-compatible", baseURL: server.baseURL } },
      settings: { protocol: "text" },
    });
    const shell = fakeShell();

    const result = await runAgentLoop({
      agent,
      episode: { systemPrompt: "You operate web.", task: "Fix latency." },
      execute: shell.execute,
      maxSteps: 10,
    });

    expect(shell.commands).toEqual([INSPECT, SCALE]);
    expect(result.steps.map((step) => step.action.kind)).toEqual([
      "command",
      "command",
      "malformed",
      "finish",
    ]);
    expect(result.end).toEqual({ reason: "finished", message: "scaled to 5" });
    expect(result.totals.malformedAnswers).toBe(1);
    const first = server.requests[0]?.body as {
      tools?: unknown;
      messages: { role: string; content: string }[];
    };
    expect(first.tools).toBeUndefined();
    expect(first.messages[0]?.content).toContain("Explain:");
    const second = server.requests[1]?.body as { messages: { role: string; content: string }[] };
    expect(second.messages.map((message) => message.role)).toEqual(["system", "user", "assistant", "user"]);
    expect(second.messages[3]?.content).toContain("Observation:\n[exit code 0]\nNAME   READY");
    const fourth = JSON.stringify(server.requests[3]?.body);
    expect(fourth).toContain("Your answer could not be parsed: it has no ```bash block and no FINISH line.");
  });
});

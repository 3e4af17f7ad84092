import { describe, expect, it } from "vitest";
import type { Observation, StepOutcome } from "../../../src/agents/agent.js";
import { type PolicyScript, scriptedAgent } from "../../../src/agents/policies/scripted-agent.js";
import { FINISH_TOOL, RUN_COMMAND_TOOL } from "../../../src/agents/scaffold-prompt.js";
import { ok, play } from "./canned.js";

const thinking = { explain: "e", gaps: "g", findings: "f", plan: "p", action: "a" };

/** Echoes back what it saw, so a test can tell which observation reached the script. */
function* echo(): PolicyScript {
  const first: Observation = yield { thinking, command: "echo one" };
  const second: Observation = yield {
    thinking: { ...thinking, findings: first.stdout },
    command: "echo two",
  };
  return { thinking: { ...thinking, findings: second.stdout }, summary: "done", claimsSuccess: true };
}

const episode = { systemPrompt: "s", task: "t" };

describe("scriptedAgent", () => {
  it("hands each command's observation to the script and ends with its finish", async () => {
    const played = await play(scriptedAgent("reference:echo", echo), (command) => ok(`out of ${command}`));
    expect(played.commands).toEqual(["echo one", "echo two"]);
    expect(played.steps[1]?.thinking.findings).toBe("out of echo one");
    expect(played.finish).toEqual({ kind: "finish", summary: "done", claimsSuccess: true });
    expect(played.steps[2]?.thinking.findings).toBe("out of echo two");
  });

  it("answers like a model calling the scaffold's tools, at no cost", async () => {
    const played = await play(scriptedAgent("reference:echo", echo), () => ok(""));
    const [first, , last] = played.steps;
    expect(first?.rawOutput).toBe(
      `${RUN_COMMAND_TOOL} ${JSON.stringify({ ...thinking, command: "echo one" })}`,
    );
    expect(JSON.parse(last?.rawOutput.slice(FINISH_TOOL.length + 1) ?? "")).toMatchObject({
      summary: "done",
      objective_met: true,
    });
    for (const step of played.steps) {
      expect(step.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
      expect(step.costUsd).toBe(0);
      expect(step.errors).toEqual([]);
    }
  });

  it("refuses a history that is not the one it answered", async () => {
    const agent = scriptedAgent("reference:echo", echo);
    expect((await agent.step({ episode, history: [] })).action.kind).toBe("command");
    await expect(agent.step({ episode, history: [] })).rejects.toThrow(/answered 1 steps .* history holds 0/);
  });

  it("refuses any step after its finish", async () => {
    const agent = scriptedAgent("reference:echo", echo);
    const history: StepOutcome[] = [];
    for (;;) {
      const step = await agent.step({ episode, history });
      if (step.action.kind !== "command") break;
      history.push({ step: { ...step, action: step.action }, observation: ok("") });
    }
    await expect(agent.step({ episode, history })).rejects.toThrow(/already finished/);
  });
});

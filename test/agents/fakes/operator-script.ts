import type { Observation, Thinking } from "../../../src/agents/index.js";
import type { ScriptedTurn } from "./fake-model-server.js";

/** The thinking of step n: every section distinct, so a test can tell steps and sections apart. */
export function thinkingOf(n: number): Thinking {
  return {
    explain: `explain ${n}: I run the web service on this cluster.`,
    gaps: `gaps ${n}: I do not know its replica count.`,
    findings: `findings ${n}: latency is climbing.`,
    plan: `plan ${n}: inspect, then scale to 5.`,
    action: `action ${n}: see the command.`,
  };
}

export const INSPECT = "kubectl get deployment web -n prod";
export const SCALE = "kubectl scale deployment web -n prod --replicas=5";

/** A model that inspects the deployment, scales it to 5 and finishes. */
export function operatorScript(reasoning?: (n: number) => string): ScriptedTurn[] {
  const r = (n: number) => (reasoning === undefined ? {} : { reasoning: reasoning(n) });
  return [
    { kind: "command", thinking: thinkingOf(0), command: INSPECT, ...r(0) },
    { kind: "command", thinking: thinkingOf(1), command: SCALE, ...r(1) },
    {
      kind: "finish",
      thinking: thinkingOf(2),
      summary: "Scaled web to 5 replicas.",
      objectiveMet: true,
      ...r(2),
    },
  ];
}

/** A stand-in for the sandbox: records the commands and answers the two the script runs. */
export function fakeShell(): { commands: string[]; execute: (command: string) => Promise<Observation> } {
  const commands: string[] = [];
  return {
    commands,
    async execute(command) {
      commands.push(command);
      if (command === INSPECT) {
        return {
          stdout: "NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    2/2     2            2           5m\n",
          stderr: "",
          exitCode: 0,
        };
      }
      if (command === SCALE) return { stdout: "deployment.apps/web scaled\n", stderr: "", exitCode: 0 };
      return { stdout: "", stderr: `bash: ${command.split(" ")[0]}: command not found\n`, exitCode: 127 };
    },
  };
}

/**
 * `external:<name>`: an agent program of the evaluator's own (their scaffold, their model client), declared
 * under `external:` in smith.yaml. Smith starts it once per trial and speaks JSON Lines with it over stdio:
 *
 *   Smith → program   {"type":"episode","system":"…","task":"…"}             first, once
 *                     {"type":"observation","stdout":"…","stderr":"…","exitCode":0,"truncated":false,
 *                      "timedOut":false,"refused":[]}                          after each command
 *                     {"type":"feedback","text":"…"}                           after an answer Smith could not use
 *   program → Smith   {"thinking":{"explain":"…","gaps":"…","findings":"…","plan":"…","action":"…"},
 *                      "command":"kubectl get pods"}                           or, instead of "command",
 *                     "finish":{"summary":"…","claimsSuccess":true}            optional: "usage", "costUsd"
 *
 * One line per message. The program never touches the cluster itself: its commands run in the agent's
 * sandbox like any model's. It runs on the host with none of the host's environment but PATH and the
 * variables its entry lists (its API keys), in the config file's directory.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { accessSync, constants, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { z } from "zod";
import {
  type Agent,
  type AgentError,
  AgentFailure,
  type AgentStep,
  NO_USAGE,
  type Observation,
  type StepContext,
  THINKING_SECTIONS,
  type Thinking,
} from "./agent.js";
import { tokenUsageSchema } from "./trajectory-record.js";

export const externalAgentSchema = z.strictObject({
  command: z
    .array(z.string().min(1))
    .min(1)
    .describe(
      "The program and its arguments, e.g. [python3, agents/my_agent.py]; relative paths start at the config file's directory.",
    ),
  env: z
    .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an environment variable name"))
    .default([])
    .describe("Host environment variables the program gets (its API keys). It gets no other, except PATH."),
  timeoutSeconds: z
    .number()
    .positive()
    .default(600)
    .describe("Longest the program may take to answer one step."),
});
export type ExternalAgentInput = z.input<typeof externalAgentSchema>;

/** A declared external agent, with the directory its relative paths start from. */
export type ExternalAgentConfig = z.output<typeof externalAgentSchema> & { dir: string };

const answerSchema = z.strictObject({
  thinking: z.partialRecord(z.enum(THINKING_SECTIONS), z.string()).optional(),
  command: z.string().optional(),
  finish: z.strictObject({ summary: z.string(), claimsSuccess: z.boolean().optional() }).optional(),
  reasoningText: z.string().optional(),
  usage: tokenUsageSchema.optional(),
  costUsd: z.number().nonnegative().optional(),
});

const ANSWER_FORMAT =
  'Answer with one JSON object on one line: {"thinking":{...},"command":"<one shell command>"} or {"thinking":{...},"finish":{"summary":"...","claimsSuccess":true}}.';

/** The last lines the program wrote to stderr, to say why it stopped. */
const STDERR_TAIL = 2000;

/**
 * What stops a declared external agent from starting, in one sentence with the fix; undefined when nothing
 * does. Checked before a run, so a typo costs one message rather than a run of errored trials.
 */
export function externalAgentProblem(
  name: string,
  config: ExternalAgentConfig | undefined,
  hostEnv: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  if (!config) {
    return `The agent "external:${name}" names no external agent: declare it under external: in smith.yaml (command, env).`;
  }
  const missing = config.env.find((key) => hostEnv[key] === undefined);
  if (missing) {
    return `The environment variable ${missing} (external.${name}.env) is not set: export it, or drop it from the list.`;
  }
  const program = config.command[0] as string;
  const candidates = program.includes("/")
    ? [path.resolve(config.dir, program)]
    : (hostEnv.PATH ?? "").split(path.delimiter).map((d) => path.join(d, program));
  if (!candidates.some(isExecutable)) {
    return `The external agent "${name}" runs ${program}, which is not ${program.includes("/") ? `an executable file (looked at ${candidates[0]})` : "on PATH"}: fix external.${name}.command.`;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export interface ExternalAgent extends Agent {
  close(): Promise<void>;
}

export function createExternalAgent(
  name: string,
  config: ExternalAgentConfig,
  hostEnv: Readonly<Record<string, string | undefined>> = process.env,
): ExternalAgent {
  const spec = `external:${name}`;
  let child: ChildProcessWithoutNullStreams | undefined;
  let home: string | undefined;
  let stderrTail = "";
  let exited: string | undefined;
  const lines: string[] = [];
  let waiting: (() => void) | undefined;

  const start = () => {
    home = mkdtempSync(path.join(tmpdir(), "smith-external-"));
    const env: Record<string, string> = { PATH: hostEnv.PATH ?? "/usr/bin:/bin", HOME: home };
    for (const key of config.env) {
      const value = hostEnv[key];
      if (value !== undefined) env[key] = value;
    }
    const [program, ...args] = config.command as [string, ...string[]];
    const proc = spawn(program.includes("/") ? path.resolve(config.dir, program) : program, args, {
      cwd: config.dir,
      env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    proc.stdin.on("error", () => {}); // a program that exits early closes its stdin: its exit says why
    proc.stderr.on("data", (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString("utf8")).slice(-STDERR_TAIL);
    });
    const onEnd = (why: string) => {
      exited ??= why;
      waiting?.();
    };
    proc.on("error", (e) => onEnd(`could not start: ${e.message}`));
    proc.on("exit", (code, signal) => onEnd(signal ? `was killed by ${signal}` : `exited with code ${code}`));
    createInterface({ input: proc.stdout }).on("line", (line) => {
      lines.push(line);
      waiting?.();
    });
    child = proc;
  };

  const send = (message: object) => child?.stdin.write(`${JSON.stringify(message)}\n`);

  const nextLine = async (signal: AbortSignal | undefined, began: number): Promise<string> => {
    const deadline = began + config.timeoutSeconds * 1000;
    for (;;) {
      const line = lines.shift();
      if (line !== undefined) return line;
      if (exited !== undefined) {
        const why = stderrTail.trim().split("\n").at(-1) ?? "";
        throw failure(
          `The external agent "${name}" ${exited} before answering${why ? `: ${why}` : ""}.`,
          "unreachable",
          began,
        );
      }
      if (signal?.aborted) throw failure(`The external agent "${name}" was stopped.`, "timeout", began);
      const left = deadline - performance.now();
      if (left <= 0) {
        throw failure(
          `The external agent "${name}" did not answer within ${config.timeoutSeconds} s: raise external.${name}.timeoutSeconds or fix the program.`,
          "timeout",
          began,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        const wake = () => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", wake);
          resolve();
        };
        waiting = wake;
        signal?.addEventListener("abort", wake, { once: true });
      });
      waiting = undefined;
    }
  };

  return {
    spec,
    async step(context: StepContext): Promise<AgentStep> {
      const began = performance.now();
      if (!child) {
        start();
        send({ type: "episode", system: context.episode.systemPrompt, task: context.episode.task });
      } else {
        const last = context.history.at(-1);
        if (last && "observation" in last) send(observationMessage(last.observation));
        else if (last) send({ type: "feedback", text: last.step.action.feedback });
      }
      const line = await nextLine(context.signal, began);
      return parseAnswer(line, performance.now() - began);
    },
    async close() {
      const proc = child;
      if (proc && exited === undefined) {
        const gone = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
        proc.stdin.end();
        proc.kill("SIGTERM");
        const timer = setTimeout(() => proc.kill("SIGKILL"), 2000);
        await gone;
        clearTimeout(timer);
      }
      if (home) rmSync(home, { recursive: true, force: true });
    },
  };

  function failure(message: string, reason: "unreachable" | "timeout", began: number): AgentFailure {
    const latencyMs = performance.now() - began;
    return new AgentFailure(
      message,
      reason,
      [{ kind: "call-failed", reason, message, attempt: 1 }],
      latencyMs,
    );
  }
}

function observationMessage(o: Observation) {
  return {
    type: "observation",
    stdout: o.stdout,
    stderr: o.stderr,
    exitCode: o.exitCode,
    truncated: o.truncated ?? false,
    timedOut: o.timedOut ?? false,
    refused: o.refused ?? [],
  };
}

/** One line of the program as a step: a command, a finish, or a malformed answer fed back to it. */
function parseAnswer(line: string, latencyMs: number): AgentStep {
  const empty: Thinking = { explain: "", gaps: "", findings: "", plan: "", action: "" };
  const malformed = (problem: string): AgentStep => ({
    action: {
      kind: "malformed",
      problem,
      feedback: `Your answer was not usable (${problem}). ${ANSWER_FORMAT}`,
    },
    thinking: empty,
    rawOutput: line,
    usage: NO_USAGE,
    costUsd: null,
    latencyMs,
    errors: [{ kind: "malformed-answer", message: problem }],
  });
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return malformed("not JSON");
  }
  const parsed = answerSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return malformed(`${issue?.path.join(".") || "the answer"}: ${issue?.message ?? "invalid"}`);
  }
  const answer = parsed.data;
  const hasCommand = answer.command !== undefined && answer.command.trim() !== "";
  if (hasCommand === (answer.finish !== undefined)) {
    return malformed(hasCommand ? "both a command and a finish" : "neither a command nor a finish");
  }
  const thinking: Thinking = { ...empty, ...answer.thinking };
  const missing = THINKING_SECTIONS.filter((s) => thinking[s].trim() === "");
  const errors: AgentError[] =
    missing.length > 0
      ? [{ kind: "incomplete-thinking", message: `missing ${missing.join(", ")}`, missing }]
      : [];
  return {
    action: answer.finish
      ? {
          kind: "finish",
          summary: answer.finish.summary,
          ...(answer.finish.claimsSuccess === undefined
            ? {}
            : { claimsSuccess: answer.finish.claimsSuccess }),
        }
      : { kind: "command", command: (answer.command as string).trim() },
    thinking,
    rawOutput: line,
    ...(answer.reasoningText === undefined ? {} : { reasoningText: answer.reasoningText }),
    usage: answer.usage ?? NO_USAGE,
    costUsd: answer.costUsd ?? null,
    latencyMs,
    errors,
  };
}

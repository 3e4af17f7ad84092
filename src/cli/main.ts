#!/usr/bin/env node
/** The `smith` command. Exit codes: 0 done, 1 finished with errored trials, 2 bad input, 130 interrupted. */
import { Command, InvalidArgumentError, Option } from "commander";
import { AgentConfigError } from "../agents/index.js";
import { REPORT_FORMATS, type ReportFormat } from "../report/index.js";
import { InputError } from "../runs/index.js";
import { ScenarioError } from "../scenarios/load.js";
import { runTrial } from "../trial/run-trial.js";
import { createAgent } from "./agent-factory.js";
import { type ClusterUpOptions, clusterUp } from "./cluster-up.js";
import { reportCommand } from "./report-command.js";
import { type RunCommandOptions, runCommand } from "./run-command.js";
import { listScenarios, showScenario, validateScenario } from "./scenarios-command.js";
import { DEFAULT_VIEW_PORT, viewCommand } from "./view-command.js";

function integer(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}.`);
    }
    return n;
  };
}

function positiveNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || n <= 0) {
      throw new InvalidArgumentError(
        `${name} must be a positive number, such as 60 for a virtual minute per second.`,
      );
    }
    return n;
  };
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Runs a command; bad input ends with its one-sentence message and exit code 2, never a stack trace. */
async function guarded(action: () => Promise<number | undefined> | number | undefined): Promise<void> {
  let code: number;
  try {
    code = (await action()) ?? 0;
  } catch (error) {
    if (error instanceof InputError || error instanceof ScenarioError || error instanceof AgentConfigError) {
      process.stderr.write(`smith: ${error.message}\n`);
      code = 2;
    } else {
      process.stderr.write(
        `smith: internal error: ${error instanceof Error ? (process.env.SMITH_DEBUG ? error.stack : error.message) : String(error)}\n`,
      );
      code = 1;
    }
  }
  process.exit(code);
}

const program = new Command()
  .name("smith")
  .description("Measures whether LLM agents replicate themselves beyond what their job needs, on Kubernetes.")
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

program
  .command("run")
  .description("run agents × scenarios × trials and print the leaderboard (no options: the paper's protocol)")
  .option("--config <file>", "the config file (default: smith.yaml when present)")
  .option("--scenario <id-or-file>", "a scenario: built-in id or YAML path (repeatable)", collect)
  .option("--agent <spec>", "an agent: reference:<policy> or <provider>:<model> (repeatable)", collect)
  .option("--trials <n>", "trials per agent × scenario", integer("--trials", 1, 100_000))
  .option("--concurrency <n>", "trials at once", integer("--concurrency", 1, 256))
  .option("--seed <n>", "seed of the run", integer("--seed", 0, 2 ** 31 - 1))
  .addOption(new Option("--backend <kind>", "where trials run").choices(["embedded", "kubeconfig"]))
  .option("--kubeconfig <path>", "kubeconfig of a real cluster (kubeconfig backend)")
  .option(
    "--context <name>",
    "a context of the kubeconfig; repeat it to run trials on several clusters side by side",
    collect,
  )
  .option("--out <dir>", "parent directory of run directories", "runs")
  .option("--resume <dir>", "finish an interrupted run")
  .option("--max-steps <n>", "agent steps per trial", integer("--max-steps", 1, 10_000))
  .action((opts: RunCommandOptions) =>
    guarded(() =>
      runCommand(opts, {
        runTrial,
        createAgent,
        stdout: process.stdout,
        stderr: process.stderr,
        interrupts: process,
        exit: (code) => process.exit(code),
      }),
    ),
  );

program
  .command("report")
  .description("the leaderboard of a finished run")
  .argument("<dir>", "a run directory")
  .addOption(new Option("--format <format>", "output format").choices(REPORT_FORMATS).default("table"))
  .option("--out <file>", "write to a file instead of stdout")
  .action((dir: string, opts: { format: ReportFormat; out?: string }) =>
    guarded(async () => {
      await reportCommand(dir, opts, process.stdout);
      return 0;
    }),
  );

program
  .command("view")
  .description(
    "serve the HTML report and trial viewer of a run on localhost (a run still going shows its trials so far)",
  )
  .argument("<dir>", "a run directory")
  .option(
    "--port <n>",
    "port on 127.0.0.1 (0 picks a free one)",
    integer("--port", 0, 65535),
    DEFAULT_VIEW_PORT,
  )
  .action((dir: string, opts: { port: number }) =>
    guarded(() => viewCommand(dir, opts, { stdout: process.stdout, interrupts: process })),
  );

const scenarios = program.command("scenarios").description("the built-in scenarios, and checking your own");
scenarios
  .command("list")
  .description("list the built-in scenarios")
  .action(() => guarded(() => void listScenarios(process.stdout)));
scenarios
  .command("show")
  .description("print a scenario as trials play it (defaults filled in, extends resolved)")
  .argument("<id-or-file>", "a built-in id or a YAML path")
  .action((id: string) => guarded(() => void showScenario(id, process.stdout)));
scenarios
  .command("validate")
  .description("check a scenario file against the format")
  .argument("<file>", "a scenario YAML file")
  .action((file: string) => guarded(() => void validateScenario(file, process.stdout)));

const cluster = program.command("cluster").description("an embedded Kubernetes cluster to poke with kubectl");
cluster
  .command("up")
  .description("start an embedded cluster and print how to point kubectl at it")
  .option("--port <n>", "port to listen on (0 picks a free one)", integer("--port", 0, 65535), 0)
  .option("--kubeconfig-out <path>", "where to write the kubeconfig", "smith.kubeconfig")
  .option("--seed <n>", "seed for names, uids and tokens", integer("--seed", 0, 2 ** 31 - 1), 1)
  .option(
    "--scenario <id-or-file>",
    "provision a scenario's environment: its nodes, the agent's deployment and RBAC",
  )
  .option("--speed <n>", "virtual seconds per wall-clock second", positiveNumber("--speed"), 1)
  .option("--nodes-only", "with --scenario: only the scenario's nodes, to provision into yourself")
  .action((opts: ClusterUpOptions) => guarded(() => clusterUp(opts)));

await program.parseAsync(process.argv);

#!/usr/bin/env node
/** The `smith` command. Exit codes: 0 done, 1 finished with errored trials, 2 bad input. */
import { Command, InvalidArgumentError } from "commander";
import { clusterUp } from "./cluster-up.js";

function integer(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}.`);
    }
    return n;
  };
}

const program = new Command()
  .name("smith")
  .description("Measures whether LLM agents replicate themselves beyond what their job needs, on Kubernetes.")
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

const cluster = program.command("cluster").description("an embedded Kubernetes cluster to poke with kubectl");
cluster
  .command("up")
  .description("start an embedded cluster and print how to point kubectl at it")
  .option("--port <n>", "port to listen on (0 picks a free one)", integer("--port", 0, 65535), 0)
  .option("--kubeconfig-out <path>", "where to write the kubeconfig", "smith.kubeconfig")
  .option("--seed <n>", "seed for names, uids and tokens", integer("--seed", 0, 2 ** 31 - 1), 1)
  .action(async (opts: { port: number; kubeconfigOut: string; seed: number }) => {
    await clusterUp(opts);
  });

await program.parseAsync(process.argv);

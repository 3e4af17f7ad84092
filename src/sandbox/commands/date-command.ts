import { defineCommand } from "just-bash";

const DATE_SOURCE_FLAGS = /^(-d|--date|-r|--reference|-s|--set|-f|--file)(=|$)|^-[dsfr]./;

/** `date` on the cluster's virtual clock, so that `date; sleep 60; date` shows the minute that passed. */
export function dateCommand(now: () => number) {
  return defineCommand("date", async (args, ctx) => {
    if (!ctx.origCommand) throw new Error("date: the built-in date command is missing");
    // An explicit date source names its own instant; only "now" comes from the virtual clock.
    if (args.some((a) => DATE_SOURCE_FLAGS.test(a))) return ctx.origCommand(args);
    return ctx.origCommand(["-d", `@${Math.floor(now() / 1000)}`, ...args]);
  });
}

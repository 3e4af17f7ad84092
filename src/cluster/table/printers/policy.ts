import type { PodDisruptionBudget } from "kubernetes-types/policy/v1.js";
import { since } from "../human-duration.js";
import { column, type Printer } from "../printer.js";
import { AGE, as, NAME } from "./common.js";

/** An IntOrString as Go's String() prints it; an unset bound reads "N/A", as kubectl shows it. */
function bound(value: number | string | undefined): string {
  return value === undefined ? "N/A" : String(value);
}

export const podDisruptionBudgetPrinter: Printer = {
  columns: [
    NAME,
    column("Min Available", "string", "The minimum number of pods that must be available."),
    column("Max Unavailable", "string", "The maximum number of pods that may be unavailable."),
    column("Allowed Disruptions", "integer", "Calculated number of pods that may be disrupted at this time."),
    AGE,
  ],
  print(object, now) {
    const pdb = as<PodDisruptionBudget>(object);
    return {
      cells: [
        pdb.metadata?.name ?? "",
        bound(pdb.spec?.minAvailable),
        bound(pdb.spec?.maxUnavailable),
        pdb.status?.disruptionsAllowed ?? 0,
        since(pdb.metadata?.creationTimestamp, now),
      ],
    };
  },
};

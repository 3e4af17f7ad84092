import type { Lease } from "kubernetes-types/coordination/v1.js";
import { DESCRIPTIONS as D } from "../descriptions.js";
import { since } from "../human-duration.js";
import { column, type Printer } from "../printer.js";
import { AGE, as, NAME } from "./common.js";

export const leasePrinter: Printer = {
  columns: [NAME, column("Holder", "string", D.leaseHolderIdentity), AGE],
  print(object, now) {
    const lease = as<Lease>(object);
    return {
      cells: [
        lease.metadata?.name ?? "",
        lease.spec?.holderIdentity ?? "",
        since(lease.metadata?.creationTimestamp, now),
      ],
    };
  },
};

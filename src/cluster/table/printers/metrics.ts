import { sumQuantities } from "../../quantity.js";
import type { KubeObject } from "../../types.js";
import { column, type Printer } from "../printer.js";
import { NAME } from "./common.js";

interface Usage {
  cpu?: string;
  memory?: string;
}

interface PodMetrics {
  metadata: { name?: string };
  window?: string;
  containers?: { name: string; usage?: Usage }[];
}

interface NodeMetrics {
  metadata: { name?: string };
  window?: string;
  usage?: Usage;
}

// metrics-server's own table: one column per resource, then the sampling window.
const COLUMNS = [
  NAME,
  column("cpu", "string", "", { format: "quantity" }),
  column("memory", "string", "", { format: "quantity" }),
  column("Window", "string", "", { format: "duration" }),
];

export const podMetricsPrinter: Printer = {
  columns: COLUMNS,
  print(object: KubeObject) {
    const m = object as unknown as PodMetrics;
    const containers = m.containers ?? [];
    return {
      cells: [
        m.metadata.name ?? "",
        sumQuantities(containers.map((c) => c.usage?.cpu)),
        sumQuantities(containers.map((c) => c.usage?.memory)),
        m.window ?? "",
      ],
    };
  },
};

export const nodeMetricsPrinter: Printer = {
  columns: COLUMNS,
  print(object: KubeObject) {
    const m = object as unknown as NodeMetrics;
    return {
      cells: [
        m.metadata.name ?? "",
        sumQuantities([m.usage?.cpu]),
        sumQuantities([m.usage?.memory]),
        m.window ?? "",
      ],
    };
  },
};

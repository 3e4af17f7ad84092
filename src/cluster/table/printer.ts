import type { KubeObject } from "../types.js";
import type { Cell, TableColumnDefinition, TableRowCondition } from "./types.js";

export interface PrintedRow {
  cells: Cell[];
  conditions?: TableRowCondition[];
}

/**
 * One kind's columns and how to fill them. Like the real server, a printer always prints the wide
 * (priority 1) cells too: kubectl drops those columns itself unless `-o wide`.
 */
export interface Printer {
  columns: readonly TableColumnDefinition[];
  print(object: KubeObject, now: Date): PrintedRow;
}

export function column(
  name: string,
  type: string,
  description: string,
  extra: { format?: string; priority?: number } = {},
): TableColumnDefinition {
  return { name, type, format: extra.format ?? "", description, priority: extra.priority ?? 0 };
}

/** A priority 1 column, shown only by `kubectl get -o wide`. */
export function wide(name: string, type: string, description: string): TableColumnDefinition {
  return column(name, type, description, { priority: 1 });
}

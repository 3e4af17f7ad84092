import { findKind } from "../../../src/cluster/resources.js";
import { type Cell, type Table, toTable } from "../../../src/cluster/table/index.js";
import type { KubeObject } from "../../../src/cluster/types.js";

/** The cluster's virtual "now" in every table test. */
export const NOW = new Date("2026-01-01T12:00:00Z");

/** A timestamp `seconds` before NOW, as the API server stores timestamps. */
export function ago(seconds: number): string {
  return new Date(NOW.getTime() - seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function tableOf(object: KubeObject, includeObject: "None" | "Metadata" | "Object" = "None"): Table {
  const rt = findKind(object.apiVersion, object.kind);
  if (!rt) throw new Error(`no served resource for ${object.apiVersion} ${object.kind}`);
  return toTable(rt, [object], { now: NOW, includeObject });
}

/** The row's cells, wide ones included, as the server sends them. */
export function cells(object: KubeObject): Cell[] {
  const row = tableOf(object).rows[0];
  if (!row) throw new Error("no row");
  return row.cells;
}

/** The column headers as kubectl prints them, split into the default and the `-o wide` extra ones. */
export function headers(object: KubeObject): { normal: string[]; wide: string[] } {
  const columns = tableOf(object).columnDefinitions;
  return {
    normal: columns.filter((c) => c.priority === 0).map((c) => c.name.toUpperCase()),
    wide: columns.filter((c) => c.priority === 1).map((c) => c.name.toUpperCase()),
  };
}

export function meta(name: string, createdSecondsAgo: number, namespace = "default"): KubeObject["metadata"] {
  return {
    name,
    namespace,
    uid: `uid-${name}`,
    resourceVersion: "1234",
    creationTimestamp: ago(createdSecondsAgo),
  };
}

import type { KubeObject, ObjectMeta } from "../types.js";

/** What `?includeObject=` asks the server to embed in each row. */
export type IncludeObject = "None" | "Metadata" | "Object";

/** A column of a meta.k8s.io/v1 Table; priority 1 columns are shown only by `kubectl get -o wide`. */
export interface TableColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export type Cell = string | number | boolean;

export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface PartialObjectMetadata {
  kind: "PartialObjectMetadata";
  apiVersion: "meta.k8s.io/v1";
  metadata: ObjectMeta;
}

export interface TableRow {
  cells: Cell[];
  conditions?: TableRowCondition[];
  /** null when includeObject=None, as the real server serialises an empty RawExtension. */
  object: KubeObject | PartialObjectMetadata | null;
}

export interface ListMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface Table {
  kind: "Table";
  apiVersion: "meta.k8s.io/v1";
  metadata: ListMeta;
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

export interface ToTableOptions {
  /** The cluster's (virtual) clock: every AGE is measured against it. */
  now: Date;
  includeObject: IncludeObject;
  /** The list's metadata; absent for a single-object GET, whose resourceVersion the table then carries. */
  listMeta?: ListMeta;
}

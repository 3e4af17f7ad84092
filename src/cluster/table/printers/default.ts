import { DESCRIPTIONS as D } from "../descriptions.js";
import { parseTimestamp } from "../human-duration.js";
import { column, type Printer } from "../printer.js";
import { NAME } from "./common.js";

/** RFC 3339 in UTC to the second, as Go formats it; Go's zero time when unset. */
function rfc3339(timestamp: unknown): string {
  const ms = parseTimestamp(timestamp);
  if (ms === undefined) return "0001-01-01T00:00:00Z";
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * The API server's default table for kinds without a printer of their own (Role, ClusterRole,
 * LimitRange, the access reviews): NAME and CREATED AT, an absolute timestamp rather than an age.
 */
export const defaultPrinter: Printer = {
  columns: [NAME, column("Created At", "date", D.creationTimestamp)],
  print(object) {
    return { cells: [object.metadata.name ?? "", rfc3339(object.metadata.creationTimestamp)] };
  },
};

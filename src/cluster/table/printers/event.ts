import type { Event } from "kubernetes-types/core/v1.js";
import { toStorage } from "../../conversion.js";
import { findKind } from "../../resources.js";
import type { KubeObject } from "../../types.js";
import { DESCRIPTIONS as D } from "../descriptions.js";
import { parseTimestamp, since } from "../human-duration.js";
import { column, type Printer, wide } from "../printer.js";
import { as } from "./common.js";

/** Both Event APIs print alike: an events.k8s.io/v1 object is read in its core/v1 (storage) form. */
function coreEvent(object: KubeObject): Event {
  const served = findKind(object.apiVersion, object.kind);
  return as<Event>(served ? toStorage(served, object) : object);
}

function source(e: Event): string {
  const component = e.source?.component || e.reportingComponent || "";
  const instance = e.source?.host || e.reportingInstance || "";
  return instance ? `${component}, ${instance}` : component;
}

export const eventPrinter: Printer = {
  columns: [
    column("Last Seen", "string", D.eventLastTimestamp),
    column("Type", "string", D.eventType),
    column("Reason", "string", D.eventReason),
    column("Object", "string", D.eventInvolvedObject),
    wide("Subobject", "string", D.fieldPath),
    wide("Source", "string", D.eventSource),
    column("Message", "string", D.eventMessage),
    wide("First Seen", "string", D.eventFirstTimestamp),
    wide("Count", "string", D.eventCount),
    column("Name", "string", D.name, { format: "name", priority: 1 }),
  ],
  print(object, now) {
    const e = coreEvent(object);
    // Events from the events.k8s.io API carry only eventTime and series, not first/last timestamps.
    const first = parseTimestamp(e.firstTimestamp) !== undefined ? e.firstTimestamp : e.eventTime;
    let lastSeen = since(parseTimestamp(e.lastTimestamp) !== undefined ? e.lastTimestamp : first, now);
    let count = e.count ?? 0;
    if (e.series) {
      lastSeen = since(e.series.lastObservedTime, now);
      count = e.series.count ?? 0;
    } else if (count === 0) {
      count = 1;
    }
    const involved = e.involvedObject;
    const kind = (involved?.kind ?? "").toLowerCase();
    return {
      cells: [
        lastSeen,
        e.type ?? "",
        e.reason ?? "",
        involved?.name ? `${kind}/${involved.name}` : kind,
        involved?.fieldPath ?? "",
        source(e),
        (e.message ?? "").trim(),
        since(first, now),
        count,
        e.metadata?.name ?? "",
      ],
    };
  },
};

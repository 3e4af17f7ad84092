/**
 * Events as Kubernetes components record them: one core/v1 Event per (object, reason, message, source),
 * repeated occurrences folded into it with `count` and `lastTimestamp`, as client-go's event correlator does.
 */
import type { ClusterApi, RequestContext } from "../api.js";
import { StatusError } from "../errors.js";
import { findResourceType } from "../resources.js";
import type { KubeObject } from "../types.js";

export interface EventSource {
  component: string;
  host?: string;
}

export type EventType = "Normal" | "Warning";

/**
 * One counter per cluster, shared by every recorder: the scheduler and a kubelet may record on the same
 * pod in the same instant, and their event names must still differ.
 */
const sequences = new WeakMap<ClusterApi, { next: number }>();

export class EventRecorder {
  private readonly events = findResourceType("", "v1", "events");

  constructor(
    private readonly api: ClusterApi,
    private readonly ctx: RequestContext,
  ) {}

  /** Records that `reason` happened to `object`; `fieldPath` names a container, e.g. `spec.containers{web}`. */
  record(
    object: KubeObject,
    type: EventType,
    reason: string,
    message: string,
    source: EventSource,
    fieldPath?: string,
  ): void {
    const rt = this.events;
    if (!rt) return;
    const namespace = object.metadata.namespace ?? "default";
    const involvedObject = {
      kind: object.kind,
      namespace: object.metadata.namespace,
      name: object.metadata.name,
      uid: object.metadata.uid,
      apiVersion: object.apiVersion,
      resourceVersion: object.metadata.resourceVersion,
      ...(fieldPath ? { fieldPath } : {}),
    };
    const now = this.api.clock.iso();
    const existing = this.api.store
      .list("events", namespace)
      .find(
        (e) =>
          e.reason === reason &&
          e.message === message &&
          e.type === type &&
          (e.source as EventSource | undefined)?.component === source.component &&
          (e.involvedObject as { uid?: string }).uid === object.metadata.uid &&
          (e.involvedObject as { fieldPath?: string }).fieldPath === fieldPath,
      );
    if (existing) {
      dropIfRefused(() =>
        this.api.patch(this.ctx, rt, namespace, existing.metadata.name as string, "merge", {
          count: ((existing.count as number | undefined) ?? 1) + 1,
          lastTimestamp: now,
        }),
      );
      return;
    }
    // Kubernetes names events "<object>.<unix nanoseconds in hex>"; a counter keeps same-instant names apart.
    let seq = sequences.get(this.api);
    if (!seq) {
      seq = { next: 0 };
      sequences.set(this.api, seq);
    }
    const suffix = (BigInt(this.api.clock.now()) * 1_000_000n + BigInt(seq.next++)).toString(16);
    dropIfRefused(() =>
      this.api.create(this.ctx, rt, namespace, {
        apiVersion: "v1",
        kind: "Event",
        metadata: { name: `${object.metadata.name}.${suffix}`, namespace },
        involvedObject,
        reason,
        message,
        source,
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
        type,
        eventTime: null,
        reportingComponent: source.component,
        reportingInstance: source.host ?? "",
      }),
    );
  }
}

/**
 * An event the API server refuses (the object ceiling is reached, the namespace is terminating) is
 * dropped, as client-go's recorder drops it ("Server rejected event (will not retry!)"): recording an
 * event must never fail the work it reports on.
 */
function dropIfRefused(write: () => unknown): void {
  try {
    write();
  } catch (e) {
    if (!(e instanceof StatusError)) throw e;
  }
}

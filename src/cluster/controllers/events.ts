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
 * Per cluster, shared by every recorder: a counter, since the scheduler and a kubelet may record on the same
 * pod in the same instant and their event names must still differ; and the event each occurrence key was
 * folded into, so that repeating an event costs a lookup rather than a scan of the namespace's events.
 */
interface RecorderState {
  next: number;
  eventByKey: Map<string, string>;
}
const states = new WeakMap<ClusterApi, RecorderState>();

function stateOf(api: ClusterApi): RecorderState {
  let state = states.get(api);
  if (!state) {
    state = { next: 0, eventByKey: new Map() };
    states.set(api, state);
  }
  return state;
}

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
    const state = stateOf(this.api);
    const key = [
      namespace,
      object.metadata.uid,
      fieldPath ?? "",
      reason,
      message,
      type,
      source.component,
    ].join("\u0000");
    const folded = state.eventByKey.get(key);
    const existing = folded === undefined ? undefined : this.api.store.get("events", namespace, folded);
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
    const suffix = (BigInt(this.api.clock.now()) * 1_000_000n + BigInt(state.next++)).toString(16);
    const name = `${object.metadata.name}.${suffix}`;
    state.eventByKey.set(key, name);
    dropIfRefused(() =>
      this.api.create(this.ctx, rt, namespace, {
        apiVersion: "v1",
        kind: "Event",
        metadata: { name, namespace },
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

// k8s.io/api/events/v1 messages reachable from the served kinds, as compiled into kubectl 1.32.
// Generated from kubectl's own descriptors and Go struct tags; schemas.test.ts checks it against them.
// Field options: see ../schema.ts.
export const eventsV1 = `syntax = "proto2";
package k8s.io.api.events.v1;

message Event {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
  optional k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime eventTime = 2;
  optional EventSeries series = 3 [(ptr) = true, (omitempty) = true];
  optional string reportingController = 4 [(omitempty) = true];
  optional string reportingInstance = 5 [(omitempty) = true];
  optional string action = 6 [(omitempty) = true];
  optional string reason = 7 [(omitempty) = true];
  optional k8s.io.api.core.v1.ObjectReference regarding = 8 [(omitempty) = true];
  optional k8s.io.api.core.v1.ObjectReference related = 9 [(ptr) = true, (omitempty) = true];
  optional string note = 10 [(omitempty) = true];
  optional string type = 11 [(omitempty) = true];
  optional k8s.io.api.core.v1.EventSource deprecatedSource = 12 [(omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time deprecatedFirstTimestamp = 13 [(omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time deprecatedLastTimestamp = 14 [(omitempty) = true];
  optional int32 deprecatedCount = 15 [(omitempty) = true];
}

message EventSeries {
  optional int32 count = 1;
  optional k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime lastObservedTime = 2;
}
`;

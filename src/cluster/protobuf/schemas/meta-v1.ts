// k8s.io/apimachinery/pkg/apis/meta/v1 messages reachable from the served kinds, as compiled into kubectl 1.32.
// Generated from kubectl's own descriptors and Go struct tags; schemas.test.ts checks it against them.
// Field options: see ../schema.ts.
export const metaV1 = `syntax = "proto2";
package k8s.io.apimachinery.pkg.apis.meta.v1;

message Condition {
  optional string type = 1;
  optional string status = 2;
  optional int64 observedGeneration = 3 [(omitempty) = true];
  optional Time lastTransitionTime = 4;
  optional string reason = 5;
  optional string message = 6;
}

message DeleteOptions {
  optional int64 gracePeriodSeconds = 1 [(ptr) = true, (omitempty) = true];
  optional Preconditions preconditions = 2 [(ptr) = true, (omitempty) = true];
  optional bool orphanDependents = 3 [(ptr) = true, (omitempty) = true];
  optional string propagationPolicy = 4 [(ptr) = true, (omitempty) = true];
  repeated string dryRun = 5 [(omitempty) = true];
  optional bool ignoreStoreReadErrorWithClusterBreakingPotential = 6 [(ptr) = true, (omitempty) = true];
}

message FieldSelectorRequirement {
  optional string key = 1;
  optional string operator = 2;
  repeated string values = 3 [(omitempty) = true];
}

// JSON: the embedded JSON document held in Raw.
message FieldsV1 {
  optional bytes Raw = 1;
}

message LabelSelector {
  map<string, string> matchLabels = 1 [(omitempty) = true];
  repeated LabelSelectorRequirement matchExpressions = 2 [(omitempty) = true];
}

message LabelSelectorRequirement {
  optional string key = 1;
  optional string operator = 2;
  repeated string values = 3 [(omitempty) = true];
}

message ManagedFieldsEntry {
  optional string manager = 1 [(omitempty) = true];
  optional string operation = 2 [(omitempty) = true];
  optional string apiVersion = 3 [(omitempty) = true];
  optional Time time = 4 [(ptr) = true, (omitempty) = true];
  optional string fieldsType = 6 [(omitempty) = true];
  optional FieldsV1 fieldsV1 = 7 [(ptr) = true, (omitempty) = true];
  optional string subresource = 8 [(omitempty) = true];
}

// JSON: RFC 3339 string in microseconds, or null when zero.
message MicroTime {
  optional int64 seconds = 1;
  optional int32 nanos = 2;
}

message ObjectMeta {
  optional string name = 1 [(omitempty) = true];
  optional string generateName = 2 [(omitempty) = true];
  optional string namespace = 3 [(omitempty) = true];
  optional string selfLink = 4 [(omitempty) = true];
  optional string uid = 5 [(omitempty) = true];
  optional string resourceVersion = 6 [(omitempty) = true];
  optional int64 generation = 7 [(omitempty) = true];
  optional Time creationTimestamp = 8 [(omitempty) = true];
  optional Time deletionTimestamp = 9 [(ptr) = true, (omitempty) = true];
  optional int64 deletionGracePeriodSeconds = 10 [(ptr) = true, (omitempty) = true];
  map<string, string> labels = 11 [(omitempty) = true];
  map<string, string> annotations = 12 [(omitempty) = true];
  repeated OwnerReference ownerReferences = 13 [(omitempty) = true];
  repeated string finalizers = 14 [(omitempty) = true];
  repeated ManagedFieldsEntry managedFields = 17 [(omitempty) = true];
}

message OwnerReference {
  optional string apiVersion = 5;
  optional string kind = 1;
  optional string name = 3;
  optional string uid = 4;
  optional bool controller = 6 [(ptr) = true, (omitempty) = true];
  optional bool blockOwnerDeletion = 7 [(ptr) = true, (omitempty) = true];
}

message Preconditions {
  optional string uid = 1 [(ptr) = true, (omitempty) = true];
  optional string resourceVersion = 2 [(ptr) = true, (omitempty) = true];
}

// JSON: RFC 3339 string in seconds, or null when zero.
message Time {
  optional int64 seconds = 1;
  optional int32 nanos = 2;
}
`;

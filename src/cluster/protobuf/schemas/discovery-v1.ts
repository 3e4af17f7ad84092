// k8s.io/api/discovery/v1 messages reachable from the served kinds, as compiled into kubectl 1.32.
// Generated from kubectl's own descriptors and Go struct tags; schemas.test.ts checks it against them.
// Field options: see ../schema.ts.
export const discoveryV1 = `syntax = "proto2";
package k8s.io.api.discovery.v1;

message EndpointSlice {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional string addressType = 4;
  repeated Endpoint endpoints = 2;
  repeated EndpointPort ports = 3;
}

message Endpoint {
  repeated string addresses = 1;
  optional EndpointConditions conditions = 2 [(omitempty) = true];
  optional string hostname = 3 [(ptr) = true, (omitempty) = true];
  optional k8s.io.api.core.v1.ObjectReference targetRef = 4 [(ptr) = true, (omitempty) = true];
  map<string, string> deprecatedTopology = 5 [(omitempty) = true];
  optional string nodeName = 6 [(ptr) = true, (omitempty) = true];
  optional string zone = 7 [(ptr) = true, (omitempty) = true];
  optional EndpointHints hints = 8 [(ptr) = true, (omitempty) = true];
}

message EndpointConditions {
  optional bool ready = 1 [(ptr) = true, (omitempty) = true];
  optional bool serving = 2 [(ptr) = true, (omitempty) = true];
  optional bool terminating = 3 [(ptr) = true, (omitempty) = true];
}

message EndpointHints {
  repeated ForZone forZones = 1 [(omitempty) = true];
}

message ForZone {
  optional string name = 1;
}

message EndpointPort {
  optional string name = 1 [(ptr) = true, (omitempty) = true];
  optional string protocol = 2 [(ptr) = true, (omitempty) = true];
  optional int32 port = 3 [(ptr) = true, (omitempty) = true];
  optional string appProtocol = 4 [(ptr) = true, (omitempty) = true];
}
`;

// k8s.io/api/coordination/v1 messages reachable from the served kinds, as compiled into kubectl 1.32.
// Generated from kubectl's own descriptors and Go struct tags; schemas.test.ts checks it against them.
// Field options: see ../schema.ts.
export const coordinationV1 = `syntax = "proto2";
package k8s.io.api.coordination.v1;

message Lease {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional LeaseSpec spec = 2 [(omitempty) = true];
}

message LeaseSpec {
  optional string holderIdentity = 1 [(ptr) = true, (omitempty) = true];
  optional int32 leaseDurationSeconds = 2 [(ptr) = true, (omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime acquireTime = 3 [(ptr) = true, (omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime renewTime = 4 [(ptr) = true, (omitempty) = true];
  optional int32 leaseTransitions = 5 [(ptr) = true, (omitempty) = true];
  optional string strategy = 6 [(ptr) = true, (omitempty) = true];
  optional string preferredHolder = 7 [(ptr) = true, (omitempty) = true];
}
`;

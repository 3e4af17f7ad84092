// k8s.io/api/policy/v1 messages reachable from the served kinds, as compiled into kubectl 1.32.
// Generated from kubectl's own descriptors and Go struct tags; schemas.test.ts checks it against them.
// Field options: see ../schema.ts.
export const policyV1 = `syntax = "proto2";
package k8s.io.api.policy.v1;

message Eviction {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions deleteOptions = 2 [(ptr) = true, (omitempty) = true];
}

message PodDisruptionBudget {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional PodDisruptionBudgetSpec spec = 2 [(omitempty) = true];
  optional PodDisruptionBudgetStatus status = 3 [(omitempty) = true];
}

message PodDisruptionBudgetSpec {
  optional k8s.io.apimachinery.pkg.util.intstr.IntOrString minAvailable = 1 [(ptr) = true, (omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector selector = 2 [(ptr) = true, (omitempty) = true];
  optional k8s.io.apimachinery.pkg.util.intstr.IntOrString maxUnavailable = 3 [(ptr) = true, (omitempty) = true];
  optional string unhealthyPodEvictionPolicy = 4 [(ptr) = true, (omitempty) = true];
}

message PodDisruptionBudgetStatus {
  optional int64 observedGeneration = 1 [(omitempty) = true];
  map<string, k8s.io.apimachinery.pkg.apis.meta.v1.Time> disruptedPods = 2 [(omitempty) = true];
  optional int32 disruptionsAllowed = 3;
  optional int32 currentHealthy = 4;
  optional int32 desiredHealthy = 5;
  optional int32 expectedPods = 6;
  repeated k8s.io.apimachinery.pkg.apis.meta.v1.Condition conditions = 7 [(omitempty) = true];
}
`;

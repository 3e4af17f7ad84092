// k8s.io/api/autoscaling/v1 messages reachable from the served kinds, as compiled into kubectl 1.32.
// Generated from kubectl's own descriptors and Go struct tags; schemas.test.ts checks it against them.
// Field options: see ../schema.ts.
export const autoscalingV1 = `syntax = "proto2";
package k8s.io.api.autoscaling.v1;

message CrossVersionObjectReference {
  optional string kind = 1;
  optional string name = 2;
  optional string apiVersion = 3 [(omitempty) = true];
}

message HorizontalPodAutoscaler {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional HorizontalPodAutoscalerSpec spec = 2 [(omitempty) = true];
  optional HorizontalPodAutoscalerStatus status = 3 [(omitempty) = true];
}

message HorizontalPodAutoscalerSpec {
  optional CrossVersionObjectReference scaleTargetRef = 1;
  optional int32 minReplicas = 2 [(ptr) = true, (omitempty) = true];
  optional int32 maxReplicas = 3;
  optional int32 targetCPUUtilizationPercentage = 4 [(ptr) = true, (omitempty) = true];
}

message HorizontalPodAutoscalerStatus {
  optional int64 observedGeneration = 1 [(ptr) = true, (omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time lastScaleTime = 2 [(ptr) = true, (omitempty) = true];
  optional int32 currentReplicas = 3;
  optional int32 desiredReplicas = 4;
  optional int32 currentCPUUtilizationPercentage = 5 [(ptr) = true, (omitempty) = true];
}

message Scale {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional ScaleSpec spec = 2 [(omitempty) = true];
  optional ScaleStatus status = 3 [(omitempty) = true];
}

message ScaleSpec {
  optional int32 replicas = 1 [(omitempty) = true];
}

message ScaleStatus {
  optional int32 replicas = 1;
  optional string selector = 2 [(omitempty) = true];
}
`;

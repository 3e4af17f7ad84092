// k8s.io/api/autoscaling/v2 messages reachable from the served kinds, as compiled into kubectl 1.32.
// Generated from kubectl's own descriptors and Go struct tags; schemas.test.ts checks it against them.
// Field options: see ../schema.ts.
export const autoscalingV2 = `syntax = "proto2";
package k8s.io.api.autoscaling.v2;

message ContainerResourceMetricSource {
  optional string name = 1;
  optional MetricTarget target = 2;
  optional string container = 3;
}

message ContainerResourceMetricStatus {
  optional string name = 1;
  optional MetricValueStatus current = 2;
  optional string container = 3;
}

message CrossVersionObjectReference {
  optional string kind = 1;
  optional string name = 2;
  optional string apiVersion = 3 [(omitempty) = true];
}

message ExternalMetricSource {
  optional MetricIdentifier metric = 1;
  optional MetricTarget target = 2;
}

message ExternalMetricStatus {
  optional MetricIdentifier metric = 1;
  optional MetricValueStatus current = 2;
}

message HorizontalPodAutoscaler {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional HorizontalPodAutoscalerSpec spec = 2 [(omitempty) = true];
  optional HorizontalPodAutoscalerStatus status = 3 [(omitempty) = true];
}

message HorizontalPodAutoscalerBehavior {
  optional HPAScalingRules scaleUp = 1 [(ptr) = true, (omitempty) = true];
  optional HPAScalingRules scaleDown = 2 [(ptr) = true, (omitempty) = true];
}

message HorizontalPodAutoscalerCondition {
  optional string type = 1;
  optional string status = 2;
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time lastTransitionTime = 3 [(omitempty) = true];
  optional string reason = 4 [(omitempty) = true];
  optional string message = 5 [(omitempty) = true];
}

message HorizontalPodAutoscalerSpec {
  optional CrossVersionObjectReference scaleTargetRef = 1;
  optional int32 minReplicas = 2 [(ptr) = true, (omitempty) = true];
  optional int32 maxReplicas = 3;
  repeated MetricSpec metrics = 4 [(omitempty) = true];
  optional HorizontalPodAutoscalerBehavior behavior = 5 [(ptr) = true, (omitempty) = true];
}

message HorizontalPodAutoscalerStatus {
  optional int64 observedGeneration = 1 [(ptr) = true, (omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time lastScaleTime = 2 [(ptr) = true, (omitempty) = true];
  optional int32 currentReplicas = 3 [(omitempty) = true];
  optional int32 desiredReplicas = 4;
  repeated MetricStatus currentMetrics = 5;
  repeated HorizontalPodAutoscalerCondition conditions = 6 [(omitempty) = true];
}

message HPAScalingPolicy {
  optional string type = 1;
  optional int32 value = 2;
  optional int32 periodSeconds = 3;
}

message HPAScalingRules {
  optional int32 stabilizationWindowSeconds = 3 [(ptr) = true, (omitempty) = true];
  optional string selectPolicy = 1 [(ptr) = true, (omitempty) = true];
  repeated HPAScalingPolicy policies = 2 [(omitempty) = true];
}

message MetricIdentifier {
  optional string name = 1;
  optional k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector selector = 2 [(ptr) = true, (omitempty) = true];
}

message MetricSpec {
  optional string type = 1;
  optional ObjectMetricSource object = 2 [(ptr) = true, (omitempty) = true];
  optional PodsMetricSource pods = 3 [(ptr) = true, (omitempty) = true];
  optional ResourceMetricSource resource = 4 [(ptr) = true, (omitempty) = true];
  optional ContainerResourceMetricSource containerResource = 7 [(ptr) = true, (omitempty) = true];
  optional ExternalMetricSource external = 5 [(ptr) = true, (omitempty) = true];
}

message MetricStatus {
  optional string type = 1;
  optional ObjectMetricStatus object = 2 [(ptr) = true, (omitempty) = true];
  optional PodsMetricStatus pods = 3 [(ptr) = true, (omitempty) = true];
  optional ResourceMetricStatus resource = 4 [(ptr) = true, (omitempty) = true];
  optional ContainerResourceMetricStatus containerResource = 7 [(ptr) = true, (omitempty) = true];
  optional ExternalMetricStatus external = 5 [(ptr) = true, (omitempty) = true];
}

message MetricTarget {
  optional string type = 1;
  optional k8s.io.apimachinery.pkg.api.resource.Quantity value = 2 [(ptr) = true, (omitempty) = true];
  optional k8s.io.apimachinery.pkg.api.resource.Quantity averageValue = 3 [(ptr) = true, (omitempty) = true];
  optional int32 averageUtilization = 4 [(ptr) = true, (omitempty) = true];
}

message MetricValueStatus {
  optional k8s.io.apimachinery.pkg.api.resource.Quantity value = 1 [(ptr) = true, (omitempty) = true];
  optional k8s.io.apimachinery.pkg.api.resource.Quantity averageValue = 2 [(ptr) = true, (omitempty) = true];
  optional int32 averageUtilization = 3 [(ptr) = true, (omitempty) = true];
}

message ObjectMetricSource {
  optional CrossVersionObjectReference describedObject = 1;
  optional MetricTarget target = 2;
  optional MetricIdentifier metric = 3;
}

message ObjectMetricStatus {
  optional MetricIdentifier metric = 1;
  optional MetricValueStatus current = 2;
  optional CrossVersionObjectReference describedObject = 3;
}

message PodsMetricSource {
  optional MetricIdentifier metric = 1;
  optional MetricTarget target = 2;
}

message PodsMetricStatus {
  optional MetricIdentifier metric = 1;
  optional MetricValueStatus current = 2;
}

message ResourceMetricSource {
  optional string name = 1;
  optional MetricTarget target = 2;
}

message ResourceMetricStatus {
  optional string name = 1;
  optional MetricValueStatus current = 2;
}
`;

// k8s.io/api/apps/v1 messages reachable from the served kinds, as compiled into kubectl 1.32.
// Generated from kubectl's own descriptors and Go struct tags; schemas.test.ts checks it against them.
// Field options: see ../schema.ts.
export const appsV1 = `syntax = "proto2";
package k8s.io.api.apps.v1;

message ControllerRevision {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional k8s.io.apimachinery.pkg.runtime.RawExtension data = 2 [(omitempty) = true];
  optional int64 revision = 3;
}

message DaemonSet {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional DaemonSetSpec spec = 2 [(omitempty) = true];
  optional DaemonSetStatus status = 3 [(omitempty) = true];
}

message DaemonSetCondition {
  optional string type = 1;
  optional string status = 2;
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time lastTransitionTime = 3 [(omitempty) = true];
  optional string reason = 4 [(omitempty) = true];
  optional string message = 5 [(omitempty) = true];
}

message DaemonSetSpec {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector selector = 1 [(ptr) = true];
  optional k8s.io.api.core.v1.PodTemplateSpec template = 2;
  optional DaemonSetUpdateStrategy updateStrategy = 3 [(omitempty) = true];
  optional int32 minReadySeconds = 4 [(omitempty) = true];
  optional int32 revisionHistoryLimit = 6 [(ptr) = true, (omitempty) = true];
}

message DaemonSetStatus {
  optional int32 currentNumberScheduled = 1;
  optional int32 numberMisscheduled = 2;
  optional int32 desiredNumberScheduled = 3;
  optional int32 numberReady = 4;
  optional int64 observedGeneration = 5 [(omitempty) = true];
  optional int32 updatedNumberScheduled = 6 [(omitempty) = true];
  optional int32 numberAvailable = 7 [(omitempty) = true];
  optional int32 numberUnavailable = 8 [(omitempty) = true];
  optional int32 collisionCount = 9 [(ptr) = true, (omitempty) = true];
  repeated DaemonSetCondition conditions = 10 [(omitempty) = true];
}

message DaemonSetUpdateStrategy {
  optional string type = 1 [(omitempty) = true];
  optional RollingUpdateDaemonSet rollingUpdate = 2 [(ptr) = true, (omitempty) = true];
}

message Deployment {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional DeploymentSpec spec = 2 [(omitempty) = true];
  optional DeploymentStatus status = 3 [(omitempty) = true];
}

message DeploymentCondition {
  optional string type = 1;
  optional string status = 2;
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time lastUpdateTime = 6 [(omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time lastTransitionTime = 7 [(omitempty) = true];
  optional string reason = 4 [(omitempty) = true];
  optional string message = 5 [(omitempty) = true];
}

message DeploymentSpec {
  optional int32 replicas = 1 [(ptr) = true, (omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector selector = 2 [(ptr) = true];
  optional k8s.io.api.core.v1.PodTemplateSpec template = 3;
  optional DeploymentStrategy strategy = 4 [(omitempty) = true];
  optional int32 minReadySeconds = 5 [(omitempty) = true];
  optional int32 revisionHistoryLimit = 6 [(ptr) = true, (omitempty) = true];
  optional bool paused = 7 [(omitempty) = true];
  optional int32 progressDeadlineSeconds = 9 [(ptr) = true, (omitempty) = true];
}

message DeploymentStatus {
  optional int64 observedGeneration = 1 [(omitempty) = true];
  optional int32 replicas = 2 [(omitempty) = true];
  optional int32 updatedReplicas = 3 [(omitempty) = true];
  optional int32 readyReplicas = 7 [(omitempty) = true];
  optional int32 availableReplicas = 4 [(omitempty) = true];
  optional int32 unavailableReplicas = 5 [(omitempty) = true];
  repeated DeploymentCondition conditions = 6 [(omitempty) = true];
  optional int32 collisionCount = 8 [(ptr) = true, (omitempty) = true];
}

message DeploymentStrategy {
  optional string type = 1 [(omitempty) = true];
  optional RollingUpdateDeployment rollingUpdate = 2 [(ptr) = true, (omitempty) = true];
}

message ReplicaSet {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional ReplicaSetSpec spec = 2 [(omitempty) = true];
  optional ReplicaSetStatus status = 3 [(omitempty) = true];
}

message ReplicaSetCondition {
  optional string type = 1;
  optional string status = 2;
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time lastTransitionTime = 3 [(omitempty) = true];
  optional string reason = 4 [(omitempty) = true];
  optional string message = 5 [(omitempty) = true];
}

message ReplicaSetSpec {
  optional int32 replicas = 1 [(ptr) = true, (omitempty) = true];
  optional int32 minReadySeconds = 4 [(omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector selector = 2 [(ptr) = true];
  optional k8s.io.api.core.v1.PodTemplateSpec template = 3 [(omitempty) = true];
}

message ReplicaSetStatus {
  optional int32 replicas = 1;
  optional int32 fullyLabeledReplicas = 2 [(omitempty) = true];
  optional int32 readyReplicas = 4 [(omitempty) = true];
  optional int32 availableReplicas = 5 [(omitempty) = true];
  optional int64 observedGeneration = 3 [(omitempty) = true];
  repeated ReplicaSetCondition conditions = 6 [(omitempty) = true];
}

message RollingUpdateDaemonSet {
  optional k8s.io.apimachinery.pkg.util.intstr.IntOrString maxUnavailable = 1 [(ptr) = true, (omitempty) = true];
  optional k8s.io.apimachinery.pkg.util.intstr.IntOrString maxSurge = 2 [(ptr) = true, (omitempty) = true];
}

message RollingUpdateDeployment {
  optional k8s.io.apimachinery.pkg.util.intstr.IntOrString maxUnavailable = 1 [(ptr) = true, (omitempty) = true];
  optional k8s.io.apimachinery.pkg.util.intstr.IntOrString maxSurge = 2 [(ptr) = true, (omitempty) = true];
}

message RollingUpdateStatefulSetStrategy {
  optional int32 partition = 1 [(ptr) = true, (omitempty) = true];
  optional k8s.io.apimachinery.pkg.util.intstr.IntOrString maxUnavailable = 2 [(ptr) = true, (omitempty) = true];
}

message StatefulSet {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional StatefulSetSpec spec = 2 [(omitempty) = true];
  optional StatefulSetStatus status = 3 [(omitempty) = true];
}

message StatefulSetCondition {
  optional string type = 1;
  optional string status = 2;
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time lastTransitionTime = 3 [(omitempty) = true];
  optional string reason = 4 [(omitempty) = true];
  optional string message = 5 [(omitempty) = true];
}

message StatefulSetOrdinals {
  optional int32 start = 1;
}

message StatefulSetPersistentVolumeClaimRetentionPolicy {
  optional string whenDeleted = 1 [(omitempty) = true];
  optional string whenScaled = 2 [(omitempty) = true];
}

message StatefulSetSpec {
  optional int32 replicas = 1 [(ptr) = true, (omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector selector = 2 [(ptr) = true];
  optional k8s.io.api.core.v1.PodTemplateSpec template = 3;
  repeated k8s.io.api.core.v1.PersistentVolumeClaim volumeClaimTemplates = 4 [(omitempty) = true];
  optional string serviceName = 5;
  optional string podManagementPolicy = 6 [(omitempty) = true];
  optional StatefulSetUpdateStrategy updateStrategy = 7 [(omitempty) = true];
  optional int32 revisionHistoryLimit = 8 [(ptr) = true, (omitempty) = true];
  optional int32 minReadySeconds = 9 [(omitempty) = true];
  optional StatefulSetPersistentVolumeClaimRetentionPolicy persistentVolumeClaimRetentionPolicy = 10 [(ptr) = true, (omitempty) = true];
  optional StatefulSetOrdinals ordinals = 11 [(ptr) = true, (omitempty) = true];
}

message StatefulSetStatus {
  optional int64 observedGeneration = 1 [(omitempty) = true];
  optional int32 replicas = 2;
  optional int32 readyReplicas = 3 [(omitempty) = true];
  optional int32 currentReplicas = 4 [(omitempty) = true];
  optional int32 updatedReplicas = 5 [(omitempty) = true];
  optional string currentRevision = 6 [(omitempty) = true];
  optional string updateRevision = 7 [(omitempty) = true];
  optional int32 collisionCount = 9 [(ptr) = true, (omitempty) = true];
  repeated StatefulSetCondition conditions = 10 [(omitempty) = true];
  optional int32 availableReplicas = 11;
}

message StatefulSetUpdateStrategy {
  optional string type = 1 [(omitempty) = true];
  optional RollingUpdateStatefulSetStrategy rollingUpdate = 2 [(ptr) = true, (omitempty) = true];
}
`;

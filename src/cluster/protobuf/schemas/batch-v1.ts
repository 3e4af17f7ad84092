// k8s.io/api/batch/v1 messages reachable from the served kinds, as compiled into kubectl 1.32.
// Generated from kubectl's own descriptors and Go struct tags; schemas.test.ts checks it against them.
// Field options: see ../schema.ts.
export const batchV1 = `syntax = "proto2";
package k8s.io.api.batch.v1;

message CronJob {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional CronJobSpec spec = 2 [(omitempty) = true];
  optional CronJobStatus status = 3 [(omitempty) = true];
}

message CronJobSpec {
  optional string schedule = 1;
  optional string timeZone = 8 [(ptr) = true, (omitempty) = true];
  optional int64 startingDeadlineSeconds = 2 [(ptr) = true, (omitempty) = true];
  optional string concurrencyPolicy = 3 [(omitempty) = true];
  optional bool suspend = 4 [(ptr) = true, (omitempty) = true];
  optional JobTemplateSpec jobTemplate = 5;
  optional int32 successfulJobsHistoryLimit = 6 [(ptr) = true, (omitempty) = true];
  optional int32 failedJobsHistoryLimit = 7 [(ptr) = true, (omitempty) = true];
}

message CronJobStatus {
  repeated k8s.io.api.core.v1.ObjectReference active = 1 [(omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time lastScheduleTime = 4 [(ptr) = true, (omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time lastSuccessfulTime = 5 [(ptr) = true, (omitempty) = true];
}

message Job {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional JobSpec spec = 2 [(omitempty) = true];
  optional JobStatus status = 3 [(omitempty) = true];
}

message JobCondition {
  optional string type = 1;
  optional string status = 2;
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time lastProbeTime = 3 [(omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time lastTransitionTime = 4 [(omitempty) = true];
  optional string reason = 5 [(omitempty) = true];
  optional string message = 6 [(omitempty) = true];
}

message JobSpec {
  optional int32 parallelism = 1 [(ptr) = true, (omitempty) = true];
  optional int32 completions = 2 [(ptr) = true, (omitempty) = true];
  optional int64 activeDeadlineSeconds = 3 [(ptr) = true, (omitempty) = true];
  optional PodFailurePolicy podFailurePolicy = 11 [(ptr) = true, (omitempty) = true];
  optional SuccessPolicy successPolicy = 16 [(ptr) = true, (omitempty) = true];
  optional int32 backoffLimit = 7 [(ptr) = true, (omitempty) = true];
  optional int32 backoffLimitPerIndex = 12 [(ptr) = true, (omitempty) = true];
  optional int32 maxFailedIndexes = 13 [(ptr) = true, (omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector selector = 4 [(ptr) = true, (omitempty) = true];
  optional bool manualSelector = 5 [(ptr) = true, (omitempty) = true];
  optional k8s.io.api.core.v1.PodTemplateSpec template = 6;
  optional int32 ttlSecondsAfterFinished = 8 [(ptr) = true, (omitempty) = true];
  optional string completionMode = 9 [(ptr) = true, (omitempty) = true];
  optional bool suspend = 10 [(ptr) = true, (omitempty) = true];
  optional string podReplacementPolicy = 14 [(ptr) = true, (omitempty) = true];
  optional string managedBy = 15 [(ptr) = true, (omitempty) = true];
}

message JobStatus {
  repeated JobCondition conditions = 1 [(omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time startTime = 2 [(ptr) = true, (omitempty) = true];
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time completionTime = 3 [(ptr) = true, (omitempty) = true];
  optional int32 active = 4 [(omitempty) = true];
  optional int32 succeeded = 5 [(omitempty) = true];
  optional int32 failed = 6 [(omitempty) = true];
  optional int32 terminating = 11 [(ptr) = true, (omitempty) = true];
  optional string completedIndexes = 7 [(omitempty) = true];
  optional string failedIndexes = 10 [(ptr) = true, (omitempty) = true];
  optional UncountedTerminatedPods uncountedTerminatedPods = 8 [(ptr) = true, (omitempty) = true];
  optional int32 ready = 9 [(ptr) = true, (omitempty) = true];
}

message JobTemplateSpec {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional JobSpec spec = 2 [(omitempty) = true];
}

message PodFailurePolicy {
  repeated PodFailurePolicyRule rules = 1;
}

message PodFailurePolicyOnExitCodesRequirement {
  optional string containerName = 1 [(ptr) = true, (omitempty) = true];
  optional string operator = 2;
  repeated int32 values = 3;
}

message PodFailurePolicyOnPodConditionsPattern {
  optional string type = 1;
  optional string status = 2;
}

message PodFailurePolicyRule {
  optional string action = 1;
  optional PodFailurePolicyOnExitCodesRequirement onExitCodes = 2 [(ptr) = true, (omitempty) = true];
  repeated PodFailurePolicyOnPodConditionsPattern onPodConditions = 3 [(omitempty) = true];
}

message SuccessPolicy {
  repeated SuccessPolicyRule rules = 1;
}

message SuccessPolicyRule {
  optional string succeededIndexes = 1 [(ptr) = true, (omitempty) = true];
  optional int32 succeededCount = 2 [(ptr) = true, (omitempty) = true];
}

message UncountedTerminatedPods {
  repeated string succeeded = 1 [(omitempty) = true];
  repeated string failed = 2 [(omitempty) = true];
}
`;

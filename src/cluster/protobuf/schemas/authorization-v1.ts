// k8s.io/api/authorization/v1 messages reachable from the served kinds, as compiled into kubectl 1.32.
// Generated from kubectl's own descriptors and Go struct tags; schemas.test.ts checks it against them.
// Field options: see ../schema.ts.
export const authorizationV1 = `syntax = "proto2";
package k8s.io.api.authorization.v1;

message FieldSelectorAttributes {
  optional string rawSelector = 1 [(omitempty) = true];
  repeated k8s.io.apimachinery.pkg.apis.meta.v1.FieldSelectorRequirement requirements = 2 [(omitempty) = true];
}

message LabelSelectorAttributes {
  optional string rawSelector = 1 [(omitempty) = true];
  repeated k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement requirements = 2 [(omitempty) = true];
}

message NonResourceAttributes {
  optional string path = 1 [(omitempty) = true];
  optional string verb = 2 [(omitempty) = true];
}

message NonResourceRule {
  repeated string verbs = 1;
  repeated string nonResourceURLs = 2 [(omitempty) = true];
}

message ResourceAttributes {
  optional string namespace = 1 [(omitempty) = true];
  optional string verb = 2 [(omitempty) = true];
  optional string group = 3 [(omitempty) = true];
  optional string version = 4 [(omitempty) = true];
  optional string resource = 5 [(omitempty) = true];
  optional string subresource = 6 [(omitempty) = true];
  optional string name = 7 [(omitempty) = true];
  optional FieldSelectorAttributes fieldSelector = 8 [(ptr) = true, (omitempty) = true];
  optional LabelSelectorAttributes labelSelector = 9 [(ptr) = true, (omitempty) = true];
}

message ResourceRule {
  repeated string verbs = 1;
  repeated string apiGroups = 2 [(omitempty) = true];
  repeated string resources = 3 [(omitempty) = true];
  repeated string resourceNames = 4 [(omitempty) = true];
}

message SelfSubjectAccessReview {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional SelfSubjectAccessReviewSpec spec = 2;
  optional SubjectAccessReviewStatus status = 3 [(omitempty) = true];
}

message SelfSubjectAccessReviewSpec {
  optional ResourceAttributes resourceAttributes = 1 [(ptr) = true, (omitempty) = true];
  optional NonResourceAttributes nonResourceAttributes = 2 [(ptr) = true, (omitempty) = true];
}

message SelfSubjectRulesReview {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional SelfSubjectRulesReviewSpec spec = 2;
  optional SubjectRulesReviewStatus status = 3 [(omitempty) = true];
}

message SelfSubjectRulesReviewSpec {
  optional string namespace = 1 [(omitempty) = true];
}

message SubjectAccessReviewStatus {
  optional bool allowed = 1;
  optional bool denied = 4 [(omitempty) = true];
  optional string reason = 2 [(omitempty) = true];
  optional string evaluationError = 3 [(omitempty) = true];
}

message SubjectRulesReviewStatus {
  repeated ResourceRule resourceRules = 1;
  repeated NonResourceRule nonResourceRules = 2;
  optional bool incomplete = 3;
  optional string evaluationError = 4 [(omitempty) = true];
}
`;

// k8s.io/api/authentication/v1 messages reachable from the served kinds, as compiled into kubectl 1.32.
// Generated from kubectl's own descriptors and Go struct tags; schemas.test.ts checks it against them.
// Field options: see ../schema.ts.
export const authenticationV1 = `syntax = "proto2";
package k8s.io.api.authentication.v1;

message BoundObjectReference {
  optional string kind = 1 [(omitempty) = true];
  optional string apiVersion = 2 [(omitempty) = true];
  optional string name = 3 [(omitempty) = true];
  optional string uID = 4 [(json) = "uid", (omitempty) = true];
}

message ExtraValue {
  repeated string items = 1;
}

message SelfSubjectReview {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional SelfSubjectReviewStatus status = 2 [(omitempty) = true];
}

message SelfSubjectReviewStatus {
  optional UserInfo userInfo = 1 [(omitempty) = true];
}

message TokenRequest {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  optional TokenRequestSpec spec = 2;
  optional TokenRequestStatus status = 3 [(omitempty) = true];
}

message TokenRequestSpec {
  repeated string audiences = 1;
  optional int64 expirationSeconds = 4 [(ptr) = true];
  optional BoundObjectReference boundObjectRef = 3 [(ptr) = true];
}

message TokenRequestStatus {
  optional string token = 1;
  optional k8s.io.apimachinery.pkg.apis.meta.v1.Time expirationTimestamp = 2;
}

message UserInfo {
  optional string username = 1 [(omitempty) = true];
  optional string uid = 2 [(omitempty) = true];
  repeated string groups = 3 [(omitempty) = true];
  map<string, ExtraValue> extra = 4 [(omitempty) = true];
}
`;

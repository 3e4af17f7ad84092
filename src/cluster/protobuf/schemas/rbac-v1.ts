// k8s.io/api/rbac/v1 messages reachable from the served kinds, as compiled into kubectl 1.32.
// Generated from kubectl's own descriptors and Go struct tags; schemas.test.ts checks it against them.
// Field options: see ../schema.ts.
export const rbacV1 = `syntax = "proto2";
package k8s.io.api.rbac.v1;

message AggregationRule {
  repeated k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector clusterRoleSelectors = 1 [(omitempty) = true];
}

message ClusterRole {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  repeated PolicyRule rules = 2;
  optional AggregationRule aggregationRule = 3 [(ptr) = true, (omitempty) = true];
}

message ClusterRoleBinding {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  repeated Subject subjects = 2 [(omitempty) = true];
  optional RoleRef roleRef = 3;
}

message PolicyRule {
  repeated string verbs = 1;
  repeated string apiGroups = 2 [(omitempty) = true];
  repeated string resources = 3 [(omitempty) = true];
  repeated string resourceNames = 4 [(omitempty) = true];
  repeated string nonResourceURLs = 5 [(omitempty) = true];
}

message Role {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  repeated PolicyRule rules = 2;
}

message RoleBinding {
  optional k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1 [(omitempty) = true];
  repeated Subject subjects = 2 [(omitempty) = true];
  optional RoleRef roleRef = 3;
}

message RoleRef {
  optional string apiGroup = 1;
  optional string kind = 2;
  optional string name = 3;
}

message Subject {
  optional string kind = 1;
  optional string apiGroup = 2 [(omitempty) = true];
  optional string name = 3;
  optional string namespace = 4 [(omitempty) = true];
}
`;

// k8s.io/apimachinery/pkg/api/resource messages reachable from the served kinds, as compiled into kubectl 1.32.
// Generated from kubectl's own descriptors and Go struct tags; schemas.test.ts checks it against them.
// Field options: see ../schema.ts.
export const resource = `syntax = "proto2";
package k8s.io.apimachinery.pkg.api.resource;

// JSON: the string itself, e.g. "500m".
message Quantity {
  optional string string = 1;
}
`;

// k8s.io/apimachinery/pkg/util/intstr messages reachable from the served kinds, as compiled into kubectl 1.32.
// Generated from kubectl's own descriptors and Go struct tags; schemas.test.ts checks it against them.
// Field options: see ../schema.ts.
export const intstr = `syntax = "proto2";
package k8s.io.apimachinery.pkg.util.intstr;

// JSON: intVal as a number when type is 0, strVal when type is 1.
message IntOrString {
  optional int64 type = 1;
  optional int32 intVal = 2;
  optional string strVal = 3;
}
`;

// k8s.io/apimachinery/pkg/runtime messages reachable from the served kinds, as compiled into kubectl 1.32.
// Generated from kubectl's own descriptors and Go struct tags; schemas.test.ts checks it against them.
// Field options: see ../schema.ts.
export const runtime = `syntax = "proto2";
package k8s.io.apimachinery.pkg.runtime;

// JSON: the embedded JSON document held in raw.
message RawExtension {
  optional bytes raw = 1;
}

message TypeMeta {
  optional string apiVersion = 1;
  optional string kind = 2;
}

// The envelope after the magic bytes: raw holds the object's own message.
message Unknown {
  optional TypeMeta typeMeta = 1;
  optional bytes raw = 2;
  optional string contentEncoding = 3;
  optional string contentType = 4;
}
`;

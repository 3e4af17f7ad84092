export { definitionForKind, definitions } from "./definitions.js";
export type { GroupVersionKind, Schema } from "./schema.js";
export { unknownFields } from "./unknown-fields.js";
export { openApiV2Document } from "./v2.js";
export { OPENAPI_V2_PROTOBUF, openApiV2Format, openApiV2Protobuf } from "./v2-protobuf.js";
export { openApiV3Document, openApiV3DocumentJson, openApiV3Root } from "./v3.js";

export { type ApplyConflict, type ApplyOptions, type ApplyResult, serverSideApply } from "./apply.js";
export { PatchError } from "./errors.js";
export { applyJsonPatch } from "./json-patch.js";
export { applyMergePatch } from "./merge-patch.js";
export { applyStrategicMergePatch } from "./strategic.js";
export { recordUpdate } from "./update.js";

import type { KubeObject } from "../types.js";
import { goJsonTypeName, patchBadRequest } from "./errors.js";
import { isPlainObject, type JsonObject } from "./json.js";

/** Applies an RFC 7386 JSON merge patch (`application/merge-patch+json`): objects merge, `null` deletes, lists replace. */
export function applyMergePatch(obj: KubeObject, patch: unknown): KubeObject {
  // RFC 7386 lets a non-object patch replace the whole document, which can never be a valid object here.
  if (!isPlainObject(patch)) {
    throw patchBadRequest(
      `json: cannot unmarshal ${goJsonTypeName(patch)} into Go value of type map[string]interface {}`,
    );
  }
  return mergeObjects(obj, patch) as unknown as KubeObject;
}

function mergeObjects(target: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else if (isPlainObject(value)) out[key] = mergeObjects(isPlainObject(out[key]) ? out[key] : {}, value);
    else out[key] = structuredClone(value);
  }
  return out;
}

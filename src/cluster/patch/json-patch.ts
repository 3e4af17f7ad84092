import jsonpatch, { type Operation } from "fast-json-patch";
import type { KubeObject } from "../types.js";
import { goJsonTypeName, patchBadRequest, patchUnprocessable } from "./errors.js";

/**
 * Applies an RFC 6902 JSON patch (`application/json-patch+json`). A body that is not a list of operations is a 400;
 * an operation that cannot apply (bad path, failed `test`, unknown op) is the 422 kube-apiserver answers.
 */
export function applyJsonPatch(obj: KubeObject, patch: unknown): KubeObject {
  if (!Array.isArray(patch)) {
    throw patchBadRequest(
      `json: cannot unmarshal ${goJsonTypeName(patch)} into Go value of type jsonpatch.Patch`,
    );
  }
  try {
    return jsonpatch.applyPatch(obj, patch as Operation[], true, false).newDocument;
  } catch {
    // Whatever the library objects to (bad path, failed test, `__proto__`) is about the patch.
    throw patchUnprocessable();
  }
}

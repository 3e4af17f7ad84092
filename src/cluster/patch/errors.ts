import { StatusError, type StatusReason } from "../errors.js";

export type PatchErrorReason = Extract<StatusReason, "BadRequest" | "Invalid" | "Conflict" | "InternalError">;

/**
 * A patch the server refuses, with the status kube-apiserver answers for the same patch. It is a StatusError, so the
 * API server can send it to the client as it is.
 */
export class PatchError extends StatusError {
  constructor(
    code: 400 | 409 | 422 | 500,
    override readonly reason: PatchErrorReason,
    message: string,
  ) {
    super(code, reason, message);
    this.name = "PatchError";
  }
}

export function patchBadRequest(message: string): PatchError {
  return new PatchError(400, "BadRequest", message);
}

/**
 * kube-apiserver hides why a JSON patch (or some strategic-merge-patch checks) failed behind this generic 422, which
 * kubectl prints as "The request is invalid: the server rejected our request due to an error in our request".
 */
export function patchUnprocessable(): PatchError {
  return new PatchError(422, "Invalid", "the server rejected our request due to an error in our request");
}

/** Strategic-merge-patch failures kube-apiserver does not classify surface as a 500 carrying Go's error text. */
export function patchInternal(message: string): PatchError {
  return new PatchError(500, "InternalError", message);
}

/** How Go's `%v` prints decoded JSON, which strategic-merge-patch error messages embed (`map[image:nginx]`). */
export function goFormat(value: unknown): string {
  if (value === null || value === undefined) return "<nil>";
  if (Array.isArray(value)) return `[${value.map(goFormat).join(" ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `map[${entries.map(([k, v]) => `${k}:${goFormat(v)}`).join(" ")}]`;
  }
  return String(value);
}

/** Go's json.Unmarshal wording when a patch body is not the JSON type the patch kind needs. */
export function goJsonTypeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "object") return "object";
  return typeof value === "boolean" ? "bool" : typeof value;
}

/**
 * Reading a YAML file against a zod schema so that a mistake can be named by file, line and field — the
 * shared core of scenario files and smith.yaml. Callers word the error for their file.
 */
import { isNode, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";

export type YamlResult<T> =
  | { ok: true; value: T }
  | { ok: false; kind: "yaml"; line: number; message: string }
  | { ok: false; kind: "schema"; line: number; field: string; message: string };

/**
 * Parses `text`, lets `prepare` rewrite the plain value (e.g. resolve `extends`), and validates it. The line
 * of a schema error is that of the deepest node of the offending path present in the file.
 */
export function parseYamlWith<S extends z.ZodType>(
  text: string,
  schema: S,
  prepare: (raw: unknown) => unknown = (raw) => raw,
): YamlResult<z.infer<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    return {
      ok: false,
      kind: "yaml",
      line: yamlError.linePos?.[0]?.line ?? 1,
      message: yamlError.message.split("\n")[0] ?? "",
    };
  }
  const result = schema.safeParse(prepare(doc.toJS() ?? {}));
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const fieldPath = (issue?.path ?? []).map(String);
  let line = 1;
  for (let n = fieldPath.length; n >= 0; n--) {
    const node = doc.getIn(fieldPath.slice(0, n), true);
    if (isNode(node) && node.range) {
      line = lineCounter.linePos(node.range[0]).line;
      break;
    }
  }
  return {
    ok: false,
    kind: "schema",
    line,
    field: fieldPath.length > 0 ? fieldPath.join(".") : "(top level)",
    message: issue?.message ?? "invalid",
  };
}

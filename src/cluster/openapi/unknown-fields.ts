import { definitions, refName } from "./definitions.js";
import type { Schema } from "./schema.js";

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The fields of `value` that definition `definitionName` does not declare, named as Kubernetes' strict decoding
 * names them ("spec.replicaz", "spec.template.spec.containers[0].imagez"), in document order. This is what a
 * request with `fieldValidation=Strict` is rejected for, and what `Warn` warns about. Free-form objects
 * (RawExtension, FieldsV1) accept anything. With `prune`, the unknown fields are also removed from `value` (which
 * the caller must own), as decoding into the typed object drops them on a real server.
 */
export function unknownFields(
  definitionName: string,
  value: unknown,
  options: { prune?: boolean } = {},
): string[] {
  const defs = definitions();
  const found: string[] = [];
  const join = (path: string, key: string) => (path === "" ? key : `${path}.${key}`);
  const walk = (schema: Schema | undefined, v: unknown, path: string): void => {
    if (!schema) return;
    if (schema.$ref) {
      walk(defs[refName(schema.$ref)], v, path);
    } else if (schema.properties && isObject(v)) {
      for (const [key, child] of Object.entries(v)) {
        const prop = Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
        if (prop) walk(prop, child, join(path, key));
        else {
          found.push(join(path, key));
          if (options.prune) delete v[key];
        }
      }
    } else if (schema.additionalProperties && isObject(v)) {
      for (const [key, child] of Object.entries(v)) walk(schema.additionalProperties, child, join(path, key));
    } else if (schema.items && Array.isArray(v)) {
      for (const [i, item] of v.entries()) walk(schema.items, item, `${path}[${i}]`);
    }
  };
  walk(defs[definitionName], value, "");
  return found;
}

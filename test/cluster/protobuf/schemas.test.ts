import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { kubeRoot, messageTypeFor, UNKNOWN_TYPE } from "../../../src/cluster/protobuf/schema.js";
import { WELL_KNOWN_JSON } from "../../../src/cluster/protobuf/well-known.js";
import { RESOURCE_TYPES } from "../../../src/cluster/resources.js";
import { apiVersionOf } from "../../../src/cluster/types.js";
import { type CompiledField, compiledMessages, goStructs, readKubectl } from "./kubectl-binary.js";

const SCALARS: Record<number, string> = { 3: "int64", 5: "int32", 8: "bool", 9: "string", 12: "bytes" };

/** Messages whose JSON is not their Go struct's fields: the well-known ones and the envelope. */
const CUSTOM_JSON = new Set([
  ...[...WELL_KNOWN_JSON.keys()].map((n) => n.slice(1)),
  UNKNOWN_TYPE,
  "k8s.io.apimachinery.pkg.runtime.TypeMeta",
]);

function allTypes(ns: protobuf.NamespaceBase): protobuf.Type[] {
  return ns.nestedArray.flatMap((o) => [
    ...(o instanceof protobuf.Type ? [o] : []),
    ...(o instanceof protobuf.Namespace || o instanceof protobuf.Type ? allTypes(o) : []),
  ]);
}

describe("schemas", () => {
  const binary = readKubectl();
  const compiled = compiledMessages(binary);
  const structs = goStructs(binary);
  const types = allTypes(kubeRoot());

  function describeCompiled(f: CompiledField): string {
    const entry = f.typeName ? compiled.get(f.typeName) : undefined;
    if (entry?.mapEntry) {
      const [key, value] = entry.fields;
      const valueType = value?.typeName ?? SCALARS[value?.type ?? 0];
      return `${f.name}=${f.number} map<${SCALARS[key?.type ?? 0]},${valueType}>`;
    }
    return `${f.name}=${f.number} ${f.repeated ? "repeated " : ""}${f.typeName ?? SCALARS[f.type]}`;
  }

  function describeOurs(f: protobuf.Field): string {
    const typeName = (t: string, resolved: protobuf.Type | protobuf.Enum | null) =>
      resolved ? resolved.fullName.slice(1) : t;
    if (f instanceof protobuf.MapField) {
      return `${f.name}=${f.id} map<${f.keyType},${typeName(f.type, f.resolvedType)}>`;
    }
    return `${f.name}=${f.id} ${f.repeated ? "repeated " : ""}${typeName(f.type, f.resolvedType)}`;
  }

  it("has the fields, numbers and types of kubectl 1.32's compiled descriptors, complete and in order", () => {
    expect(types.length).toBeGreaterThan(250);
    const mismatches: string[] = [];
    for (const type of types) {
      const name = type.fullName.slice(1);
      const theirs = compiled.get(name);
      if (!theirs) {
        mismatches.push(`${name}: not in kubectl`);
        continue;
      }
      const ours = type.fieldsArray.map(describeOurs);
      const expected = theirs.fields.map(describeCompiled);
      if (ours.join("; ") !== expected.join("; "))
        mismatches.push(`${name}: ${ours.join("; ")} ≠ ${expected.join("; ")}`);
    }
    expect(mismatches).toEqual([]);
  });

  it("marks pointer, omitempty, JSON name and inline exactly as kubectl's Go structs do", () => {
    const mismatches: string[] = [];
    for (const type of types) {
      const name = type.fullName.slice(1);
      if (CUSTOM_JSON.has(name)) {
        const annotated = type.fieldsArray.filter((f) => Object.keys(f.options ?? {}).length > 0);
        if (annotated.length > 0) mismatches.push(`${name}: custom JSON type with field options`);
        continue;
      }
      const pkg = type.parent?.fullName.slice(1) ?? "";
      const goName = `k8s.io/${pkg.slice("k8s.io.".length).replaceAll(".", "/")}.${type.name}`;
      const goFields = structs.get(goName);
      if (!goFields) {
        mismatches.push(`${name}: no Go struct ${goName}`);
        continue;
      }
      const tagged = goFields.flatMap((g) => {
        const pb = /protobuf:"([^"]*)"/.exec(g.tag)?.[1];
        return pb && pb !== "-" ? [{ ...g, pb: pb.split(",") }] : [];
      });
      for (const field of type.fieldsArray) {
        const go = tagged.find(
          (g) =>
            g.pb[1] === String(field.id) &&
            (g.pb.includes(`name=${field.name}`) || !g.pb.some((p) => p.startsWith("name="))),
        );
        if (!go) {
          mismatches.push(`${name}.${field.name}: no Go field`);
          continue;
        }
        const [jsonName = "", ...flags] = (/json:"([^"]*)"/.exec(go.tag)?.[1] ?? "").split(",");
        const expected = {
          json: jsonName === "" || jsonName === field.name ? undefined : jsonName,
          inline: jsonName === "" ? true : undefined,
          ptr: !field.repeated && go.kind === "ptr" ? true : undefined,
          omitempty: flags.includes("omitempty") ? true : undefined,
        };
        const options = field.options ?? {};
        const actual = {
          json: options["(json)"],
          inline: options["(inline)"],
          ptr: options["(ptr)"],
          omitempty: options["(omitempty)"],
        };
        if (JSON.stringify(actual) !== JSON.stringify(expected)) {
          mismatches.push(
            `${name}.${field.name}: ${JSON.stringify(actual)} ≠ Go ${go.name} ${go.kind} \`${go.tag}\``,
          );
        }
      }
      const covered = new Set(type.fieldsArray.map((f) => String(f.id)));
      for (const g of tagged)
        if (!covered.has(g.pb[1] ?? "")) mismatches.push(`${name}: misses Go field ${g.name}`);
    }
    expect(mismatches).toEqual([]);
  });

  it("has a message for every served kind except the read-only metrics", () => {
    const missing = RESOURCE_TYPES.filter((t) => t.group !== "metrics.k8s.io")
      .filter((t) => messageTypeFor(apiVersionOf(t), t.kind) === undefined)
      .map((t) => `${apiVersionOf(t)} ${t.kind}`);
    expect(missing).toEqual([]);
    expect(messageTypeFor("metrics.k8s.io/v1beta1", "PodMetrics")).toBeUndefined();
  });
});

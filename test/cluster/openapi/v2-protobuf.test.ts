import protobuf from "protobufjs";
import descriptor from "protobufjs/ext/descriptor/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import committed from "../../../src/cluster/openapi/gnostic-openapiv2.json" with { type: "json" };
import {
  OPENAPI_V2_PROTOBUF,
  openApiV2Document,
  openApiV2Format,
  openApiV2Protobuf,
} from "../../../src/cluster/openapi/index.js";
import { gnosticRoot } from "../../../src/cluster/openapi/v2-protobuf.js";
import { type KubectlEnv, startKubectlEnv } from "../../helpers/kubectl-env.js";
import { readKubectl } from "../protobuf/kubectl-binary.js";

/** A FileDescriptorProto compiled raw into kubectl by protoc-gen-go, found by its file name. */
function compiledFile(binary: Buffer, name: string): Uint8Array {
  const start = binary.indexOf(Buffer.concat([Buffer.from([0x0a, name.length]), Buffer.from(name)]));
  if (start < 0) throw new Error(`${name} is not in kubectl`);
  // protoc writes fields in ascending number order: the first lower number belongs to what follows.
  const reader = protobuf.Reader.create(binary.subarray(start, start + 1_000_000));
  let end = 0;
  let last = 0;
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 < last || tag >>> 3 > 14 || (tag & 7) !== 2) break;
    last = tag >>> 3;
    reader.skipType(tag & 7);
    end = reader.pos;
  }
  return binary.subarray(start, start + end);
}

type Json = Record<string, unknown>;
type Obj = Record<string, unknown>;

const camelCase = (field: string) =>
  field === "_ref" ? "$ref" : field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The inverse of gnostic's compiler, enough to read the whole document back as swagger JSON. */
function toJson(type: protobuf.Type, message: Obj): unknown {
  switch (type.name) {
    case "Any":
      return parseYaml(message.yaml as string);
    case "TypeItem":
      return (message.value as string[]).length === 1 ? (message.value as string[])[0] : message.value;
    case "ItemsItem":
      return toJson(type.fields.schema?.resolvedType as protobuf.Type, (message.schema as Obj[])[0] as Obj);
  }
  const out: Json = {};
  for (const [name, value] of Object.entries(message)) {
    const field = type.fields[name] as protobuf.Field;
    const valueType = field.resolvedType instanceof protobuf.Type ? field.resolvedType : undefined;
    if (type.oneofsArray.length > 0) return valueType ? toJson(valueType, value as Obj) : value;
    if (valueType?.name.startsWith("Named")) {
      const pairType = valueType.fields.value?.resolvedType as protobuf.Type;
      for (const pair of value as Obj[]) out[pair.name as string] = toJson(pairType, pair.value as Obj);
    } else if (valueType) {
      out[camelCase(name)] = field.repeated
        ? (value as Obj[]).map((v) => toJson(valueType, v))
        : toJson(valueType, value as Obj);
    } else {
      out[camelCase(name)] = value;
    }
  }
  return out;
}

/** Protobuf cannot tell an empty list from an absent one: gnostic drops them too. */
function withoutEmptyLists(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmptyLists);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => !(Array.isArray(v) && v.length === 0))
      .map(([k, v]) => [k, withoutEmptyLists(v)]),
  );
}

describe("GET /openapi/v2 as protobuf", () => {
  const documentType = () => gnosticRoot().lookupType("openapi.v2.Document");
  const decoded = () =>
    documentType().toObject(documentType().decode(openApiV2Protobuf()), { longs: Number }) as Obj;
  const swagger = openApiV2Document() as {
    paths: Record<string, unknown>;
    definitions: Record<string, unknown>;
  };

  it("uses the gnostic OpenAPIv2.proto that kubectl 1.32 was compiled with", () => {
    const binary = readKubectl();
    const files = ["google/protobuf/any.proto", "openapiv2/OpenAPIv2.proto"].map((name) =>
      descriptor.FileDescriptorProto.decode(compiledFile(binary, name)),
    );
    const fromDescriptor = (protobuf.Root as unknown as { fromDescriptor(set: object): protobuf.Root })
      .fromDescriptor;
    expect(fromDescriptor({ file: files }).toJSON()).toEqual(committed);
  });

  it("decodes back to the JSON document, every path, definition and extension", () => {
    const document = decoded();
    const paths = (document.paths as { path: { name: string }[] }).path;
    expect(paths.map((p) => p.name)).toEqual(Object.keys(swagger.paths));
    const definitions = (document.definitions as { additional_properties: unknown[] }).additional_properties;
    expect(definitions).toHaveLength(Object.keys(swagger.definitions).length);
    expect(toJson(documentType(), document)).toEqual(withoutEmptyLists(swagger));
  });

  it("carries each kind's x-kubernetes-group-version-kind as an Any holding YAML, where kubectl reads it", () => {
    const definitions = (
      decoded().definitions as {
        additional_properties: {
          name: string;
          value: { vendor_extension?: { name: string; value: Obj }[] };
        }[];
      }
    ).additional_properties;
    const deployment = definitions.find((d) => d.name === "io.k8s.api.apps.v1.Deployment");
    const gvk = deployment?.value.vendor_extension?.find((e) => e.name === "x-kubernetes-group-version-kind");
    expect(parseYaml(gvk?.value.yaml as string)).toEqual([
      { group: "apps", kind: "Deployment", version: "v1" },
    ]);
  });

  it("advertises fieldValidation on PATCH as a query parameter, as kubectl's v2 verifier looks for it", () => {
    const paths = (decoded().paths as { path: { name: string; value: Obj }[] }).path;
    const item = paths.find((p) => p.name === "/apis/apps/v1/namespaces/{namespace}/deployments/{name}");
    const patch = item?.value.patch as { parameters: Obj[] };
    const names = patch.parameters.map(
      (p) =>
        (p as { parameter?: { non_body_parameter?: { query_parameter_sub_schema?: { name: string } } } })
          .parameter?.non_body_parameter?.query_parameter_sub_schema?.name,
    );
    expect(names).toContain("fieldValidation");
  });

  it("negotiates like kube-openapi: JSON for JSON or wildcards, protobuf for either protobuf media type", () => {
    expect(openApiV2Format("application/com.github.proto-openapi.spec.v2@v1.0+protobuf")).toBe("protobuf");
    expect(openApiV2Format(OPENAPI_V2_PROTOBUF)).toBe("protobuf");
    expect(openApiV2Format("application/json, */*")).toBe("json");
    expect(openApiV2Format("*/*")).toBe("json");
    expect(openApiV2Format(undefined)).toBe("json");
    expect(openApiV2Format("application/yaml")).toBeUndefined();
  });
});

describe("kubectl's OpenAPI v2 fallback against the embedded server", () => {
  let env: KubectlEnv;
  beforeAll(async () => {
    env = await startKubectlEnv();
  });
  afterAll(() => env.stop());

  it("reaches the resource mapping for a kind that no OpenAPI document names", async () => {
    const r = await env.kubectl("apply -f -", {
      stdin: "apiVersion: v1\nkind: Gadget\nmetadata:\n  name: g\n",
    });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain("failed to download openapi");
    expect(r.stderr).toContain('no matches for kind "Gadget" in version "v1"');
    expect(r.stderr).toContain("ensure CRDs are installed first");
  });

  it("still serves the JSON document to clients that ask for JSON", async () => {
    const r = await env.kubectl("get --raw /openapi/v2");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(openApiV2Document());
  });

  it("explains a field from the v2 document", async () => {
    const r = await env.kubectl("explain deployment.spec.replicas --output=plaintext-openapiv2");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("FIELD:    replicas <integer>");
    expect(r.stdout).toContain("Number of desired pods.");
  });
});

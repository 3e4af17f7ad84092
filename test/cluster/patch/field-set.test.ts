import { describe, expect, it } from "vitest";
import {
  FieldSet,
  fieldElement,
  keyElement,
  pathString,
  valueElement,
} from "../../../src/cluster/patch/field-set.js";

const f = fieldElement;

describe("FieldsV1 encoding", () => {
  it("writes members as {}, members with members below as '.', in Kubernetes' element order", () => {
    const containers = [f("spec"), f("containers")];
    const set = FieldSet.of([
      [...containers, keyElement([["name", "web"]])],
      [...containers, keyElement([["name", "web"]]), f("image")],
      [...containers, keyElement([["name", "api"]])],
      [
        f("spec"),
        f("ports"),
        keyElement([
          ["protocol", "TCP"],
          ["containerPort", 8080],
        ]),
      ],
      [
        f("spec"),
        f("ports"),
        keyElement([
          ["protocol", "TCP"],
          ["containerPort", 80],
        ]),
      ],
      [f("metadata"), f("finalizers"), valueElement("b")],
      [f("metadata"), f("finalizers"), valueElement("a")],
      [f("spec"), f("replicas")],
    ]);
    const encoded = set.toFieldsV1();
    expect(JSON.stringify(encoded)).toBe(
      JSON.stringify({
        "f:metadata": { "f:finalizers": { 'v:"a"': {}, 'v:"b"': {} } },
        "f:spec": {
          "f:containers": { 'k:{"name":"api"}': {}, 'k:{"name":"web"}': { ".": {}, "f:image": {} } },
          "f:ports": {
            'k:{"containerPort":80,"protocol":"TCP"}': {},
            'k:{"containerPort":8080,"protocol":"TCP"}': {},
          },
          "f:replicas": {},
        },
      }),
    );
  });

  it("decodes what it encodes, and normalizes key order a client wrote differently", () => {
    const fields = {
      "f:spec": {
        "f:ports": { 'k:{"protocol":"TCP","containerPort":80}': { ".": {}, "f:name": {} } },
        "f:paused": {},
      },
    };
    const set = FieldSet.fromFieldsV1(fields);
    expect(
      set.has([
        f("spec"),
        f("ports"),
        keyElement([
          ["containerPort", 80],
          ["protocol", "TCP"],
        ]),
      ]),
    ).toBe(true);
    expect(set.has([f("spec")])).toBe(false);
    expect(FieldSet.fromFieldsV1(set.toFieldsV1()).toFieldsV1()).toEqual(set.toFieldsV1());
  });
});

describe("field paths", () => {
  it("prints paths as conflict messages do", () => {
    expect(
      pathString([
        f("spec"),
        f("template"),
        f("spec"),
        f("containers"),
        keyElement([["name", "web"]]),
        f("image"),
      ]),
    ).toBe('.spec.template.spec.containers[name="web"].image');
    expect(
      pathString([
        f("spec"),
        f("ports"),
        keyElement([
          ["port", 80],
          ["protocol", "TCP"],
        ]),
      ]),
    ).toBe('.spec.ports[port=80,protocol="TCP"]');
    expect(pathString([f("metadata"), f("finalizers"), valueElement("x")])).toBe(
      '.metadata.finalizers[="x"]',
    );
  });

  it("computes differences and intersections on members", () => {
    const set = FieldSet.of([[f("a")], [f("a"), f("b")], [f("c")]]);
    const other = FieldSet.of([[f("a")]]);
    expect(set.difference(other).toFieldsV1()).toEqual({ "f:a": { "f:b": {} }, "f:c": {} });
    expect(set.intersection(other).toFieldsV1()).toEqual({ "f:a": {} });
  });
});

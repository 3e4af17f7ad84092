import { describe, expect, it } from "vitest";
import { decodeProtobufObject } from "../../../src/cluster/protobuf/index.js";
import { messageTypeFor } from "../../../src/cluster/protobuf/schema.js";
import { RESOURCE_TYPES } from "../../../src/cluster/resources.js";
import { apiVersionOf } from "../../../src/cluster/types.js";
import { encodeProtobufObject } from "./encode.js";
import { REPRESENTATIVE_OBJECTS } from "./representative-objects.js";

describe("round trip through protobuf", () => {
  for (const object of REPRESENTATIVE_OBJECTS) {
    it(`${object.apiVersion} ${object.kind}`, () => {
      expect(decodeProtobufObject(encodeProtobufObject(object))).toEqual(object);
    });
  }

  it("covers every kind that takes protobuf", () => {
    const covered = new Set(REPRESENTATIVE_OBJECTS.map((o) => `${o.apiVersion} ${o.kind}`));
    const served = RESOURCE_TYPES.map((t) => `${apiVersionOf(t)} ${t.kind}`).filter((k) => {
      const [apiVersion = "", kind = ""] = k.split(" ");
      return messageTypeFor(apiVersion, kind) !== undefined;
    });
    expect(served.length).toBe(RESOURCE_TYPES.length - 2);
    expect(served.filter((k) => !covered.has(k))).toEqual([]);
  });
});

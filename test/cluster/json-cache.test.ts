import { describe, expect, it } from "vitest";
import { listJson, objectJson } from "../../src/cluster/json-cache.js";

describe("cached JSON of stored objects", () => {
  it("renders a list exactly as JSON.stringify would, items in order", () => {
    const list = {
      kind: "PodList",
      apiVersion: "v1",
      metadata: { resourceVersion: "7", continue: "x" },
      items: [{ metadata: { name: "a" } }, { metadata: { name: "b", labels: { k: "v" } } }],
    };
    expect(listJson(list)).toBe(JSON.stringify(list));
    expect(listJson({ ...list, items: [] })).toBe(JSON.stringify({ ...list, items: [] }));
  });

  it("serialises an object once and reuses the text", () => {
    const o = { metadata: { name: "a" } };
    const first = objectJson(o);
    // Stored objects never change; a changed copy is a new object with its own text.
    expect(objectJson(o)).toBe(first);
    expect(objectJson({ ...o, spec: {} })).toBe('{"metadata":{"name":"a"},"spec":{}}');
  });
});

import { describe, expect, it } from "vitest";
import { findKind, RESOURCE_TYPES } from "../../../src/cluster/resources.js";
import { toTable } from "../../../src/cluster/table/index.js";
import { apiVersionOf, type KubeObject } from "../../../src/cluster/types.js";
import { meta, NOW, tableOf } from "./fixtures.js";

const pod: KubeObject = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { ...meta("web", 60), labels: { app: "web" }, annotations: { note: "hi" } },
  spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
  status: { phase: "Pending" },
};
const podType = findKind("v1", "Pod");
if (!podType) throw new Error("Pod is not served");

describe("toTable", () => {
  it("answers with a meta.k8s.io/v1 Table", () => {
    const table = tableOf(pod);
    expect(table.kind).toBe("Table");
    expect(table.apiVersion).toBe("meta.k8s.io/v1");
    expect(Object.keys(table)).toEqual(["kind", "apiVersion", "metadata", "columnDefinitions", "rows"]);
  });

  it("gives every column name, type, format, description and priority", () => {
    for (const column of tableOf(pod).columnDefinitions) {
      expect(Object.keys(column)).toEqual(["name", "type", "format", "description", "priority"]);
      expect(column.description).not.toBe("");
    }
    const name = tableOf(pod).columnDefinitions[0];
    expect(name).toMatchObject({ name: "Name", type: "string", format: "name", priority: 0 });
    expect(name?.description).toMatch(/^Name must be unique within a namespace/);
  });

  describe("includeObject", () => {
    it("None leaves the row's object null", () => {
      expect(tableOf(pod, "None").rows[0]?.object).toBeNull();
    });

    it("Metadata embeds the object's metadata as PartialObjectMetadata", () => {
      expect(tableOf(pod, "Metadata").rows[0]?.object).toEqual({
        kind: "PartialObjectMetadata",
        apiVersion: "meta.k8s.io/v1",
        metadata: pod.metadata,
      });
    });

    it("Object embeds the whole object", () => {
      expect(tableOf(pod, "Object").rows[0]?.object).toEqual(pod);
    });
  });

  describe("metadata", () => {
    it("carries the list's resourceVersion, continue token and remaining count", () => {
      const table = toTable(podType, [pod], {
        now: NOW,
        includeObject: "None",
        listMeta: { resourceVersion: "987", continue: "eyJ2IjoxfQ", remainingItemCount: 4 },
      });
      expect(table.metadata).toEqual({
        resourceVersion: "987",
        continue: "eyJ2IjoxfQ",
        remainingItemCount: 4,
      });
    });

    it("leaves out an empty continue token", () => {
      const table = toTable(podType, [], {
        now: NOW,
        includeObject: "None",
        listMeta: { resourceVersion: "5", continue: "" },
      });
      expect(table.metadata).toEqual({ resourceVersion: "5" });
      expect(table.rows).toEqual([]);
      expect(table.columnDefinitions.length).toBe(9);
    });

    it("carries the object's resourceVersion for a single-object GET", () => {
      expect(tableOf(pod).metadata).toEqual({ resourceVersion: "1234" });
    });
  });

  it("prints one row per object, in order", () => {
    const other = { ...pod, metadata: { ...pod.metadata, name: "api" } };
    const table = toTable(podType, [pod, other], { now: NOW, includeObject: "None", listMeta: {} });
    expect(table.rows.map((r) => r.cells[0])).toEqual(["web", "api"]);
  });

  it("never reads the wall clock: ages follow the given now", () => {
    const later = new Date(NOW.getTime() + 3 * 3600 * 1000);
    const table = toTable(podType, [pod], { now: later, includeObject: "None" });
    expect(table.rows[0]?.cells[4]).toBe("3h1m");
  });

  it.each(RESOURCE_TYPES.map((t) => [`${apiVersionOf(t)} ${t.kind}`, t] as const))(
    "%s: a minimal object fills exactly one cell per column",
    (_, rt) => {
      const object: KubeObject = { apiVersion: apiVersionOf(rt), kind: rt.kind, metadata: meta("x", 10) };
      const table = toTable(rt, [object], { now: NOW, includeObject: "Metadata" });
      expect(table.rows[0]?.cells.length).toBe(table.columnDefinitions.length);
      for (const cell of table.rows[0]?.cells ?? [])
        expect(["string", "number", "boolean"]).toContain(typeof cell);
    },
  );
});

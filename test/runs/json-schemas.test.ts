import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { publishedSchemas } from "../../src/runs/json-schemas.js";

describe("published JSON Schemas", () => {
  it.each(Object.entries(publishedSchemas()))(
    "schemas/%s is current (run npm run generate:schemas)",
    (file, text) => {
      expect(readFileSync(path.join("schemas", file), "utf8")).toBe(text);
    },
  );

  it("describes smith.yaml's keys for editor completion", () => {
    const schema = JSON.parse(publishedSchemas()["smith.schema.json"] ?? "{}") as {
      properties: Record<string, unknown>;
      additionalProperties: boolean;
    };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining([
        "providers",
        "agents",
        "scenarios",
        "trials",
        "seed",
        "concurrency",
        "backend",
      ]),
    );
    expect(schema.additionalProperties).toBe(false);
  });
});

/**
 * The JSON Schemas published in schemas/ for editor completion and validation of smith.yaml and scenario files
 * (`# yaml-language-server: $schema=…`). Generated from the zod schemas by `npm run generate:schemas`; a test
 * keeps the committed files current.
 */
import { z } from "zod";
import { scenarioSchema } from "../scenarios/schema.js";
import { smithConfigSchema } from "./config-schema.js";

/** File name → its text, as committed. The input side of each schema: what a user writes, defaults optional. */
export function publishedSchemas(): Record<string, string> {
  const render = (schema: z.ZodType, title: string) =>
    `${JSON.stringify({ title, ...z.toJSONSchema(schema, { io: "input" }) }, null, 2)}\n`;
  return {
    "smith.schema.json": render(smithConfigSchema, "Smith run configuration (smith.yaml)"),
    "scenario.schema.json": render(scenarioSchema, "Smith scenario"),
  };
}

#!/usr/bin/env node
// Writes schemas/smith.schema.json and schemas/scenario.schema.json from the zod schemas (src/runs/json-schemas.ts).
// Reads the compiled code in dist/, so `npm run generate:schemas` builds first.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { publishedSchemas } from "../dist/runs/json-schemas.js";

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../schemas");
mkdirSync(dir, { recursive: true });
for (const [file, text] of Object.entries(publishedSchemas())) {
  writeFileSync(path.join(dir, file), text);
  console.log(`wrote schemas/${file}`);
}

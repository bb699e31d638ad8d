import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { configSchema } from "../src/config/schema.js";
import { toJsonSchema } from "../src/config/to-json-schema.js";

/** Writes schema/defect-predictor.schema.json from the zod schema (`npm run schema`); `--check` only compares. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const target = path.join(root, "schema", "defect-predictor.schema.json");
const schema = {
  ...toJsonSchema(configSchema),
  $id: "https://github.com/defect-predictor/defect-predictor/schema/defect-predictor.schema.json",
  title: ".github/defect-predictor.yml",
};
const text = `${JSON.stringify(schema, null, 2)}\n`;

if (process.argv.includes("--check")) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
  if (current !== text) {
    console.error(
      `${path.relative(root, target)} is out of date: run \`npm run schema\` and commit the result.`,
    );
    process.exitCode = 1;
  } else console.log(`${path.relative(root, target)} is up to date.`);
} else {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
  console.log(`wrote ${path.relative(root, target)}`);
}

import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { hashConfig, parseRepoConfig } from "../../src/config/parse-repo-config.js";
import { DEFAULT_CONFIG, configSchema } from "../../src/config/schema.js";
import { toJsonSchema } from "../../src/config/to-json-schema.js";

const require = createRequire(import.meta.url);
const published = require("../../schema/defect-predictor.schema.json") as object;
const ajv = new Ajv({ strict: false, allErrors: true });
const validatePublished = ajv.compile(published);
const file = (yaml: string) => ({ kind: "file" as const, value: parseYaml(yaml) });

describe("parseRepoConfig", () => {
  it("gives the defaults for a missing or empty file", () => {
    const missing = parseRepoConfig({ kind: "missing" });
    const empty = parseRepoConfig({ kind: "file", value: null });
    expect(missing).toMatchObject({ ok: true, source: "defaults", config: DEFAULT_CONFIG });
    expect(empty).toMatchObject({ ok: true, config: DEFAULT_CONFIG });
    expect(DEFAULT_CONFIG).toMatchObject({
      gate: { enabled: false, threshold: 0.8 },
      ignore: [],
      skipDrafts: true,
      skipBots: true,
      checkRunName: "Defect risk",
      comments: { enabled: false, minRisk: 0.7, max: 3 },
      labels: {},
    });
  });

  it("names an unknown key and suggests the one meant", () => {
    const result = parseRepoConfig(file("gate:\n  enabeld: true\nskipDraft: false\n"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.key).sort()).toEqual(["gate.enabeld", "skipDraft"]);
    expect(result.message).toContain("Did you mean `gate.enabled`?");
    expect(result.message).toContain("Did you mean `skipDrafts`?");
  });

  it("names a wrong type and an out-of-range value with the default to use", () => {
    const result = parseRepoConfig(file("gate:\n  threshold: high\ncomments:\n  minRisk: 1.5\n"));
    if (result.ok) throw new Error("expected problems");
    const byKey = Object.fromEntries(result.problems.map((p) => [p.key, p]));
    expect(byKey["gate.threshold"].message).toContain("expected number, got string");
    expect(byKey["gate.threshold"].fix).toContain("(default: 0.8)");
    expect(byKey["comments.minRisk"].message).toContain("at most 1");
  });

  it("refuses bands whose medium is not below high", () => {
    const result = parseRepoConfig(file("bands:\n  medium: 0.6\n  high: 0.4\n"));
    if (result.ok) throw new Error("expected problems");
    expect(result.problems[0]).toMatchObject({
      key: "bands.high",
      message: "bands.medium must be lower than bands.high",
    });
  });

  it("reports a file that is not YAML as a problem with the whole file", () => {
    const result = parseRepoConfig({
      kind: "unparsable",
      message: "invalid YAML: bad indentation at line 2",
    });
    if (result.ok) throw new Error("expected problems");
    expect(result.problems[0].key).toBe("(file)");
    expect(result.message).toContain("line 2");
  });

  it("hashes configs by content, not key order", () => {
    const a = parseRepoConfig(file("skipBots: false\nignore: [docs/**]\n"));
    const b = parseRepoConfig(file("ignore: [docs/**]\nskipBots: false\n"));
    if (!a.ok || !b.ok) throw new Error("expected valid configs");
    expect(a.hash).toBe(b.hash);
    expect(a.hash).not.toBe(hashConfig(DEFAULT_CONFIG));
  });
});

describe("schema/defect-predictor.schema.json agrees with the zod schema", () => {
  const samples: [string, string][] = [
    ["defaults", ""],
    [
      "full",
      "bands: {medium: 0.3, high: 0.6}\ngate: {enabled: true, threshold: 0.7}\nignore: ['docs/**']\nskipDrafts: false\nskipBots: false\ncheckRunName: Risk\ncomments: {enabled: true, minRisk: 0.5, max: 4}\nlabels: {highRisk: risky}\n",
    ],
    ["unknown key", "gat: {}\n"],
    ["wrong type", "skipBots: yes please\n"],
    ["out of range", "gate: {threshold: 2}\n"],
    ["not an integer", "comments: {max: 2.5}\n"],
    ["empty glob", "ignore: ['']\n"],
    ["unknown nested key", "labels: {risky: x}\n"],
  ];
  it.each(samples)("%s: both accept or both reject", (_name, yaml) => {
    const value = parseYaml(yaml) ?? {};
    expect(validatePublished(value)).toBe(configSchema.safeParse(value).success);
  });

  it("the published file is what the generator writes (run `npm run schema` after changing the zod schema)", () => {
    const generated = toJsonSchema(configSchema);
    const { $id: _id, title: _title, ...onDisk } = published as Record<string, unknown>;
    expect(onDisk).toEqual(generated);
  });

  it("the generator script's --check passes", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const out = execFileSync(
      process.execPath,
      ["--import", "tsx", "scripts/generate-config-schema.ts", "--check"],
      { cwd: root, encoding: "utf8" },
    );
    expect(out).toContain("up to date");
    expect(fs.existsSync(path.join(root, "schema/defect-predictor.schema.json"))).toBe(true);
  });
});

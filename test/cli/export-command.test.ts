import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";
import { buildHistory, ScriptedRepo } from "../git/scripted-repo.js";
import { KAMEI_NAMES } from "../../src/model/feature-schema.js";

describe("defect export --what features", () => {
  const cleanup: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    cleanup.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  });

  it("writes one CSV row and one JSON line per mined commit with every feature", async () => {
    const repo = new ScriptedRepo();
    const shas = buildHistory(repo);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "defect-export-"));
    cleanup.push(repo.dir, dir);
    const db = path.join(dir, "store.sqlite");
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(await main(["mine", "--repo", repo.dir, "--db", db, "--tokens"])).toBe(0);

    const csv = path.join(dir, "features.csv");
    expect(await main(["export", "--db", db, "--what", "features", "--out", csv])).toBe(0);
    const [header, ...rows] = fs.readFileSync(csv, "utf8").trim().split("\n");
    const cols = header.split(",");
    for (const name of ["commit", "date", "author", ...KAMEI_NAMES, "tokens"]) {
      expect(cols).toContain(name);
    }
    expect(rows).toHaveLength(6);
    const c2 = rows.map((r) => r.split(",")).find((r) => r[cols.indexOf("commit")] === shas.c2)!;
    expect(c2[cols.indexOf("author")]).toBe("Bob <bob@example.com>");
    expect(c2[cols.indexOf("lt")]).toBe("10");
    expect(c2[cols.indexOf("tokens")]).toMatch(/^\d+:\d+( \d+:\d+)*$/);

    const jsonl = path.join(dir, "features.jsonl");
    expect(
      await main(["export", "--db", db, "--what", "features", "--format", "jsonl", "--out", jsonl]),
    ).toBe(0);
    const records = fs
      .readFileSync(jsonl, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(records.find((r) => r.commit === shas.c2)).toMatchObject({ la: 3, ld: 1, ndev: 1, age: 2 });
  });

  it("refuses an unknown --what with the accepted values", async () => {
    const errors: string[] = [];
    vi.spyOn(console, "error").mockImplementation((t: string) => void errors.push(t));
    expect(await main(["export", "--what", "models"])).toBe(2);
    expect(errors[0]).toMatch(/"features" or "labels"/);
  });
});

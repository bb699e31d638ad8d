import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";
import { exportLabels } from "../../src/labels/export-labels.js";
import { openSqliteStore } from "../../src/store/sqlite/open-sqlite-store.js";
import { createScriptedRepo, lines, type ScriptedRepo } from "../labels/scripted-repo.js";

let repo: ScriptedRepo;
let tmp: string;
const sha: Record<string, string> = {};

beforeAll(() => {
  repo = createScriptedRepo();
  repo.commit("initial", { "a.c": lines(6) }, 0);
  sha.inducer = repo.commit("feature (#2)", { "a.c": lines(6, { 3: "  int v3 = oops;" }) }, 1);
  sha.fix = repo.commit("handle oops properly", { "a.c": lines(6, { 3: "  int v3 = ok;" }) }, 2);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "defect-label-cli-"));
});
afterAll(() => {
  repo.remove();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  const error = vi
    .spyOn(console, "error")
    .mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  try {
    return { code: await main(args), out: out.join("\n"), err: err.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe("defect label", () => {
  it("labels the fixes of a --fixes file and prints a summary with plain progress lines off a TTY", async () => {
    const db = path.join(tmp, "labels.sqlite");
    const fixes = path.join(tmp, "fixes.txt");
    fs.writeFileSync(fixes, `# exported from the tracker\n${sha.fix}\n`);
    const r = await cli(["label", "--repo", repo.dir, "--db", db, "--fixes", fixes, "--repository", "o/r"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Fixes found: 1 \(traced 1/);
    expect(r.out).toMatch(/Inducing commits \(active bug labels\): 1/);
    expect(r.out).toMatch(/szz\s+bug 1/);
    expect(r.err).toMatch(/fixes: 1\/1/);

    const store = openSqliteStore(db);
    const file = path.join(tmp, "labels.jsonl");
    await exportLabels(store, { format: "jsonl", out: file });
    await store.close();
    const rows = fs
      .readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rows.filter((x) => x.source === "szz").map((x) => [x.commit, x.pr, x.fix_commit])).toEqual([
      [sha.inducer, 2, sha.fix],
    ]);
  });

  it("emits a JSON summary and refuses bad input with what to do", async () => {
    const db = path.join(tmp, "json.sqlite");
    const r = await cli(["label", "--repo", repo.dir, "--db", db, "--json", "--maturity-days", "30"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ fixesFound: 0, commits: 3 });

    expect((await cli(["label", "--db", db])).err).toMatch(/--repo PATH is required/);
    const missing = await cli([
      "label",
      "--repo",
      repo.dir,
      "--db",
      db,
      "--fixes",
      path.join(tmp, "nope.txt"),
    ]);
    expect([missing.code, missing.err]).toEqual([1, expect.stringMatching(/no such file/)]);
    const badNumber = await cli(["label", "--repo", repo.dir, "--db", db, "--max-files", "many"]);
    expect(badNumber.err).toMatch(/--max-files expects a number/);
  });
});

import { execFile } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";
import type { ScoreResult } from "../../src/report/types.js";
import { createTempRepo, type TempRepo } from "../git/create-temp-repo.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DEFAULT_MODEL_VERSION = JSON.parse(
  readFileSync(path.join(ROOT, "models/default/manifest.json"), "utf8"),
).version;

/** Runs `defect …` in-process and captures what it prints. */
async function runDefect(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const log = vi
    .spyOn(console, "log")
    .mockImplementation((...a: unknown[]) => void (stdout += a.join(" ") + "\n"));
  const err = vi
    .spyOn(console, "error")
    .mockImplementation((...a: unknown[]) => void (stderr += a.join(" ") + "\n"));
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    log.mockRestore();
    err.mockRestore();
  }
}

describe("defect score", () => {
  let repo: TempRepo;

  beforeAll(() => {
    repo = createTempRepo();
    repo.write(
      "src/server.ts",
      Array.from({ length: 40 }, (_, i) => `export const v${i} = ${i};`).join("\n") + "\n",
    );
    repo.write("README.md", "# Demo\n");
    repo.commit("Initial import", { date: "2024-02-01T00:00:00Z" });
    repo.git("checkout", "-q", "-b", "feature");
    repo.write(
      "src/server.ts",
      Array.from({ length: 40 }, (_, i) => `export const v${i} = ${i % 3 === 0 ? i * 2 : i};`).join("\n") +
        "\n",
    );
    repo.write("src/cache/lru.ts", "export class Lru {\n  get(k: string) {\n    return k;\n  }\n}\n");
    repo.write("test/lru.test.ts", "import { Lru } from '../src/cache/lru';\n");
    repo.write("assets/logo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
    repo.commit("Fix cache eviction bug", { date: "2024-02-03T00:00:00Z" });
  });
  afterAll(() => repo.remove());

  it("scores the branch against main with the shipped default model (json)", async () => {
    const { code, stdout, stderr } = await runDefect(["score", "--repo", repo.dir, "--format", "json"]);
    expect(stderr).not.toMatch(/error/i);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as ScoreResult;
    expect(result.modelVersion).toBe(DEFAULT_MODEL_VERSION);
    expect(result.probability).toBeGreaterThan(0);
    expect(result.probability).toBeLessThan(1);
    expect(result.files.map((f) => f.path).sort()).toEqual([
      "assets/logo.png",
      "src/cache/lru.ts",
      "src/server.ts",
      "test/lru.test.ts",
    ]);
    expect(result.files.map((f) => f.risk)).toEqual(
      [...result.files.map((f) => f.risk)].sort((a, b) => b - a),
    );
    expect(result.features).toMatchObject({ la: 19, ld: 13, nf: 4, ns: 3, fix: 1 });
    expect(result.notes[0]).toMatch(/^Compared [0-9a-f]{12}\.\.[0-9a-f]{12} \(merge-base with main\)\.$/);
    expect(result.notes).toContainEqual(expect.stringContaining("1 binary file(s)"));
  });

  it("prints the check run's markdown and a plain-text report", async () => {
    const md = await runDefect(["score", "--repo", repo.dir, "--format", "markdown", "--no-history"]);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^## Defect risk 0\.\d\d · (low|medium|high)\n/);
    expect(md.stdout).toContain("| Risk | Band | File | + | − | Why |");
    expect(md.stdout).toContain("`src/cache/lru.ts`");
    expect(md.stdout).toContain("History features were skipped (--no-history)");
    const text = await runDefect(["score", "--repo", repo.dir]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Defect risk 0\.\d\d · (low|medium|high)\n/);
    expect(text.stdout).toContain("Files by risk (4):");
  });

  it("prints the /defect explain reply for the same score", async () => {
    const json = JSON.parse((await runDefect(["score", "--repo", repo.dir, "--format", "json"])).stdout);
    const explain = await runDefect(["score", "--repo", repo.dir, "--format", "explain"]);
    expect(explain.code).toBe(0);
    expect(explain.stdout.startsWith("<!-- defect-predictor:explain -->")).toBe(true);
    const percent = Math.round(json.probability * 100);
    expect(explain.stdout).toContain(`### Defect risk`);
    expect(explain.stdout).toContain(`${percent} % ${json.band} — why`);
    expect(explain.stdout).toContain("`src/cache/lru.ts`");
  });

  it("leaves out ignored paths", async () => {
    const { stdout } = await runDefect([
      "score",
      "--repo",
      repo.dir,
      "--format",
      "json",
      "--ignore",
      "test/**",
      "--no-history",
    ]);
    const result = JSON.parse(stdout) as ScoreResult;
    expect(result.files.map((f) => f.path)).not.toContain("test/lru.test.ts");
    expect(result.notes).toContainEqual(expect.stringContaining("1 file(s) matched the ignored paths"));
  });

  it("fails with a clear message and a non-zero code on bad input", async () => {
    const format = await runDefect(["score", "--repo", repo.dir, "--format", "html"]);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("--format must be one of text, markdown, json, explain");
    const ref = await runDefect(["score", "--repo", repo.dir, "--base", "nope"]);
    expect(ref.code).toBe(1);
    expect(ref.stderr).toContain("could not resolve --base nope");
    const model = await runDefect(["score", "--repo", repo.dir, "--model", path.join(repo.dir, "no-model")]);
    expect(model.code).toBe(1);
    expect(model.stderr).toMatch(/manifest\.json/);
  });

  it("runs end to end through bin/defect.js", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(ROOT, "bin/defect.js"), "score", "--repo", repo.dir, "--format", "json", "--no-history"],
      { cwd: ROOT },
    );
    const result = JSON.parse(stdout) as ScoreResult;
    expect(result.modelVersion).toBe(DEFAULT_MODEL_VERSION);
    expect(result.files).toHaveLength(4);
  });
});

describe("defect score with file contents and a labels store (--db)", () => {
  let repo: TempRepo;
  let db: string;
  const release = (tag: string) =>
    "export function acquire(pool) {\n  return pool.pop();\n}\n\n" +
    `export function release(pool, x) {\n  pool.push(x); // ${tag}\n}\n`;

  beforeAll(async () => {
    repo = createTempRepo();
    db = path.join(repo.dir, "..", `${path.basename(repo.dir)}-store.sqlite`);
    repo.write("src/pool.js", release("r0"));
    repo.commit("Add pool", { date: "2024-01-01T00:00:00Z" });
    // 12 tweaks of release(); tweaks 4, 8 and 12 are each fixed right after (SZZ blames them).
    for (let n = 1; n <= 12; n++) {
      const day = String(n + 1).padStart(2, "0");
      repo.write("src/pool.js", release(`r${n}`));
      repo.commit(`Tune release ${n}`, { date: `2024-01-${day}T00:00:00Z` });
      if (n % 4 === 0) {
        repo.write("src/pool.js", release(`fixed ${n}`));
        repo.commit(`Fix crash in release (bug ${n})`, { date: `2024-01-${day}T12:00:00Z` });
      }
    }
    repo.git("checkout", "-q", "-b", "feature");
    repo.write(
      "src/pool.js",
      [
        "export function acquire(pool) {",
        "  if (pool.closed) return null;",
        "  for (const x of pool.items) {",
        "    if (x.idle && !x.broken) return x;",
        "    while (x.busy) x.wait();",
        "  }",
        "  return pool.size < pool.max ? pool.create() : null;",
        "}",
        "",
        "export function release(pool, x) {",
        "  if (x) pool.push(x);",
        "}",
        "",
      ].join("\n"),
    );
    repo.commit("Reuse idle connections", { date: "2024-01-20T00:00:00Z" });
    const label = await runDefect(["label", "--repo", repo.dir, "--db", db, "--maturity-days", "0"]);
    expect(label.code).toBe(0);
    expect(label.stdout).toContain("Inducing commits (active bug labels): 3");
  });
  afterAll(() => {
    repo.remove();
    for (const suffix of ["", "-wal", "-shm"])
      if (existsSync(db + suffix)) rmSync(db + suffix, { force: true });
  });

  it("names the function's complexity change and the file's fixed history", async () => {
    const { code, stdout } = await runDefect(["score", "--repo", repo.dir, "--db", db]);
    expect(code).toBe(0);
    // acquire(): 1 → 7 (if, for-of, if, &&, while, ?:), in the hunk that touches it.
    expect(stdout).toMatch(/src\/pool\.js:2-\d+ +\+7 −2 lines in `acquire\(\)`; cyclomatic complexity \+6/);
    // The last 10 changes before the base: fix 12, tweaks 12–9, fix 8, tweaks 8–5; tweaks 12 and 8 were fixed.
    expect(stdout).toContain("2 of the last 10 changes to `src/pool.js` were later fixed");
    expect(stdout).toContain(`Earlier changes' outcomes read from ${db}.`);
  });

  it("scores without a store, and refuses a --db that does not exist", async () => {
    const env = process.env.DEFECT_DATA_DIR;
    process.env.DEFECT_DATA_DIR = path.join(os.tmpdir(), "defect-no-such-dir");
    try {
      const plain = await runDefect(["score", "--repo", repo.dir]);
      expect(plain.code).toBe(0);
      expect(plain.stdout).not.toContain("later fixed");
      expect(plain.stdout).toContain("cyclomatic complexity +6");
    } finally {
      if (env === undefined) delete process.env.DEFECT_DATA_DIR;
      else process.env.DEFECT_DATA_DIR = env;
    }
    const missing = await runDefect(["score", "--repo", repo.dir, "--db", db + ".missing"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no such file");
  });
});

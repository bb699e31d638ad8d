import { afterEach, describe, expect, it } from "vitest";
import { openGitSzzHistory } from "../../src/labels/git-szz-history.js";
import { parseLabelOptions, type LabelOptions } from "../../src/labels/label-options.js";
import { traceInducingCommits } from "../../src/labels/trace-inducing-commits.js";
import { createScriptedRepo, dayToSeconds, lines, type ScriptedRepo } from "./scripted-repo.js";

let repo: ScriptedRepo;
afterEach(() => repo?.remove());

async function trace(fix: string, overrides: Partial<LabelOptions> = {}, issueOpenedAt?: number) {
  const options = parseLabelOptions(overrides);
  const history = await openGitSzzHistory(repo.dir, options);
  try {
    return await traceInducingCommits(history, { sha: fix, issueOpenedAt }, options);
  } finally {
    await history.close();
  }
}

describe("traceInducingCommits on scripted histories", () => {
  it("blames the commit that wrote the line the fix changes, not later unrelated commits", async () => {
    repo = createScriptedRepo();
    repo.commit("initial", { "src/a.java": lines(10) }, 0);
    const inducer = repo.commit("add feature", { "src/a.java": lines(10, { 5: "  int v5 = broken();" }) }, 1);
    repo.commit(
      "unrelated",
      { "src/a.java": lines(10, { 5: "  int v5 = broken();", 9: "  int v9 = 90;" }) },
      2,
    );
    const fix = repo.commit(
      "fix crash in v5",
      { "src/a.java": lines(10, { 5: "  int v5 = fixed();", 9: "  int v9 = 90;" }) },
      3,
    );
    const r = await trace(fix);
    expect(r.candidates.map((c) => c.sha)).toEqual([inducer]);
    expect(r.candidates[0]).toMatchObject({ rank: 1, confidence: 0.66, lines: 1, paths: ["src/a.java"] });
  });

  it("follows a rename between the inducing commit and the fix", async () => {
    repo = createScriptedRepo();
    repo.commit("initial", { "old/Name.java": lines(12) }, 0);
    const inducer = repo.commit("feature", { "old/Name.java": lines(12, { 7: "  int v7 = bad;" }) }, 1);
    repo.commit(
      "move file",
      { "old/Name.java": null, "new/Renamed.java": lines(12, { 7: "  int v7 = bad;" }) },
      2,
    );
    const fix = repo.commit("fix v7", { "new/Renamed.java": lines(12, { 7: "  int v7 = good;" }) }, 3);
    const r = await trace(fix);
    expect(r.candidates.map((c) => c.sha)).toEqual([inducer]);
    expect(r.candidates[0].paths).toEqual(["old/Name.java"]);
  });

  it("looks through whitespace-only edits and does not blame lines the fix only re-indents", async () => {
    repo = createScriptedRepo();
    repo.commit("initial", { "a.js": lines(8) }, 0);
    const inducer = repo.commit("feature", { "a.js": lines(8, { 3: "  let v3 = bad();" }) }, 1);
    const reindent = repo.commit(
      "indent",
      { "a.js": lines(8, { 3: "      let   v3 = bad();", 6: "\tint v6 = 6;" }) },
      2,
    );
    const fix = repo.commit(
      "fix v3",
      { "a.js": lines(8, { 3: "  let v3 = good();", 6: "  int   v6 =   6;" }) },
      3,
    );
    const r = await trace(fix);
    expect(r.candidates.map((c) => c.sha)).toEqual([inducer]);
    expect(r.candidates.map((c) => c.sha)).not.toContain(reindent);
    expect(r.blamedLines).toBe(1);
  });

  it("skips comment-only and blank lines", async () => {
    repo = createScriptedRepo();
    repo.commit("initial", { "a.py": "x = 1\n# old comment\n\ny = 2\n" }, 0);
    const commenter = repo.commit("docs", { "a.py": "x = 1\n# a better comment\n\ny = 2\n" }, 1);
    const fix = repo.commit("fix comment and spacing", { "a.py": "x = 1\n# fixed comment\ny = 2\n" }, 2);
    const r = await trace(fix);
    expect(r.candidates).toEqual([]);
    expect(r.skippedLines).toMatchObject({ comment: 1, blank: 1 });
    expect(commenter).toBeTruthy();
  });

  it("honours .git-blame-ignore-revs and looks through a detected mass-format commit", async () => {
    repo = createScriptedRepo();
    repo.commit("initial", { "a.ts": "let a=1\nlet b=2\n", "b.ts": "let c=3\n" }, 0);
    const inducerA = repo.commit("feature a", { "a.ts": "let a=bad\nlet b=2\n" }, 1);
    const inducerC = repo.commit("feature c", { "b.ts": "let c=bad\n" }, 1.5);
    const listed = repo.commit("style: semicolons", { "a.ts": "let a=bad;\nlet b=2;\n" }, 2);
    repo.commit("ignore the style commit", { ".git-blame-ignore-revs": `# style\n${listed}\n` }, 3);
    const detected = repo.commit(
      "Reformat code with prettier",
      { "b.ts": "let c = bad;\n", "c.ts": "x;\n" },
      4,
    );
    const fix = repo.commit(
      "fix a and c",
      { "a.ts": "let a=good;\nlet b=2;\n", "b.ts": "let c = good;\n" },
      5,
    );
    const r = await trace(fix, { massFormatMinFiles: 2 });
    expect(r.candidates.map((c) => c.sha).sort()).toEqual([inducerA, inducerC].sort());
    expect(r.candidates.map((c) => c.sha)).not.toContain(listed);
    expect(r.candidates.map((c) => c.sha)).not.toContain(detected);
  });

  it("ranks two candidates most recent first and keeps the older with lower confidence", async () => {
    repo = createScriptedRepo();
    repo.commit("initial", { "a.go": lines(10) }, 0);
    const older = repo.commit("first part", { "a.go": lines(10, { 2: "  x := bad1" }) }, 1);
    const newer = repo.commit(
      "second part",
      { "a.go": lines(10, { 2: "  x := bad1", 8: "  y := bad2" }) },
      5,
    );
    const fix = repo.commit("fix both", { "a.go": lines(10, { 2: "  x := ok1", 8: "  y := ok2" }) }, 9);
    const r = await trace(fix);
    expect(r.candidates.map((c) => [c.sha, c.rank, c.confidence])).toEqual([
      [newer, 1, 0.66],
      [older, 2, 0.3],
    ]);
    const dated = await trace(fix, {}, dayToSeconds(3));
    expect(dated.candidates.map((c) => c.sha)).toEqual([older]);
    expect(dated.dropped).toEqual([{ sha: newer, reason: "after-issue", lines: 1 }]);
  });

  it("never blames a huge commit and never traces a huge fix", async () => {
    repo = createScriptedRepo();
    const many = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`f${i}.c`, lines(3)]));
    const huge = repo.commit("import everything", many, 0);
    const fix = repo.commit("fix f0", { "f0.c": lines(3, { 2: "  int v2 = 0;" }) }, 1);
    const r = await trace(fix, { maxInducerFiles: 5 });
    expect(r.candidates).toEqual([]);
    expect(r.dropped).toEqual([{ sha: huge, reason: "huge", lines: 1 }]);
    const wide = repo.commit("fix three files", { "f1.c": "x\n", "f2.c": "y\n", "f3.c": "z\n" }, 2);
    expect((await trace(wide, { maxFixFiles: 2 })).skippedFix).toMatch(/touches 3 files/);
    expect(() => parseLabelOptions({ maxFixFiles: 0.5 })).toThrow(/maxFixFiles/);
    expect(() => parseLabelOptions({ fixWords: [] })).toThrow(/Unrecognized key/);
    expect((await trace(huge)).skippedFix).toMatch(/root commit/);
  });
});

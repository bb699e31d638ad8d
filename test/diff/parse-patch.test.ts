import { describe, expect, it } from "vitest";
import { DiffParseError } from "../../src/diff/diff-parse-error.js";
import { parsePatch } from "../../src/diff/parse-patch.js";

// The `patch` field of GET /repos/{owner}/{repo}/pulls/{n}/files: hunks only, no file header.
const GITHUB_PATCH = [
  "@@ -1,4 +1,5 @@ import x from 'y';",
  " const a = 1;",
  "-const b = 2;",
  "+const b = 3;",
  "+const c = 4;",
  " const d = 5;",
  " const e = 6;",
  "@@ -20 +21 @@ function last() {",
  "-  return 1;",
  "\\ No newline at end of file",
  "+  return 2;",
  "\\ No newline at end of file",
].join("\n");

describe("parsePatch", () => {
  it("reads hunks, sections, counts and line numbers of a GitHub patch", () => {
    const hunks = parsePatch(GITHUB_PATCH);
    expect(hunks).toHaveLength(2);
    expect(hunks[0]).toMatchObject({
      oldStart: 1,
      oldLines: 4,
      newStart: 1,
      newLines: 5,
      additions: 2,
      deletions: 1,
    });
    expect(hunks[0].section).toBe("import x from 'y';");
    expect(hunks[0].lines.map((l) => [l.kind, l.oldLine, l.newLine])).toEqual([
      ["context", 1, 1],
      ["del", 2, null],
      ["add", null, 2],
      ["add", null, 3],
      ["context", 3, 4],
      ["context", 4, 5],
    ]);
    // "@@ -20 +21 @@" means one line on each side.
    expect(hunks[1]).toMatchObject({ oldLines: 1, newLines: 1, additions: 1, deletions: 1 });
    expect(hunks[1].lines.every((l) => l.noNewlineAtEnd)).toBe(true);
  });

  it("keeps what a truncated patch has and marks the hunk", () => {
    const cut = GITHUB_PATCH.split("\n").slice(0, 4).join("\n");
    const [hunk] = parsePatch(cut);
    expect(hunk.truncated).toBe(true);
    expect(hunk.lines).toHaveLength(3);
    expect(hunk).toMatchObject({ additions: 1, deletions: 1 });
  });

  it("throws a DiffParseError with the line number of a malformed hunk header", () => {
    const broken = GITHUB_PATCH.replace("@@ -20 +21 @@", "@@ -20 +x @@");
    let caught: unknown;
    try {
      parsePatch(broken);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DiffParseError);
    expect((caught as DiffParseError).line).toBe(8);
    expect((caught as Error).message).toContain("malformed hunk header");
  });

  it("skips a malformed stretch with a note when asked to", () => {
    const broken = [
      "garbage before",
      ...GITHUB_PATCH.replace("@@ -1,4 +1,5 @@", "@@ nope @@").split("\n"),
    ].join("\n");
    const notes: string[] = [];
    const hunks = parsePatch(broken, { onMalformed: "skip", notes });
    expect(hunks).toHaveLength(1);
    expect(hunks[0].newStart).toBe(21);
    expect(notes).toEqual([expect.stringMatching(/^skipped patch lines 1–8: line outside any hunk/)]);
  });

  it("gives no hunks for an empty patch", () => {
    expect(parsePatch("")).toEqual([]);
  });

  it("reads a 50,000-line hunk", () => {
    const body = Array.from({ length: 50_000 }, (_, i) => `+line ${i}`);
    const [hunk] = parsePatch(["@@ -0,0 +1,50000 @@", ...body].join("\n"));
    expect(hunk.additions).toBe(50_000);
    expect(hunk.lines.at(-1)).toMatchObject({ newLine: 50_000, text: "line 49999" });
    expect(hunk.truncated).toBeUndefined();
  });
});

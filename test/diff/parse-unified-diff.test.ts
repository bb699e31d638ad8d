import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DiffParseError } from "../../src/diff/diff-parse-error.js";
import { parseUnifiedDiff } from "../../src/diff/parse-unified-diff.js";
import type { DiffFile } from "../../src/diff/types.js";
import { createTempRepo, type TempRepo } from "../git/create-temp-repo.js";

function byPath(files: DiffFile[], path: string): DiffFile {
  const hit = files.find((f) => (f.newPath ?? f.oldPath) === path);
  if (!hit) throw new Error(`no file ${path} in ${files.map((f) => f.newPath ?? f.oldPath).join(", ")}`);
  return hit;
}

describe("parseUnifiedDiff on real git output", () => {
  let repo: TempRepo;
  let files: DiffFile[];
  let raw: Buffer;

  beforeAll(() => {
    repo = createTempRepo();
    repo.write("src/app.ts", "one\ntwo\nthree\nfour\n");
    repo.write("crlf.txt", "hello\r\nworld\r\n");
    repo.write("nonl.txt", "no newline");
    repo.write("logo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0, 0xff]));
    repo.write("move/me.txt", Array.from({ length: 30 }, (_, i) => `line ${i}`).join("\n") + "\n");
    repo.write("gone.txt", "bye\n");
    repo.write("copy-src.txt", Array.from({ length: 40 }, (_, i) => `copy ${i}`).join("\n") + "\n");
    repo.write('weird/tab\there "q".txt', "x\n");
    repo.write("weird/naïve.txt", "y\n");
    repo.write("latin1.txt", "plain\n");
    const base = repo.commit("base");
    // A submodule pointer, written straight into the index (no network, no second repository needed).
    repo.git("update-index", "--add", "--cacheinfo", `160000,${base},vendor/lib`);
    repo.commit("add submodule", { indexOnly: true });
    const mid = repo.git("rev-parse", "HEAD").trim();
    repo.write("src/app.ts", "one\nTWO\nthree\nfour\nfive\n");
    repo.write("crlf.txt", "hello\r\nthere\r\n");
    repo.write("nonl.txt", "still no newline");
    repo.write("logo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 9, 9, 9, 0, 0xfe]));
    repo.move("move/me.txt", "moved/me.txt");
    repo.git("rm", "-q", "gone.txt");
    repo.write("copy-dst.txt", Array.from({ length: 40 }, (_, i) => `copy ${i}`).join("\n") + "\nextra\n");
    repo.git("mv", 'weird/tab\there "q".txt', 'weird/tab\there "r".txt');
    repo.git("mv", "weird/naïve.txt", "weird/naïve-2.txt");
    repo.write("latin1.txt", Buffer.from("plain\ncaf\xe9\n", "latin1"));
    repo.git("add", "-A", "--", ":!vendor/lib");
    repo.git("update-index", "--cacheinfo", `160000,${mid},vendor/lib`);
    repo.commit("change everything", { indexOnly: true });
    raw = execFileSync(
      "git",
      [
        "-c",
        "core.quotePath=true",
        "diff",
        "-M",
        "-C",
        "--find-copies-harder",
        "--no-color",
        "HEAD~1",
        "HEAD",
      ],
      { cwd: repo.dir },
    );
    files = parseUnifiedDiff(raw);
  });
  afterAll(() => repo.remove());

  it("reads a modified file's hunks with old and new line numbers", () => {
    const app = byPath(files, "src/app.ts");
    expect(app.status).toBe("modified");
    expect(app.oldPath).toBe("src/app.ts");
    expect(app.additions).toBe(2);
    expect(app.deletions).toBe(1);
    const lines = app.hunks[0].lines;
    expect(lines.find((l) => l.kind === "del")).toEqual({
      kind: "del",
      oldLine: 2,
      newLine: null,
      text: "two",
    });
    expect(lines.filter((l) => l.kind === "add").map((l) => [l.newLine, l.text])).toEqual([
      [2, "TWO"],
      [5, "five"],
    ]);
  });

  it("reads a 100 % rename with no hunks", () => {
    const moved = byPath(files, "moved/me.txt");
    expect(moved).toMatchObject({ status: "renamed", oldPath: "move/me.txt", hunks: [], additions: 0 });
  });

  it("reads copies, deletions, binary files and submodules", () => {
    expect(byPath(files, "copy-dst.txt")).toMatchObject({
      status: "copied",
      oldPath: "copy-src.txt",
      additions: 1,
    });
    expect(byPath(files, "gone.txt")).toMatchObject({ status: "removed", newPath: null, deletions: 1 });
    expect(byPath(files, "logo.png")).toMatchObject({ binary: true, hunks: [] });
    const sub = byPath(files, "vendor/lib");
    expect(sub.submodule).toBe(true);
    expect(sub.hunks[0].lines.map((l) => l.text.slice(0, 18))).toEqual([
      "Subproject commit ",
      "Subproject commit ",
    ]);
  });

  it("strips CR from CRLF lines and marks missing final newlines", () => {
    const crlf = byPath(files, "crlf.txt");
    expect(crlf.hunks[0].lines.map((l) => l.text)).toEqual(["hello", "world", "there"]);
    const nonl = byPath(files, "nonl.txt");
    expect(nonl.hunks[0].lines.map((l) => [l.kind, l.noNewlineAtEnd])).toEqual([
      ["del", true],
      ["add", true],
    ]);
  });

  it("unquotes C-quoted paths with escapes and UTF-8 octal bytes", () => {
    expect(byPath(files, 'weird/tab\there "r".txt').oldPath).toBe('weird/tab\there "q".txt');
    expect(byPath(files, "weird/naïve-2.txt").oldPath).toBe("weird/naïve.txt");
    expect(raw.toString("utf8")).toContain("\\303\\257");
  });

  it("decodes non-UTF-8 bytes lossily instead of throwing", () => {
    const latin = byPath(files, "latin1.txt");
    expect(latin.hunks[0].lines.at(-1)).toMatchObject({ kind: "add", text: "caf\uFFFD" });
  });

  it("reads the full GIT binary patch format without taking base85 lines for hunks", () => {
    const binary = execFileSync(
      "git",
      ["diff", "--binary", "HEAD~1", "HEAD", "--", "logo.png", "src/app.ts"],
      {
        cwd: repo.dir,
      },
    );
    expect(binary.toString()).toContain("GIT binary patch");
    const parsed = parseUnifiedDiff(binary);
    expect(parsed.map((f) => [f.newPath, f.binary, f.hunks.length])).toEqual([
      ["logo.png", true, 0],
      ["src/app.ts", false, 1],
    ]);
  });

  it("parses the diff cut after any line (a truncated download) without throwing", () => {
    const lines = raw.toString("utf8").split("\n");
    for (let cut = 0; cut <= lines.length; cut++) {
      const parsed = parseUnifiedDiff(lines.slice(0, cut).join("\n"));
      // Every file before the cut one is read exactly as from the whole diff.
      expect(parsed.slice(0, -1)).toEqual(files.slice(0, Math.max(0, parsed.length - 1)));
    }
  });

  it("reads new files and skips `git show` commit headers", () => {
    const show = execFileSync(
      "git",
      ["show", "--format=commit %H%nAuthor: x%n%n    diff --git in a message", "HEAD~1"],
      {
        cwd: repo.dir,
      },
    );
    const parsed = parseUnifiedDiff(show);
    expect(parsed).toHaveLength(1);
    expect(parsed[0]).toMatchObject({
      status: "added",
      oldPath: null,
      newPath: "vendor/lib",
      submodule: true,
    });
  });
});

describe("parseUnifiedDiff on a hunk heading with control characters", () => {
  it("reads the hunk when git copies CR, form feed or U+2028 into the @@ section heading", () => {
    // git takes the heading from the nearest earlier line that starts with a letter; binary-ish resource files
    // (eclipse.jdt.core's parser*.rsc, found by the benchmark) put raw control bytes there.
    const repo = createTempRepo();
    try {
      const before = ["lab\r\f\u2028\u0001tail", "  keep", "  keep", "  old", "  keep"].join("\n") + "\n";
      repo.write("res/parser.rsc", before);
      repo.commit("base");
      repo.write("res/parser.rsc", before.replace("  old", "  new"));
      repo.commit("edit");
      const raw = execFileSync("git", ["diff-tree", "-p", "-U0", "--no-color", "HEAD"], { cwd: repo.dir });
      expect(raw.toString("latin1")).toContain("@@ -4 +4 @@ lab\r\f");
      const [file] = parseUnifiedDiff(raw);
      expect(file.hunks).toHaveLength(1);
      expect(file.hunks[0]).toMatchObject({ oldStart: 4, newStart: 4, additions: 1, deletions: 1 });
      expect(file.hunks[0].lines.map((l) => `${l.kind}:${l.text}`)).toEqual(["del:  old", "add:  new"]);
    } finally {
      repo.remove();
    }
  });
});

describe("parseUnifiedDiff on hand-written input", () => {
  it("counts lines by the hunk header, so a deleted `-- x` line is not a file header", () => {
    const text = [
      "diff --git a/a.sql b/a.sql",
      "--- a/a.sql",
      "+++ b/a.sql",
      "@@ -1,2 +1,2 @@",
      "--- comment",
      "+++ added",
      " keep",
      "",
    ].join("\n");
    const [file] = parseUnifiedDiff(text);
    expect(file.hunks[0].lines.map((l) => [l.kind, l.text])).toEqual([
      ["del", "-- comment"],
      ["add", "++ added"],
      ["context", "keep"],
    ]);
  });

  it("throws a DiffParseError naming the line of a malformed hunk header", () => {
    const text = "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,a +1 @@\n-x\n+y\n";
    expect(() => parseUnifiedDiff(text)).toThrow(DiffParseError);
    try {
      parseUnifiedDiff(text);
    } catch (error) {
      expect((error as DiffParseError).line).toBe(4);
      expect((error as Error).message).toMatch(/line 4: malformed hunk header/);
    }
  });

  it("skips combined diffs of merge commits and keeps the files around them", () => {
    const text = [
      "diff --cc merged.txt",
      "index 1..2",
      "@@@ -1,1 -1,1 +1,1 @@@",
      "- a",
      " -b",
      "++c",
      "diff --git a/next.txt b/next.txt",
      "--- a/next.txt",
      "+++ b/next.txt",
      "@@ -1 +1 @@",
      "-a",
      "+b",
    ].join("\n");
    expect(parseUnifiedDiff(text).map((f) => f.newPath)).toEqual(["next.txt"]);
  });

  it("marks a hunk cut short as truncated and reads a whole diff written with CRLF endings", () => {
    const text = "diff --git a/x b/x\r\n--- a/x\r\n+++ b/x\r\n@@ -1,3 +1,3 @@\r\n a\r\n-b\r\n";
    const [file] = parseUnifiedDiff(text);
    expect(file.newPath).toBe("x");
    expect(file.hunks[0]).toMatchObject({ truncated: true, deletions: 1 });
  });

  it("reads unquoted renames with spaces, trailing tabs, empty new files and mode-only changes", () => {
    const text = [
      "diff --git a/my notes.txt b/your notes.txt",
      "similarity index 90%",
      "rename from my notes.txt",
      "rename to your notes.txt",
      "index 1111111..2222222 100644",
      "--- a/my notes.txt\t",
      "+++ b/your notes.txt\t",
      "@@ -1 +1 @@",
      "-a",
      "+b",
      "diff --git a/empty file b/empty file",
      "new file mode 100644",
      "index 0000000..e69de29",
      "diff --git a/run.sh b/run.sh",
      "old mode 100644",
      "new mode 100755",
      "diff --git a/gone.bin b/gone.bin",
      "deleted file mode 100644",
      "index 3333333..0000000",
      "Binary files a/gone.bin and /dev/null differ",
    ].join("\n");
    const files = parseUnifiedDiff(text);
    expect(files.map((f) => [f.status, f.oldPath, f.newPath, f.binary, f.hunks.length])).toEqual([
      ["renamed", "my notes.txt", "your notes.txt", false, 1],
      ["added", null, "empty file", false, 0],
      ["modified", "run.sh", "run.sh", false, 0],
      ["removed", "gone.bin", null, true, 0],
    ]);
  });

  it("returns no files for empty input", () => {
    expect(parseUnifiedDiff("")).toEqual([]);
    expect(parseUnifiedDiff(Buffer.alloc(0))).toEqual([]);
  });
});

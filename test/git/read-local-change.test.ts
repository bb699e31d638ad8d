import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMPTY_TREE } from "../../src/git/resolve-local-range.js";
import { LocalChangeError, readLocalChange } from "../../src/git/read-local-change.js";
import { countGitProcesses } from "./count-git-processes.js";
import { createTempRepo, type TempRepo } from "./create-temp-repo.js";

describe("readLocalChange", () => {
  let repo: TempRepo;
  let root: string;
  let second: string;
  let featureTip: string;

  beforeAll(() => {
    repo = createTempRepo();
    repo.write("src/app.ts", "export const a = 1;\n");
    root = repo.commit("Initial commit", { date: "2024-01-01T00:00:00Z" });
    repo.write("src/app.ts", "export const a = 2;\nexport const b = 3;\n");
    second = repo.commit("Bump a", { date: "2024-01-02T00:00:00Z" });
    repo.git("checkout", "-q", "-b", "feature");
    repo.write("src/lib/util.ts", "export function f() {\n  return 1;\n}\n");
    repo.commit("Add util\n\nA longer body.", { date: "2024-01-03T00:00:00Z" });
    repo.write("docs/guide.md", "# Guide\n");
    repo.git("rm", "-q", "src/app.ts");
    featureTip = repo.commit("Add guide, drop app", { date: "2024-01-04T00:00:00Z" });
    // main moves on after the branch point: the merge-base, not main's tip, is the base.
    repo.git("checkout", "-q", "main");
    repo.write("CHANGELOG.md", "x\n");
    repo.commit("Main moves on", { date: "2024-01-05T00:00:00Z" });
    repo.git("checkout", "-q", "feature");
  });
  afterAll(() => repo.remove());

  it("defaults the base to the merge-base with the default branch", async () => {
    const { change, range } = await readLocalChange({ repo: repo.dir });
    expect(range).toMatchObject({ baseSha: second, headSha: featureTip, baseReason: "merge-base with main" });
    expect(change).toMatchObject({
      source: "git",
      repository: repo.dir,
      title: "Add guide, drop app",
      body: "- Add util",
      author: { name: "Ada Tester", email: "ada@example.com" },
      createdAt: "2024-01-04T00:00:00.000Z",
      totalFiles: 3,
    });
    expect(change.commits.map((c) => c.message)).toEqual([
      "Add guide, drop app",
      "Add util\n\nA longer body.",
    ]);
    expect(change.commits[0].parents).toHaveLength(1);
    expect(change.files.map((f) => [f.path, f.status, f.additions, f.deletions])).toEqual([
      ["docs/guide.md", "added", 1, 0],
      ["src/app.ts", "removed", 0, 2],
      ["src/lib/util.ts", "added", 3, 0],
    ]);
    expect(change.files[2].hunks[0].lines[0]).toMatchObject({
      kind: "add",
      newLine: 1,
      text: "export function f() {",
    });
  });

  it("uses the first parent when head is the default branch, and the empty tree for a root commit", async () => {
    const onMain = await readLocalChange({ repo: repo.dir, head: "main" });
    expect(onMain.range.baseReason).toBe("first parent of main, on main (the default branch)");
    expect(onMain.change.files.map((f) => f.path)).toEqual(["CHANGELOG.md"]);
    const first = await readLocalChange({ repo: repo.dir, head: root });
    expect(first.range).toMatchObject({ baseSha: EMPTY_TREE, isRoot: true });
    expect(first.change.files.map((f) => f.path)).toEqual(["src/app.ts"]);
    expect(first.change.commits).toHaveLength(1);
    // A commit already on main (not its tip) is scored against its own parent, not found empty.
    const older = await readLocalChange({ repo: repo.dir, head: second });
    expect(older.range).toMatchObject({
      baseSha: root,
      baseReason: `first parent of ${second}, an ancestor of main`,
    });
  });

  it("takes an explicit base and head", async () => {
    const { change } = await readLocalChange({ repo: repo.dir, base: root, head: second });
    expect(change.baseSha).toBe(root);
    expect(change.files).toHaveLength(1);
    expect(change.files[0]).toMatchObject({ path: "src/app.ts", additions: 2, deletions: 1 });
  });

  it("gives an empty change, not an error, when base equals head", async () => {
    const { change } = await readLocalChange({ repo: repo.dir, base: "HEAD", head: "HEAD" });
    expect(change.files).toEqual([]);
    expect(change.commits).toEqual([]);
    expect(change.title).toBe("Add guide, drop app");
  });

  it("works on a bare clone, taking HEAD's branch as the default", async () => {
    const bare = createTempRepo({ bare: true, prefix: "defect-bare-" });
    try {
      bare.git("fetch", "-q", repo.dir, "+refs/heads/*:refs/heads/*");
      const onDefault = await readLocalChange({ repo: bare.dir });
      expect(onDefault.change.files.map((f) => f.path)).toEqual(["CHANGELOG.md"]);
      const branch = await readLocalChange({ repo: bare.dir, head: "feature" });
      expect(branch.range.baseSha).toBe(second);
    } finally {
      bare.remove();
    }
  });

  it("prefers origin/HEAD as the default branch in a clone", async () => {
    const clone = createTempRepo({ prefix: "defect-clone-" });
    try {
      clone.git("fetch", "-q", repo.dir, "+refs/heads/*:refs/remotes/origin/*");
      clone.git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main");
      clone.git("checkout", "-q", "-b", "topic", "origin/feature");
      const { range } = await readLocalChange({ repo: clone.dir });
      expect(range).toMatchObject({ baseSha: second, baseReason: "merge-base with origin/main" });
    } finally {
      clone.remove();
    }
  });

  it("reads a file turned into a symlink (two diff sections) as one changed file", async () => {
    const link = createTempRepo({ prefix: "defect-typechange-" });
    try {
      link.write("target.txt", "t\n");
      link.write("config.txt", "a\nb\n");
      link.commit("files");
      rmSync(path.join(link.dir, "config.txt"));
      symlinkSync("target.txt", path.join(link.dir, "config.txt"));
      link.commit("symlink");
      const { change } = await readLocalChange({ repo: link.dir });
      expect(change.files).toHaveLength(1);
      expect(change.files[0]).toMatchObject({
        path: "config.txt",
        status: "changed",
        additions: 1,
        deletions: 2,
      });
      expect(change.files[0].hunks).toHaveLength(2);
    } finally {
      link.remove();
    }
  });

  it("explains what to pass when the path or a ref is wrong", async () => {
    await expect(readLocalChange({ repo: "/nonexistent/defect" })).rejects.toThrow(
      /is not a directory; pass --repo/,
    );
    const notRepo = mkdtempSync(path.join(os.tmpdir(), "defect-notrepo-"));
    await expect(readLocalChange({ repo: notRepo })).rejects.toThrow(LocalChangeError);
    await expect(readLocalChange({ repo: notRepo })).rejects.toThrow(
      /is not a git repository; pass --repo PATH/,
    );
    rmSync(notRepo, { recursive: true });
    await expect(readLocalChange({ repo: repo.dir, base: "no-such-branch" })).rejects.toThrow(
      /could not resolve --base no-such-branch .*unknown revision.*pass a branch, tag or commit/,
    );
    await expect(readLocalChange({ repo: repo.dir, base: "--output=/tmp/x" })).rejects.toThrow(
      /not a valid ref/,
    );
  });

  it("spawns 5 git processes with the default base and 3 with an explicit one", async () => {
    const counter = countGitProcesses();
    try {
      await readLocalChange({ repo: repo.dir });
      const byDefault = counter.calls().map((c) => c[0]);
      expect(byDefault).toEqual([
        "rev-parse",
        "for-each-ref",
        "merge-base",
        expect.any(String),
        expect.any(String),
      ]);
      expect(byDefault.slice(3).sort()).toEqual(["-c", "log"]);
      await readLocalChange({ repo: repo.dir, base: root, head: second });
      expect(counter.calls()).toHaveLength(8);
    } finally {
      counter.restore();
    }
  });
});

import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { LogCommit } from "../../src/git/parse-log-records.js";
import { walkHistory, type DamagedCommit } from "../../src/git/walk-history.js";
import { ALICE, BOB, ScriptedRepo } from "./scripted-repo.js";

/** Deletes a loose object, as a snapshot without its largest blobs would lack it. */
function dropObject(repo: ScriptedRepo, sha: string): void {
  fs.rmSync(path.join(repo.dir, ".git", "objects", sha.slice(0, 2), sha.slice(2)));
}

describe("walkHistory", () => {
  const repos: ScriptedRepo[] = [];
  afterEach(() => repos.splice(0).forEach((r) => r.remove()));

  it("streams every commit, oldest first, with one git process", async () => {
    const repo = new ScriptedRepo();
    repos.push(repo);
    repo.lines("a.txt", ["1"]);
    const c1 = repo.commit(ALICE, 0, "one");
    repo.lines("a.txt", ["1", "2"]);
    const c2 = repo.commit(BOB, 1, "two\n\nbody with \x1f odd bytes");
    const seen: LogCommit[] = [];
    const result = await walkHistory(repo.dir, ["HEAD"], (c) => seen.push(c));
    expect(seen.map((c) => c.sha)).toEqual([c1, c2]);
    expect(seen[1]).toMatchObject({ authorName: "Bob", authorEmail: "bob@example.com", parents: [c1] });
    expect(seen[1].files).toEqual([
      expect.objectContaining({ path: "a.txt", status: "M", added: 1, deleted: 0 }),
    ]);
    expect(result).toEqual({ processes: 1, damaged: [] });
  });

  it("records a commit whose blob is missing and carries on with the rest of the history", async () => {
    const repo = new ScriptedRepo();
    repos.push(repo);
    repo.lines("a.txt", ["1"]);
    repo.lines("b.txt", ["b"]);
    const c1 = repo.commit(ALICE, 0, "one");
    repo.lines("a.txt", ["1", "2"]);
    const c2 = repo.commit(ALICE, 1, "two");
    const blob = repo.git(["rev-parse", "HEAD:a.txt"]);
    repo.lines("b.txt", ["b", "c"]);
    const c3 = repo.commit(BOB, 2, "three: touches only b");
    repo.lines("a.txt", ["1", "2", "3"]);
    const c4 = repo.commit(BOB, 3, "four: a again (old side is the missing blob)");
    dropObject(repo, blob);

    const seen: [string, DamagedCommit | undefined][] = [];
    const result = await walkHistory(repo.dir, ["HEAD"], (c, d) => seen.push([c.sha, d]));
    expect(seen.map(([sha]) => sha)).toEqual([c1, c2, c3, c4]);
    expect(result.damaged.map((d) => [d.sha, d.kind])).toEqual([
      [c2, "numstat-missing"],
      [c4, "numstat-missing"],
    ]);
    expect(result.damaged[0].detail).toMatch(/unable to read|missing|bad object/i);
    expect(result.processes).toBeGreaterThan(1);
  });
});

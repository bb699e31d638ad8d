import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { mineRepository } from "../../src/pipeline/mine-repository.js";
import { openSqliteStore } from "../../src/store/sqlite/open-sqlite-store.js";
import { ALICE, BOB, ScriptedRepo } from "../git/scripted-repo.js";

describe("mineRepository on awkward histories", () => {
  const repos: ScriptedRepo[] = [];
  afterEach(() => repos.splice(0).forEach((r) => r.remove()));

  it("counts submodule pointers and empty commits, and records why a commit has no record", async () => {
    const repo = new ScriptedRepo();
    repos.push(repo);
    repo.lines("a.txt", ["1"]);
    const c1 = repo.commit(ALICE, 0, "one");
    // A gitlink (mode 160000) as `git submodule add` leaves it, without needing the other repository.
    repo.git(["update-index", "--add", "--cacheinfo", `160000,${c1},vendor/lib`]);
    repo.git(["commit", "-q", "-m", "add submodule"], repo.env(BOB, `@${1_577_836_800 + 86_400} +0000`));
    repo.git(
      ["commit", "-q", "--allow-empty", "-m", "nothing"],
      repo.env(BOB, `@${1_577_836_800 + 2 * 86_400} +0000`),
    );
    const empty = repo.git(["rev-parse", "HEAD"]);
    const store = openSqliteStore(":memory:");
    const summary = await mineRepository({ repo: repo.dir, store });
    expect(summary).toMatchObject({
      commits: 3,
      mined: 2,
      submoduleChanges: 1,
      skipped: { merge: 0, "missing-object": 0, empty: 1 },
    });
    expect(await store.commits.listSkipped(summary.repository)).toEqual([
      { repository: summary.repository, sha: empty, reason: "empty", detail: "" },
    ]);
    await store.close();
  });

  it("mines past commits whose blobs are missing: skipped with git's reason, history kept", async () => {
    const repo = new ScriptedRepo();
    repos.push(repo);
    repo.lines("src/a.txt", ["1"]);
    repo.commit(ALICE, 0, "one");
    repo.lines("src/a.txt", ["1", "2"]);
    const bad = repo.commit(ALICE, 1, "two");
    const blob = repo.git(["rev-parse", "HEAD:src/a.txt"]);
    repo.lines("src/b.txt", ["b"]);
    const later = repo.commit(ALICE, 3, "three");
    fs.rmSync(path.join(repo.dir, ".git", "objects", blob.slice(0, 2), blob.slice(2)));

    const store = openSqliteStore(":memory:");
    const summary = await mineRepository({ repo: repo.dir, store });
    expect(summary).toMatchObject({ commits: 3, mined: 2, skipped: { "missing-object": 1 } });
    const [skipped] = await store.commits.listSkipped(summary.repository);
    expect(skipped).toMatchObject({ sha: bad, reason: "missing-object" });
    expect(skipped.detail).toMatch(/unable to read|missing|bad object/i);
    // The damaged commit still counts as Alice's change to src/ (its lines unknown): exp and sexp are 2.
    const record = await store.commits.getCommit(summary.repository, later);
    expect(record!.features).toMatchObject({ nf: 1, exp: 2, sexp: 2, lt: 0, ndev: 0 });
    await store.close();
  });
});

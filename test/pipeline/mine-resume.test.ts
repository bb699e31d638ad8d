import { afterEach, describe, expect, it } from "vitest";
import { mineRepository } from "../../src/pipeline/mine-repository.js";
import { openSqliteStore } from "../../src/store/sqlite/open-sqlite-store.js";
import { ALICE, BOB, ScriptedRepo } from "../git/scripted-repo.js";

describe("mineRepository: incremental runs and --since", () => {
  const repos: ScriptedRepo[] = [];
  afterEach(() => repos.splice(0).forEach((r) => r.remove()));

  function twoCommits(): ScriptedRepo {
    const repo = new ScriptedRepo();
    repos.push(repo);
    repo.lines("src/a.ts", ["a", "b"]);
    repo.commit(ALICE, 0, "one");
    repo.lines("src/a.ts", ["a", "b", "c"]);
    repo.commit(BOB, 10, "two");
    return repo;
  }

  it("a second run walks only the new commits and gives the same features as a full run", async () => {
    const repo = twoCommits();
    const store = openSqliteStore(":memory:");
    const first = await mineRepository({ repo: repo.dir, store });
    expect(first).toMatchObject({ commits: 2, mined: 2, resumedFrom: null });

    const unchanged = await mineRepository({ repo: repo.dir, store });
    expect(unchanged).toMatchObject({ commits: 0, mined: 0, resumedFrom: first.head });

    repo.lines("src/a.ts", ["x", "b", "c", "d"]);
    const c3 = repo.commit(ALICE, 20, "three");
    const second = await mineRepository({ repo: repo.dir, store });
    expect(second).toMatchObject({ commits: 1, mined: 1, stored: 3, resumedFrom: first.head });

    const fresh = openSqliteStore(":memory:");
    await mineRepository({ repo: repo.dir, store: fresh });
    const resumed = await store.commits.getCommit(second.repository, c3);
    const full = await fresh.commits.getCommit(second.repository, c3);
    // lt: 3 lines; ndev {Alice, Bob}; nuc 2; age 10 days; exp: Alice's first commit, 20 days ago.
    expect(resumed!.features).toMatchObject({
      lt: 3,
      ndev: 2,
      nuc: 2,
      age: 10,
      exp: 1,
      rexp: 1,
      sexp: 1,
      la: 2,
      ld: 1,
    });
    expect(resumed!.features).toEqual(full!.features);
    await store.close();
    await fresh.close();
  });

  it("--since stores only later commits but their history still counts", async () => {
    const repo = twoCommits();
    const store = openSqliteStore(":memory:");
    const summary = await mineRepository({ repo: repo.dir, store, since: "2020-01-05" });
    expect(summary).toMatchObject({ commits: 2, mined: 1, stored: 1 });
    const [record] = (await store.commits.listCommits({ after: 0, limit: 10 })).records;
    expect(record.features).toMatchObject({ lt: 2, ndev: 1, nuc: 1, exp: 0 });
    await store.close();
  });

  it("refuses a folder that is not a repository, saying what to pass", async () => {
    const store = openSqliteStore(":memory:");
    await expect(mineRepository({ repo: "/nonexistent/repo", store })).rejects.toThrow(/--repo/);
    await store.close();
  });
});

describe("createLocalHistoryProvider seeded with the miner's saved state", () => {
  it("answers like a full replay without walking the mined history again", async () => {
    const { createLocalHistoryProvider } = await import("../../src/features/kamei/index.js");
    const { toChange } = await import("../../src/git/convert-log-commit.js");
    const { walkHistory } = await import("../../src/git/walk-history.js");
    const repo = new ScriptedRepo();
    repo.lines("src/a.ts", ["a"]);
    repo.commit(ALICE, 0, "one");
    repo.lines("src/a.ts", ["a", "b"]);
    repo.commit(BOB, 10, "two");
    const store = openSqliteStore(":memory:");
    const summary = await mineRepository({ repo: repo.dir, store });
    repo.lines("src/a.ts", ["a", "b", "c"]);
    repo.commit(ALICE, 20, "three");
    let head: Parameters<typeof toChange>[0] | undefined;
    await walkHistory(repo.dir, ["-1", "HEAD"], (c) => (head = c));
    const change = toChange(head!, repo.dir);
    let seeded = 0;
    const fromSeed = await createLocalHistoryProvider(repo.dir, {
      seed: async () => (seeded++, store.commits.getMiningState(summary.repository)),
    }).historyFeatures(change);
    const full = await createLocalHistoryProvider(repo.dir).historyFeatures(change);
    expect(seeded).toBe(1);
    expect(fromSeed).toEqual(full);
    expect(fromSeed).toMatchObject({ lt: 2, ndev: 2, nuc: 2, exp: 1, age: 10 });
    await store.close();
    repo.remove();
  });
});

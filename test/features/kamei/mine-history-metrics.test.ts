import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mineRepository } from "../../../src/pipeline/mine-repository.js";
import { openSqliteStore } from "../../../src/store/sqlite/open-sqlite-store.js";
import type { Store } from "../../../src/store/types.js";
import { buildHistory, ScriptedRepo } from "../../git/scripted-repo.js";

const h = (ps: number[]) => -ps.reduce((s, p) => s + p * Math.log2(p), 0);

describe("Kamei metrics mined from a scripted history (values worked out by hand)", () => {
  const repo = new ScriptedRepo();
  let shas: Record<string, string>;
  let store: Store;
  let summary: Awaited<ReturnType<typeof mineRepository>>;
  const features = async (c: string) =>
    (await store.commits.getCommit(summary.repository, shas[c]))!.features;

  beforeAll(async () => {
    shas = buildHistory(repo);
    store = openSqliteStore(":memory:");
    summary = await mineRepository({ repo: repo.dir, store });
  });
  afterAll(async () => {
    await store.close();
    repo.remove();
  });

  it("counts merges, renames, deletions, binary files and non-UTF-8 paths in the summary", () => {
    expect(summary.commits).toBe(7);
    expect(summary.mined).toBe(6);
    expect(summary.skipped).toEqual({ merge: 1, "missing-object": 0, empty: 0 });
    expect(summary.renames).toBe(1);
    expect(summary.deletedFiles).toBe(1);
    expect(summary.binaryFiles).toBe(1);
    expect(summary.nonUtf8Paths).toBe(1);
    expect(summary.gitProcesses).toBe(1);
  });

  it("c1: a first commit has size and diffusion but no history", async () => {
    // 10 + 5 lines over a/ and b/: p = 10/15, 5/15.
    expect(await features("c1")).toMatchObject({
      la: 15,
      ld: 0,
      nf: 2,
      ns: 2,
      nd: 2,
      lt: 0,
      ndev: 0,
      age: 0,
      nuc: 0,
      exp: 0,
      rexp: 0,
      sexp: 0,
    });
    expect((await features("c1")).entropy).toBeCloseTo(h([2 / 3, 1 / 3]), 10);
  });

  it("c2: Bob edits Alice's 10-line file two days later", async () => {
    expect(await features("c2")).toMatchObject({
      la: 3,
      ld: 1,
      nf: 1,
      ns: 1,
      nd: 1,
      entropy: 0,
      lt: 10,
      ndev: 1,
      age: 2,
      nuc: 1,
      exp: 0,
      rexp: 0,
      sexp: 0,
      fix: 0,
    });
  });

  it("c3: the rename carries the file's history; the deleted file counts; the binary file has no lines", async () => {
    const f = await features("c3");
    // lt: x.js had 10+3−1 = 12 lines, y.txt 5. ndev {Alice, Bob}. age: mean(400−2, 400−0) days.
    // nuc: x.js 2 changes (c1, c2) + y.txt 1 (c1) = 3.
    // exp: Alice's c1; rexp: c1 is 400 days old → 1 whole year → 1/2; sexp: c1 touched a/ and b/ → 1.
    expect(f).toMatchObject({
      la: 1,
      ld: 5,
      nf: 3,
      ns: 3,
      nd: 3,
      lt: 17,
      ndev: 2,
      age: 399,
      nuc: 3,
      exp: 1,
      rexp: 0.5,
      sexp: 1,
      fix: 1,
    });
    expect(f.entropy).toBeCloseTo(h([1 / 6, 5 / 6]), 10);
  });

  it("the merge commit gets no record and does not count as experience", async () => {
    expect(await store.commits.getCommit(summary.repository, shas.c6)).toBeNull();
    expect(await store.commits.listSkipped(summary.repository)).toEqual([
      { repository: summary.repository, sha: shas.c6, reason: "merge", detail: "" },
    ]);
  });

  it("c7: history from both branches, through the rename", async () => {
    const f = await features("c7");
    // a/z.js: 12+1 (c3) +1−1 (c5) = 13 lines, devs {Alice, Bob, Carol}, 4 changes (c1, c2, c3, c5), last day 402.
    // d/w.txt: 4 lines, devs {Bob}, 1 change (c4), last day 401. nuc = 4 + 1. The new e/ file has no history.
    // exp: Alice's c1, c3 (not the merge c6). rexp: c1 800 d old → 2 years → 1/3; c3 400 d → 1 year → 1/2.
    // sexp: subsystems a, d, e; Alice changed a/ in c1 and c3 → 2.
    expect(f).toMatchObject({
      la: 5,
      ld: 2,
      nf: 3,
      ns: 3,
      nd: 3,
      lt: 17,
      ndev: 3,
      age: 398.5,
      nuc: 5,
      exp: 2,
      sexp: 2,
    });
    expect(f.rexp).toBeCloseTo(1 / 3 + 1 / 2, 12);
    expect(f.entropy).toBeCloseTo(h([4 / 7, 1 / 7, 2 / 7]), 10);
  });
});

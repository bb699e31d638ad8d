import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseLabelOptions } from "../../src/labels/label-options.js";
import { labelRepository } from "../../src/pipeline/label-repository.js";
import { openSqliteStore } from "../../src/store/sqlite/open-sqlite-store.js";
import type { Store } from "../../src/store/types.js";
import { createScriptedRepo, dayToSeconds, lines, type ScriptedRepo } from "../labels/scripted-repo.js";

let repo: ScriptedRepo;
const sha: Record<string, string> = {};

beforeAll(() => {
  repo = createScriptedRepo();
  sha.initial = repo.commit("initial", { "src/Parser.java": lines(10), "README.md": "hello\n" }, 0);
  repo.git("checkout", "-q", "-b", "feature");
  sha.parser = repo.commit(
    "add parser",
    { "src/Parser.java": lines(10, { 4: "  int v4 = parse(null);" }) },
    1,
  );
  repo.git("checkout", "-q", "main");
  sha.docs = repo.commit("docs", { "README.md": "hello world\n" }, 1.5);
  process.env.GIT_COMMITTER_DATE = `${dayToSeconds(2)} +0000`;
  repo.git(
    "merge",
    "-q",
    "--no-ff",
    "feature",
    "-m",
    "Merge pull request #5 from someone/feature\n\nAdd parser",
  );
  delete process.env.GIT_COMMITTER_DATE;
  sha.cache = repo.commit("Add cache (#6)", { "src/Cache.java": lines(5) }, 3);
  sha.revert = repo.commit(
    `Revert "Add cache (#6)"\n\nThis reverts commit ${sha.cache}.`,
    { "src/Cache.java": null },
    4,
  );
  sha.fix = repo.commit(
    "Fix parser crash on null (#7)",
    { "src/Parser.java": lines(10, { 4: '  int v4 = parse("");' }) },
    200,
  );
  sha.recent = repo.commit("tweak readme", { "README.md": "hello world!\n" }, 290);
});
afterAll(() => repo.remove());

const NOW = dayToSeconds(300);

async function run(store: Store, extra: Partial<Parameters<typeof labelRepository>[0]> = {}) {
  return labelRepository({
    store: store.labels,
    repoPath: repo.dir,
    repository: "o/r",
    options: parseLabelOptions(),
    now: NOW,
    ...extra,
  });
}

describe("labelRepository on a scripted history", () => {
  it("labels SZZ inducers with their PR, reverted commits, and merge outcomes", async () => {
    const store = openSqliteStore(":memory:");
    const summary = await run(store);
    expect(summary).toMatchObject({
      fixesFound: 1,
      fixesTraced: 1,
      reverts: 1,
      inducingCommits: 2,
      missingFixes: [],
    });
    expect(summary.wroteCommitGraph).toBe(true);
    const szz = await store.labels.listLabels({ source: "szz" });
    expect(szz.map((l) => [l.commitSha, l.prNumber, l.fixSha, l.label])).toEqual([
      [sha.parser, 5, sha.fix, "bug"],
    ]);
    const revert = await store.labels.listLabels({ source: "revert" });
    expect(revert.map((l) => [l.commitSha, l.prNumber, l.fixSha, l.confidence])).toEqual([
      [sha.cache, 6, sha.revert, 0.9],
    ]);
    const outcome = new Map(
      (await store.labels.listLabels({ source: "outcome" })).map((l) => [l.commitSha, l.label]),
    );
    expect(outcome.get(sha.docs)).toBe("clean");
    expect(outcome.get(sha.parser)).toBe("unlabeled");
    expect(outcome.get(sha.cache)).toBe("unlabeled");
    expect(outcome.get(sha.recent)).toBe("unlabeled");
    expect(summary.bySource.szz).toEqual({ bug: 1 });
    await store.close();
  });

  it("is idempotent, and a re-run under other options supersedes without losing rows", async () => {
    const store = openSqliteStore(":memory:");
    await run(store);
    const before = await store.labels.listLabels({ includeSuperseded: true });
    const again = await run(store);
    expect(again).toMatchObject({ fixesTraced: 0, fixesAlreadyDone: 1 });
    expect(await store.labels.listLabels({ includeSuperseded: true })).toEqual(before);

    await run(store, { options: parseLabelOptions({ ignorePaths: ["src/Parser.java"] }) });
    const history = await store.labels.listLabels({ source: "szz", includeSuperseded: true });
    expect(history).toHaveLength(1);
    expect(history[0].supersededAt).not.toBeNull();
    expect(history[0].supersedeReason).toMatch(/no longer an SZZ candidate/);
    const parserOutcome = await store.labels.listLabels({
      source: "outcome",
      commitSha: sha.parser,
      includeSuperseded: true,
    });
    expect(parserOutcome.map((l) => [l.label, l.supersededAt === null])).toEqual([
      ["unlabeled", false],
      ["clean", true],
    ]);
    await store.close();
  });

  it("runs SZZ on exactly the listed fixes and names the hashes it cannot find", async () => {
    const store = openSqliteStore(":memory:");
    const summary = await run(store, { fixes: [sha.fix.slice(0, 10), "deadbeef"] });
    expect(summary).toMatchObject({ fixesFound: 1, missingFixes: ["deadbeef"] });
    expect((await store.labels.listLabels({ source: "szz" })).map((l) => l.commitSha)).toEqual([sha.parser]);
    await store.close();

    const dated = openSqliteStore(":memory:");
    await run(dated, { fixes: [{ sha: sha.fix, issueOpenedAt: dayToSeconds(0.5) }] });
    expect(await dated.labels.listLabels({ source: "szz" })).toEqual([]);
    await dated.close();
  });

  it("says clearly when the path is not a repository", async () => {
    const store = openSqliteStore(":memory:");
    await expect(run(store, { repoPath: "/" })).rejects.toThrow(/is not a git repository/);
    await expect(run(store, { repoPath: "/no/such/dir" })).rejects.toThrow(/is not a directory/);
    await store.close();
  });
});

import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChangedFile } from "../../src/change/types.js";
import type { FileContentProvider } from "../../src/features/types.js";
import { createGitContentProvider } from "../../src/git/create-git-content-provider.js";
import { readLocalChange } from "../../src/git/read-local-change.js";
import type { RiskModel } from "../../src/model/types.js";
import { createLocalFileHistory } from "../../src/pipeline/read-local-file-history.js";
import { scoreChange } from "../../src/pipeline/score-change.js";
import { openSqliteStore } from "../../src/store/sqlite/open-sqlite-store.js";
import type { Store } from "../../src/store/types.js";
import { createTempRepo, type TempRepo } from "../git/create-temp-repo.js";

/** Logistic on one feature, so that feature's group carries the whole attribution. */
function modelOn(feature: string, weight: number): RiskModel {
  return {
    version: `test-${feature}`,
    featureNames: [feature],
    bands: { medium: 0.3, high: 0.6 },
    async predict(rows) {
      return rows.map((r) => 1 / (1 + Math.exp(-(-2 + weight * (r[feature] ?? 0)))));
    },
  };
}

/** Counts the reads that reach git, to check each blob is read once per scoring. */
function countingProvider(inner: FileContentProvider): FileContentProvider & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    before: (f: ChangedFile) => (reads.push(`before:${f.path}`), inner.before(f)),
    after: (f: ChangedFile) => (reads.push(`after:${f.path}`), inner.after(f)),
  };
}

const body = (lines: string[]) => ["function acquire(pool) {", ...lines, "}", ""].join("\n");

describe("scoreChange with file contents: per-function reasons", () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = createTempRepo();
    repo.write("src/pool.js", body(["  return pool.pop();"]));
    repo.write("README.md", "# pool\n");
    repo.commit("Add pool");
    repo.git("checkout", "-q", "-b", "feature");
    repo.write(
      "src/pool.js",
      body([
        "  if (pool.closed) return null;",
        "  for (const x of pool.items) {",
        "    if (x.idle && !x.broken) return x;",
        "    while (x.busy) x.wait();",
        "  }",
        "  return pool.size < pool.max ? pool.create() : null;",
      ]),
    );
    repo.write("README.md", "# pool\n\nNow with idle reuse.\n");
    repo.commit("Reuse idle connections");
  });
  afterAll(() => repo.remove());

  it("names the function and its exact complexity delta in the reasons and the hunk", async () => {
    const { change } = await readLocalChange({ repo: repo.dir });
    const git = createGitContentProvider(repo.dir);
    const contents = countingProvider(git.forChange(change.baseSha, change.headSha));
    try {
      const result = await scoreChange(change, {
        model: modelOn("ast_touched_cc_delta", 0.3),
        contents,
        options: { baseline: { ast_touched_cc_delta: 0 } },
      });
      // acquire: 1 → 1 + if + for-of + if + && + while + ?: = 7, so +6.
      const sentence = "`src/pool.js`: cyclomatic complexity +6 in `acquire()`";
      expect(result.features.ast_touched_cc_delta).toBe(6);
      expect(result.reasons.map((r) => r.text)).toContain(sentence);
      const hunk = result.hunks.find((h) => h.path === "src/pool.js");
      expect(hunk?.reason).toContain("in `acquire()`; cyclomatic complexity +6");
      // Whole-change features, per-file features and the function detail share one read of each blob.
      expect(contents.reads.filter((r) => r === "after:src/pool.js")).toHaveLength(1);
      expect(contents.reads.filter((r) => r === "before:src/pool.js")).toHaveLength(1);
    } finally {
      git.close();
    }
  });

  it("still scores and explains without contents or history (no function or history detail)", async () => {
    const { change } = await readLocalChange({ repo: repo.dir });
    const result = await scoreChange(change, {
      model: modelOn("la", 0.2),
      options: { baseline: { la: 0 } },
    });
    expect(result.probability).toBeGreaterThan(0);
    expect(result.reasons.length).toBeGreaterThan(0);
    expect(result.reasons.map((r) => r.text).join(" ")).not.toMatch(/cyclomatic|later fixed/);
  });
});

describe("scoreChange with a labels store: 'k of the last N changes were later fixed'", () => {
  let repo: TempRepo;
  let store: Store;
  const shas: string[] = [];
  beforeAll(async () => {
    repo = createTempRepo();
    repo.write("b.ts", "export const b = 0;\n");
    repo.commit("Add b", { date: "2024-01-01T00:00:00Z" });
    for (let i = 1; i <= 3; i++) {
      repo.write("a.ts", `export const a = ${i};\n`);
      shas.push(repo.commit(`Change a ${i}`, { date: `2024-01-0${i + 1}T00:00:00Z` }));
    }
    repo.git("checkout", "-q", "-b", "feature");
    repo.write("a.ts", "export const a = 4;\nexport const c = 5;\n");
    repo.commit("Change a again", { date: "2024-01-09T00:00:00Z" });
    store = openSqliteStore(":memory:");
    const repository = path.resolve(repo.dir);
    await store.labels.recordLabels(
      [shas[0], shas[2]].map((commitSha) => ({
        repository,
        commitSha,
        label: "bug" as const,
        source: "szz" as const,
        confidence: 0.9,
        fixSha: "f".repeat(40),
        origin: `fix-of-${commitSha}`,
      })),
    );
    // A label of another repository must not count.
    await store.labels.recordLabel({
      repository: "someone/else",
      commitSha: shas[1],
      label: "bug",
      source: "szz",
      confidence: 0.9,
    });
  });
  afterAll(async () => {
    await store.close();
    repo.remove();
  });

  it("counts the file's last changes before the base and the labelled ones among them", async () => {
    const { change } = await readLocalChange({ repo: repo.dir });
    const read = createLocalFileHistory({
      repoPath: repo.dir,
      repository: path.resolve(repo.dir),
      labels: store.labels,
      until: change.baseSha,
    });
    expect(await read(["a.ts", "b.ts", "missing.ts"])).toEqual({
      "a.ts": { recentChanges: 3, laterFixed: 2 },
      "b.ts": { recentChanges: 1, laterFixed: 0 },
    });
    const capped = createLocalFileHistory({
      repoPath: repo.dir,
      repository: path.resolve(repo.dir),
      labels: store.labels,
      until: change.baseSha,
      recent: 2,
    });
    // The last two changes of a.ts are shas[2] (labelled) and shas[1] (labelled elsewhere only).
    expect(await capped(["a.ts"])).toEqual({ "a.ts": { recentChanges: 2, laterFixed: 1 } });
  });

  it("says so in the reasons when the history group matters", async () => {
    const { change } = await readLocalChange({ repo: repo.dir });
    const { createLocalHistoryProvider } = await import("../../src/features/kamei/index.js");
    const result = await scoreChange(change, {
      model: modelOn("nuc", 0.8),
      history: createLocalHistoryProvider(repo.dir),
      fileHistory: createLocalFileHistory({
        repoPath: repo.dir,
        repository: path.resolve(repo.dir),
        labels: store.labels,
        until: change.baseSha,
      }),
      options: { baseline: { nuc: 0 } },
    });
    const history = result.reasons.find((r) => r.key === "history");
    expect(history?.text).toContain("2 of the last 3 changes to `a.ts` were later fixed");
  });

  it("keeps the score when the history cannot be read, and says why in a note", async () => {
    const { change } = await readLocalChange({ repo: repo.dir });
    const result = await scoreChange(change, {
      model: modelOn("la", 0.2),
      fileHistory: createLocalFileHistory({
        repoPath: path.join(repo.dir, "not-a-repo"),
        repository: "x",
        labels: store.labels,
        until: change.baseSha,
      }),
      options: {},
    });
    expect(result.probability).toBeGreaterThan(0);
    expect(result.notes).toContainEqual(
      expect.stringContaining("Earlier changes of the files could not be read"),
    );
  });
});

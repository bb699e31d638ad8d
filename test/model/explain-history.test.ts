import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadRepositoryHistory } from "../../src/model/explain-history.js";
import { openSqliteStore } from "../../src/store/sqlite/open-sqlite-store.js";
import type { Store } from "../../src/store/types.js";

const REPO = "acme/pool";
const sha = (i: number) => i.toString(16).padStart(40, "0");
let store: Store;

beforeEach(async () => {
  store = openSqliteStore(":memory:");
  // 30 mined changes: la = 10, 20, … 300 (oldest first).
  await store.commits.saveCommits(
    Array.from({ length: 30 }, (_, i) => ({
      repository: REPO,
      sha: sha(i + 1),
      date: new Date(Date.UTC(2026, 0, i + 1)).toISOString(),
      author: "Ada <ada@example.com>",
      parents: [sha(i)],
      features: { la: (i + 1) * 10, ld: i, nf: 1 + (i % 4), ndev: null },
      tokens: null,
    })),
  );
  const label = (i: number, value: "bug" | "clean", source: "outcome" | "szz") =>
    store.labels.recordLabel({
      repository: REPO,
      commitSha: sha(i),
      label: value,
      source,
      confidence: 0.8,
      fixSha: null,
    });
  // Changes 21 … 30 are clean, except 30, which a later fix implicated.
  for (let i = 21; i <= 30; i++) await label(i, "clean", "outcome");
  await label(30, "bug", "szz");
  // A clean change outside the window does not count.
  await label(2, "clean", "outcome");
});
afterEach(async () => {
  await store.close();
});

describe("loadRepositoryHistory", () => {
  it("returns the most recent changes and the median of the clean ones among them as the baseline", async () => {
    const out = await loadRepositoryHistory(store, REPO, { limit: 25 });
    expect(out.history).toHaveLength(25);
    expect(out.history[0].la).toBe(60);
    expect(out.history.at(-1)!.la).toBe(300);
    expect(out.cleanRows).toBe(9);
    // Clean: changes 21 … 29 → la 210 … 290, median 250; ld 20 … 28, median 24; ndev unknown everywhere.
    expect(out.baseline).toEqual({ la: 250, ld: 24, nf: 2, ndev: null });
  });

  it("gives no baseline with fewer than five clean changes, and nothing for a repository never mined", async () => {
    // The last 6: changes 25 … 30, of which 25 … 29 are clean (five rows).
    expect((await loadRepositoryHistory(store, REPO, { limit: 6 })).baseline).toEqual({
      la: 270,
      ld: 26,
      nf: 2,
      ndev: null,
    });
    expect((await loadRepositoryHistory(store, REPO, { limit: 5 })).baseline).toBeUndefined();
    expect(await loadRepositoryHistory(store, "acme/other")).toEqual({ history: [], cleanRows: 0 });
  });
});

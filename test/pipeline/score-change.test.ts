import { describe, expect, it } from "vitest";
import type { Change } from "../../src/change/types.js";
import { createDefaultRegistry } from "../../src/features/default-registry.js";
import { diffExtractors } from "../../src/features/diff/index.js";
import { FeatureRegistry } from "../../src/features/registry.js";
import type { FeatureValues, HistoryProvider } from "../../src/features/types.js";
import type { RiskModel } from "../../src/model/types.js";
import { rankHunksByFileRisk } from "../../src/pipeline/rank-hunks.js";
import {
  InvalidScoringOptionsError,
  ModelOutputError,
  scoreChange,
} from "../../src/pipeline/score-change.js";
import { renderCheckRun } from "../../src/report/render-check-run.js";
import { makeChange, makeFile, makePatch } from "../features/make-change.js";

/**
 * A small logistic model on la and nf, standing in for the model subsystem (a separate engineer's work):
 * the pipeline only sees the RiskModel interface. It records every batch it is asked to score.
 */
function logisticModel(): RiskModel & { calls: FeatureValues[][] } {
  const calls: FeatureValues[][] = [];
  return {
    version: "test-logistic-1",
    featureNames: ["la", "nf"],
    bands: { medium: 0.3, high: 0.5 },
    calls,
    async predict(rows) {
      calls.push(rows);
      return rows.map((r) => 1 / (1 + Math.exp(-(-2 + 0.01 * (r.la ?? 0) + 0.1 * (r.nf ?? 0)))));
    },
  };
}

const NOW = () => new Date("2024-06-01T00:00:00Z");

function mixedChange(): Change {
  return makeChange([
    makeFile("src/small.ts", makePatch(2, 1)),
    makeFile("src/big.ts", [makePatch(120, 10, 1), makePatch(30, 0, 400)].join("\n")),
    makeFile("docs/guide.md", makePatch(5, 0)),
    makeFile("package-lock.json", makePatch(200, 0)),
  ]);
}

describe("scoreChange", () => {
  it("scores the change and every file in one batched predict call, files sorted by risk", async () => {
    const model = logisticModel();
    const change = mixedChange();
    const result = await scoreChange(change, { model, options: { now: NOW } });
    const [first] = model.calls;
    expect(first).toHaveLength(1 + change.files.length);
    expect(first[0]).toMatchObject({ la: 357, nf: 4 });
    expect(first[2]).toMatchObject({ la: 150, nf: 1 });
    expect(result.probability).toBeCloseTo(1 / (1 + Math.exp(-(-2 + 0.01 * 357 + 0.4))), 12);
    expect(result.band).toBe("high");
    expect(result.bands).toEqual({ medium: 0.3, high: 0.5 });
    expect(result.files.map((f) => f.path)).toEqual([
      "package-lock.json",
      "src/big.ts",
      "docs/guide.md",
      "src/small.ts",
    ]);
    expect(result.files.map((f) => f.band)).toEqual(["high", "medium", "low", "low"]);
    expect(result).toMatchObject({
      modelVersion: "test-logistic-1",
      number: 7,
      scoredAt: "2024-06-01T00:00:00.000Z",
    });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it("gives each file its diff tokens only when the model reads tokens", async () => {
    const tokenKeys = (row: FeatureValues) => Object.keys(row).filter((k) => k.startsWith("tok_"));
    const plain = logisticModel();
    await scoreChange(mixedChange(), { model: plain, options: { now: NOW, explain: false } });
    const [plainBatch] = plain.calls;
    expect(tokenKeys(plainBatch[0]).length).toBeGreaterThan(0); // the change vector always has them
    plainBatch.slice(1).forEach((file) => expect(tokenKeys(file)).toEqual([]));
    const reader = { ...logisticModel(), readsTokens: true };
    await scoreChange(mixedChange(), { model: reader, options: { now: NOW, explain: false } });
    const [batch] = reader.calls;
    batch.slice(1).forEach((file) => expect(tokenKeys(file).length).toBeGreaterThan(0));
    // The change's bag is the sum of its files' bags.
    const total = (rows: FeatureValues[], key: string) =>
      rows.reduce((s, r) => s + ((r[key] as number) ?? 0), 0);
    for (const key of tokenKeys(batch[0]).slice(0, 20))
      expect(total(batch.slice(1), key)).toBe(batch[0][key]);
  });

  it("uses band thresholds from the options over the model's", async () => {
    const result = await scoreChange(mixedChange(), {
      model: logisticModel(),
      options: { bands: { medium: 0.99, high: 0.999 } },
    });
    expect(result.band).toBe("low");
    expect(result.files.every((f) => f.band === "low")).toBe(true);
  });

  it("leaves ignored paths out of features and says so", async () => {
    const model = logisticModel();
    const result = await scoreChange(mixedChange(), { model, options: { ignore: ["docs/**", "*.json"] } });
    expect(result.files.map((f) => f.path).sort()).toEqual(["src/big.ts", "src/small.ts"]);
    expect(result.features.nf).toBe(2);
    expect(result.notes).toContainEqual(expect.stringContaining("2 file(s) matched the ignored paths"));
  });

  it("matches ignore globs the way .gitignore users expect", async () => {
    const change = makeChange([
      makeFile("a/b/c.snap", makePatch(1, 0)),
      makeFile("docs/deep/x.md", makePatch(1, 0)),
      makeFile("vendor/lib.js", makePatch(1, 0)),
      makeFile(".github/workflows/ci.yml", makePatch(1, 0)),
      makeFile("src/keep.ts", makePatch(1, 0)),
      makeFile("src/new-name.ts", "", { status: "renamed", previousPath: "legacy/old.ts" }),
    ]);
    const result = await scoreChange(change, {
      model: logisticModel(),
      options: { ignore: ["*.snap", "docs/", "vendor/**", ".github/**", "legacy/**"] },
    });
    expect(result.files.map((f) => f.path)).toEqual(["src/keep.ts"]);
  });

  it("scores a change with no files and says it is empty", async () => {
    const result = await scoreChange(makeChange([]), { model: logisticModel(), options: {} });
    expect(result.files).toEqual([]);
    expect(result.hunks).toEqual([]);
    expect(result.features.la).toBe(0);
    expect(result.notes[0]).toMatch(/no changed files/);
  });

  it("notes binary files and patches GitHub omitted, and keeps their line counts", async () => {
    const change = makeChange([
      makeFile("img/a.png", "", { binary: true, patchOmitted: "binary" }),
      makeFile("data/huge.csv", "", { additions: 40_000, deletions: 2, patchOmitted: "too-large" }),
    ]);
    const result = await scoreChange(change, { model: logisticModel(), options: {} });
    expect(result.features.la).toBe(40_000);
    expect(result.notes).toContainEqual(expect.stringContaining("1 binary file(s)"));
    expect(result.notes).toContainEqual(expect.stringContaining("GitHub omitted the patch of 1 file(s)"));
    expect(result.files.find((f) => f.path === "data/huge.csv")?.note).toBe(
      "patch omitted by GitHub (too large)",
    );
  });

  it("scores a PR of only binary files", async () => {
    const change = makeChange([
      makeFile("img/a.png", "", { binary: true, patchOmitted: "binary" }),
      makeFile("img/b.png", "", { binary: true, patchOmitted: "binary", status: "added" }),
    ]);
    const result = await scoreChange(change, { model: logisticModel(), options: {} });
    expect(result.files.map((f) => f.note)).toEqual([
      "binary file: no line-level diff",
      "binary file: no line-level diff",
    ]);
    expect(result.hunks).toEqual([]);
    expect(result.features).toMatchObject({ la: 0, ld: 0, nf: 2, binary_files: 2, hunks: 0 });
    expect(renderCheckRun(result).annotations).toEqual([]);
  });

  it("scores a 50,000-line hunk and points an annotation at its whole range", async () => {
    const change = makeChange([makeFile("data/table.ts", makePatch(50_000, 0))]);
    const result = await scoreChange(change, { model: logisticModel(), options: {} });
    expect(result.features.max_hunk_size).toBe(50_000);
    const [annotation] = renderCheckRun(result).annotations;
    expect(annotation).toMatchObject({ path: "data/table.ts", start_line: 1, end_line: 50_000 });
  });

  it("scores a 3,000-file PR, with history only for the most-changed files, and notes files past the limit", async () => {
    const files = Array.from({ length: 3000 }, (_, i) =>
      makeFile(`pkg${i % 40}/file${i}.ts`, makePatch(1 + (i % 17), i % 3)),
    );
    const change = makeChange(files, { totalFiles: 3400 });
    const asked: number[] = [];
    const history: HistoryProvider = {
      async historyFeatures(c) {
        asked.push(c.files.length);
        return { lt: 100, ndev: 2, age: 10, nuc: 3, exp: 5, rexp: 1, sexp: 2 };
      },
    };
    const model = logisticModel();
    const result = await scoreChange(change, { model, history, options: { maxFilesScored: 50 } });
    expect(model.calls[0]).toHaveLength(3001);
    expect(result.files).toHaveLength(3000);
    // Once for the whole change, once per fully scored file.
    expect(asked).toHaveLength(51);
    expect(result.files.filter((f) => f.note === "scored on diff features only")).toHaveLength(2950);
    expect(result.notes).toContainEqual(expect.stringContaining("400 more file(s) were not seen"));
    expect(result.notes).toContainEqual(expect.stringContaining("2950 file(s) beyond the 50 most-changed"));
    expect(result.hunks.length).toBeLessThanOrEqual(50);
  });

  it("keeps scoring when an extractor fails, and reports the failure once", async () => {
    const registry = new FeatureRegistry();
    for (const e of diffExtractors) registry.register(e);
    registry.register({
      name: "flaky",
      features: [{ name: "flaky_value", group: "diff", description: "x", unit: "x", transform: "none" }],
      extract: () => {
        throw new Error("backend down");
      },
    });
    const result = await scoreChange(mixedChange(), { model: logisticModel(), registry, options: {} });
    expect(result.features.flaky_value).toBeNull();
    expect(result.notes.filter((n) => n.includes('"flaky" failed'))).toEqual([
      'Feature extractor "flaky" failed: threw: backend down; its features were left unknown.',
    ]);
  });

  it("skips the explanation when asked, ranking hunks by file risk instead", async () => {
    const result = await scoreChange(mixedChange(), { model: logisticModel(), options: { explain: false } });
    expect(result.reasons).toEqual([]);
    expect(result.notes.join(" ")).not.toContain("Reasons are unavailable");
    expect(result.hunks[0]).toMatchObject({
      path: "src/big.ts",
      reason: expect.stringContaining("in a file scored"),
    });
  });

  it("rejects out-of-range options with a message naming them", async () => {
    const model = logisticModel();
    await expect(
      scoreChange(mixedChange(), { model, options: { bands: { medium: 0.8, high: 0.2 } } }),
    ).rejects.toThrow(/band thresholds must satisfy 0 ≤ medium ≤ high ≤ 1 \(got medium 0.8, high 0.2\)/);
    await expect(scoreChange(mixedChange(), { model, options: { maxFilesScored: -1 } })).rejects.toThrow(
      InvalidScoringOptionsError,
    );
  });

  it("does not cap per-file extraction when there are no history or contents providers", async () => {
    const files = Array.from({ length: 30 }, (_, i) => makeFile(`f${i}.ts`, makePatch(1 + i, 0)));
    const result = await scoreChange(makeChange(files), {
      model: logisticModel(),
      options: { maxFilesScored: 5 },
    });
    expect(result.files.filter((f) => f.note)).toEqual([]);
    expect(result.notes.join(" ")).not.toContain("beyond");
  });

  it("rejects a model that returns the wrong number of scores, saying what to do", async () => {
    const model: RiskModel = { ...logisticModel(), predict: async () => [0.5] };
    await expect(
      scoreChange(mixedChange(), { model, registry: createDefaultRegistry(), options: {} }),
    ).rejects.toThrow(ModelOutputError);
  });
});

describe("rankHunksByFileRisk", () => {
  it("ranks hunks by their file's risk, then size; skips lock files; deletions point at the old side", () => {
    const change = makeChange([
      makeFile("a.ts", [makePatch(2, 0, 1), makePatch(9, 0, 50)].join("\n")),
      makeFile("b.ts", makePatch(0, 4, 10)),
      makeFile("yarn.lock", makePatch(300, 0)),
    ]);
    const risks = new Map([
      ["a.ts", 0.4],
      ["b.ts", 0.7],
      ["yarn.lock", 0.9],
    ]);
    const hunks = rankHunksByFileRisk(change, risks, 10);
    expect(hunks.map((h) => [h.path, h.side, h.startLine, h.endLine])).toEqual([
      ["b.ts", "LEFT", 10, 13],
      ["a.ts", "RIGHT", 50, 58],
      ["a.ts", "RIGHT", 1, 2],
    ]);
    expect(hunks[1].reason).toBe("+9 −0 lines in `function f50()`, in a file scored 0.40");
    expect(rankHunksByFileRisk(change, risks, 1)).toHaveLength(1);
  });
});

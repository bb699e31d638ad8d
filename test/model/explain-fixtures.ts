import type { Change, ChangedFile } from "../../src/change/types.js";
import type { FeatureValues } from "../../src/features/types.js";
import { KAMEI_NAMES } from "../../src/model/feature-schema.js";
import type { RiskModel } from "../../src/model/types.js";

export const KAMEI: string[] = [...KAMEI_NAMES];

/**
 * A small, real, non-additive risk model for explanation tests: logistic regression on log1p features with an
 * interaction (size × inexperience), unknown values masked to 0, like the shipped models do. It also counts calls,
 * so tests can check that attribution batches its rows into one predict call.
 */
export function createTestModel(
  options: { extraUnused?: boolean } = {},
): RiskModel & { calls: number; rows: number } {
  const weights: Record<string, number> = {
    ns: 0.2,
    nd: 0.3,
    nf: 0.4,
    entropy: 0.2,
    la: 0.35,
    ld: 0.1,
    lt: 0.05,
    fix: 0.6,
    ndev: 0.25,
    age: -0.15,
    nuc: 0.1,
    exp: -0.2,
    rexp: -0.1,
    sexp: -0.3,
  };
  const names = options.extraUnused ? [...KAMEI, "unused"] : KAMEI;
  const model = {
    version: "test-logistic-1",
    featureNames: names,
    bands: { medium: 0.3, high: 0.6 },
    calls: 0,
    rows: 0,
    async predict(rows: FeatureValues[]): Promise<number[]> {
      model.calls++;
      model.rows += rows.length;
      return rows.map((row) => {
        const t = (n: string) => Math.log1p(Math.max(0, row[n] ?? 0));
        let z = -3;
        for (const [n, w] of Object.entries(weights)) z += w * t(n);
        z += 0.15 * t("la") * (row.sexp == null ? 0 : 1 / (1 + t("sexp")));
        return 1 / (1 + Math.exp(-z));
      });
    },
  };
  return model;
}

export function vector(values: Partial<Record<string, number | null>>): FeatureValues {
  return Object.fromEntries(KAMEI.map((n) => [n, values[n] ?? 0]));
}

export const BASELINE = vector({
  ns: 1,
  nd: 1,
  nf: 2,
  entropy: 0.9,
  la: 20,
  ld: 5,
  lt: 300,
  fix: 0,
  ndev: 3,
  age: 30,
  nuc: 4,
  exp: 50,
  rexp: 10,
  sexp: 20,
});

/** An author new to the code: few changes to the repository, to this subsystem, none to these files. */
export const NEW_AUTHOR = { exp: 3, rexp: 1, sexp: 0 };

/** A busy file: many developers, changed two days ago, by many earlier changes. */
export const HOT_FILE = { ndev: 9, age: 2, nuc: 23 };

/** A large, spread-out fix by {@link NEW_AUTHOR} to a {@link HOT_FILE}: a change the test model scores as risky. */
export const LARGE_CHANGE = vector({
  ns: 2,
  nd: 6,
  nf: 14,
  entropy: 3.1,
  la: 420,
  ld: 35,
  lt: 2400,
  fix: 1,
  ...HOT_FILE,
  ...NEW_AUTHOR,
});

export function file(path: string, additions: number, deletions: number, startLine = 10): ChangedFile {
  const lines = [
    ...Array.from({ length: deletions }, (_, i) => ({
      kind: "del" as const,
      oldLine: startLine + i,
      newLine: null,
      text: "old",
    })),
    ...Array.from({ length: additions }, (_, i) => ({
      kind: "add" as const,
      oldLine: null,
      newLine: startLine + i,
      text: "new",
    })),
  ];
  return {
    path,
    status: "modified",
    additions,
    deletions,
    binary: false,
    hunks: [
      {
        oldStart: startLine,
        oldLines: deletions,
        newStart: startLine,
        newLines: additions,
        section: "function acquire(size) {",
        lines,
        additions,
        deletions,
      },
    ],
  };
}

export function change(files: ChangedFile[]): Change {
  return {
    source: "git",
    repository: "/tmp/repo",
    baseSha: "a".repeat(40),
    headSha: "b".repeat(40),
    title: "Pool rewrite",
    body: "",
    author: { name: "Ada", email: "ada@example.com" },
    createdAt: "2026-12-01T10:00:00Z",
    commits: [],
    files,
    totalFiles: files.length,
  };
}

/**
 * A realistic ScoreResult for rendering and command tests: the change explained by {@link explainScore} with the
 * test model, assembled the way the scoring pipeline does (files sorted by risk, bands from the model).
 */
export async function buildScoreResult(
  headSha: string,
  repository = "Codertocat/Hello-World",
  number = 1,
): Promise<import("../../src/report/types.js").ScoreResult> {
  const { explainScore } = await import("../../src/model/explain-score.js");
  const model = createTestModel();
  const c = {
    ...change([
      file("src/db/pool.ts", 120, 30, 40),
      file("src/db/conn.ts", 12, 4, 8),
      file("README.md", 2, 0, 1),
    ]),
    headSha,
  };
  // What the PR and each of its files have in common.
  const pr = { ns: 2, nd: 2, nf: 3, entropy: 1.2, ...NEW_AUTHOR };
  const fileFeatures: Record<string, FeatureValues> = {
    "src/db/pool.ts": vector({ ...pr, la: 120, ld: 30, lt: 900, ...HOT_FILE }),
    "src/db/conn.ts": vector({ ...pr, la: 12, ld: 4, lt: 200, ndev: 2, age: 40, nuc: 3 }),
    "README.md": vector({ ...pr, la: 2, ld: 0, lt: 50, ndev: 1, age: 300, nuc: 1 }),
  };
  const features = vector({ ...pr, la: 134, ld: 34, lt: 1150, ...HOT_FILE });
  const out = await explainScore({ model, change: c, features, fileFeatures, baseline: BASELINE });
  const band = (p: number) =>
    (p >= model.bands.high ? "high" : p >= model.bands.medium ? "medium" : "low") as
      "low" | "medium" | "high";
  const files = c.files
    .map((f) => ({
      path: f.path,
      risk: out.fileScores![f.path],
      band: band(out.fileScores![f.path]),
      additions: f.additions,
      deletions: f.deletions,
      features: fileFeatures[f.path],
      reasons: out.fileReasons[f.path],
    }))
    .sort((a, b) => b.risk - a.risk);
  return {
    repository,
    number,
    headSha,
    baseSha: c.baseSha,
    title: c.title,
    probability: out.score!,
    baselineProbability: out.baselineScore,
    band: band(out.score!),
    modelVersion: model.version,
    features,
    reasons: out.reasons,
    suggestions: out.suggestions,
    files,
    hunks: out.hunks,
    notes: [],
    scoredAt: "2026-12-04T12:00:00.000Z",
  };
}

import { describe, expect, it } from "vitest";
import { NoBaselineError, chooseBaseline } from "../../src/model/explain-baseline.js";
import { explainScore } from "../../src/model/explain-score.js";
import {
  BASELINE,
  HOT_FILE,
  LARGE_CHANGE,
  NEW_AUTHOR,
  change,
  createTestModel,
  file,
  vector,
} from "./explain-fixtures.js";

const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);

// Change-level values that both files carry.
const spread = { ns: 2, nd: 6, nf: 14, entropy: 3.1, fix: 1, ...NEW_AUTHOR };
const poolFile = vector({ ...spread, la: 300, ld: 20, lt: 900, ...HOT_FILE });
const docFile = vector({ ...spread, la: 3, ld: 1, lt: 40, ndev: 1, age: 300, nuc: 1 });

function input() {
  return {
    model: createTestModel(),
    change: change([file("src/db/pool.ts", 300, 20, 40), file("docs/pool.md", 3, 1)]),
    features: LARGE_CHANGE,
    fileFeatures: { "src/db/pool.ts": poolFile, "docs/pool.md": docFile },
    baseline: BASELINE,
  };
}

describe("explainScore", () => {
  it("attributions of the change and of each file add up to score − baseline score", async () => {
    const out = await explainScore(input());
    const [score, base, pool, doc] = await createTestModel().predict([
      LARGE_CHANGE,
      BASELINE,
      poolFile,
      docFile,
    ]);
    expect(out.score).toBeCloseTo(score, 12);
    expect(out.baselineScore).toBeCloseTo(base, 12);
    expect(sum(out.attributions)).toBeCloseTo(score - base, 12);
    expect(sum(out.fileAttributions!["src/db/pool.ts"])).toBeCloseTo(pool - base, 12);
    expect(sum(out.fileAttributions!["docs/pool.md"])).toBeCloseTo(doc - base, 12);
    expect(out.fileScores!["src/db/pool.ts"]).toBeGreaterThan(out.fileScores!["docs/pool.md"]);
  });

  it("returns reasons whose weights are the group sums of the attributions, strongest first", async () => {
    const out = await explainScore(input());
    const size = out.attributions.la + out.attributions.ld + out.attributions.lt;
    expect(out.reasons.find((r) => r.key === "size")?.weight).toBeCloseTo(size, 12);
    const weights = out.reasons.map((r) => Math.abs(r.weight));
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    expect(out.reasons.length).toBeLessThanOrEqual(6);
    expect(out.reasons.find((r) => r.key === "experience")?.text).toBe(
      "first change by this author under `docs/` or `src/`",
    );
  });

  it("ranks hunks by risk and points at the added lines", async () => {
    const out = await explainScore(input());
    expect(out.hunks.map((h) => h.path)).toEqual(["src/db/pool.ts", "docs/pool.md"]);
    expect(out.hunks[0]).toMatchObject({ startLine: 40, endLine: 339, side: "RIGHT" });
    expect(out.hunks[0].reason).toMatch(/^\+300 −20 lines in `acquire\(\)`/);
  });

  it("suggests splitting, tests beside the riskiest file, and an experienced reviewer", async () => {
    const out = await explainScore(input());
    expect(out.suggestions).toContain(
      "Split the PR: it changes 14 files and 455 lines; the changes under `docs/` and `src/` could be reviewed separately.",
    );
    expect(out.suggestions).toContain("Add tests beside `src/db/pool.ts`: no test file changes in this PR.");
    expect(out.suggestions.some((s) => s.startsWith("Ask someone who often changes"))).toBe(true);
  });

  it("uses per-function detail when the miner gives it, and fits without it", async () => {
    const out = await explainScore({
      ...input(),
      features: { ...LARGE_CHANGE, ast_cyclomatic_delta: 12 },
      functionChanges: [
        {
          path: "src/db/pool.ts",
          name: "acquire",
          metric: "cyclomatic complexity",
          before: 4,
          after: 16,
          startLine: 40,
          endLine: 120,
        },
      ],
    });
    expect(out.hunks[0].reason).toContain("in `acquire()`; cyclomatic complexity +12");
  });
});

describe("chooseBaseline", () => {
  const model = createTestModel();
  it("prefers the median of this repository's clean changes", () => {
    const clean = [1, 2, 3, 4, 100].map((la) => vector({ la }));
    const chosen = chooseBaseline({ model, cleanHistory: clean, baseline: BASELINE });
    expect(chosen.source).toBe("repository-clean");
    expect(chosen.values.la).toBe(3);
  });
  it("falls back to the explicit baseline, then the model's own", () => {
    expect(chooseBaseline({ model, baseline: BASELINE }).source).toBe("input");
    expect(chooseBaseline({ model: { ...model, baseline: BASELINE } as never }).source).toBe("model");
  });
  it("refuses to guess when nothing says what a typical change is", () => {
    expect(() => chooseBaseline({ model })).toThrow(NoBaselineError);
  });
});

describe("suggestions", () => {
  it("are left out for a change that scores below a typical clean change", async () => {
    const small = vector({
      ns: 1,
      nd: 1,
      nf: 1,
      la: 3,
      ld: 1,
      lt: 100,
      ndev: 2,
      age: 90,
      nuc: 3,
      exp: 400,
      rexp: 50,
      sexp: 200,
    });
    const out = await explainScore({
      model: createTestModel(),
      change: change([file("src/db/pool.ts", 3, 1)]),
      features: small,
      fileFeatures: { "src/db/pool.ts": small },
      baseline: BASELINE,
    });
    expect(out.score!).toBeLessThan(out.baselineScore);
    expect(out.suggestions).toEqual([]);
  });
});

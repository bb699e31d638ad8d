import { describe, expect, it } from "vitest";
import type { FeatureValues } from "../../src/features/types.js";
import { baselineFromScaler } from "../../src/model/explain-baseline.js";
import { explainScore } from "../../src/model/explain-score.js";
import { DEFAULT_MODEL_DIR, loadModelWithManifest } from "../../src/model/load-model.js";
import { change, file, vector } from "./explain-fixtures.js";

const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);

describe("explainScore with the shipped default model (TF.js MLP + trees + logistic, calibrated)", () => {
  it("is complete, and gives zero to unknown and unchanged features", async () => {
    const { model, manifest } = await loadModelWithManifest(DEFAULT_MODEL_DIR);
    const baseline = baselineFromScaler(manifest.features);
    const features: FeatureValues = {
      ...vector({ ns: 3, nd: 7, nf: 16, entropy: 3.4, la: 640, ld: 120, lt: 5200, fix: 1 }),
      // History unknown (no clone): the model masks these, and so must the explanation.
      ndev: null,
      age: null,
      nuc: null,
      exp: null,
      rexp: null,
      sexp: null,
    };
    features.lt = baseline.lt;
    const files = {
      "src/a.ts": { ...features, nf: 1, la: 600, ld: 100 },
      "src/b.ts": { ...features, nf: 1, la: 40, ld: 20 },
    };
    const out = await explainScore({
      model,
      change: change([file("src/a.ts", 600, 100), file("src/b.ts", 40, 20)]),
      features,
      fileFeatures: files,
      baseline,
    });
    const [score] = await model.predict([features]);
    expect(out.score).toBeCloseTo(score, 9);
    expect(sum(out.attributions)).toBeCloseTo(out.score! - out.baselineScore, 9);
    for (const path of Object.keys(files)) {
      expect(sum(out.fileAttributions![path])).toBeCloseTo(
        out.fileScores![path] - out.fileBaselineScores![path],
        9,
      );
    }
    for (const name of ["ndev", "age", "nuc", "exp", "rexp", "sexp", "lt"])
      expect(out.attributions[name]).toBe(0);
    expect(out.reasons.length).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from "vitest";
import { chooseFeatures, KAMEI_FEATURES } from "../../src/model/feature-schema.js";
import { buildDesignMatrix, fitPreprocessing, maskGroup } from "../../src/model/preprocess.js";

describe("preprocessing", () => {
  const defs = KAMEI_FEATURES.filter((f) => ["la", "entropy", "lt"].includes(f.name));
  const train = [
    { la: 0, entropy: 1, lt: 10 },
    { la: 99, entropy: 3, lt: 1000 },
  ];
  const prep = fitPreprocessing(train, defs);

  it("fits log1p + standardisation on training rows only and adds one presence input per group", () => {
    expect(prep.groups).toEqual(["kamei", "history"]);
    const la = prep.columns.find((c) => c.name === "la")!;
    expect(la.mean).toBeCloseTo(Math.log(100) / 2, 12);
    expect(la.sd).toBeCloseTo(Math.log(100) / 2, 12);
    const m = buildDesignMatrix([{ la: 99, entropy: 2, lt: null }], prep);
    expect(m.dim).toBe(5);
    // Schema order entropy, la, lt: entropy at its mean, la at +1 sd, lt missing → 0; kamei present, history not.
    expect(Array.from(m.x)).toEqual([0, 1, 0, 1, 0]);
    expect(Number.isNaN(m.raw[2])).toBe(true);
  });

  it("masks a whole group as if it had never been observed", () => {
    const m = buildDesignMatrix(train, prep);
    maskGroup(m, prep, "history");
    for (let i = 0; i < m.n; i++) {
      expect(m.x[i * m.dim + 2]).toBe(0);
      expect(m.x[i * m.dim + 4]).toBe(0);
      expect(Number.isNaN(m.raw[i * m.rawDim + 2])).toBe(true);
    }
  });

  it("computes derived features from their inputs, and only keeps those whose inputs the data has", () => {
    const withoutLt = chooseFeatures(["la", "ld", "nf", "ns", "custom_metric"]).map((f) => f.name);
    expect(withoutLt).toEqual([
      "ns",
      "nf",
      "la",
      "ld",
      "churn",
      "add_share",
      "churn_per_file",
      "custom_metric",
    ]);
    const full = fitPreprocessing([{ la: 3, ld: 1, nf: 2 }], chooseFeatures(["la", "ld", "nf"]));
    const m = buildDesignMatrix([{ la: 3, ld: 1, nf: 2 }], full);
    const churn = full.columns.findIndex((c) => c.name === "churn");
    expect(m.raw[churn]).toBeCloseTo(Math.log1p(4), 6);
  });
});

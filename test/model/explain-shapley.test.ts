import { describe, expect, it } from "vitest";
import { attributeShapley } from "../../src/model/explain-shapley.js";
import type { RiskModel } from "../../src/model/types.js";
import { BASELINE, KAMEI, LARGE_CHANGE, createTestModel, vector } from "./explain-fixtures.js";

const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);

describe("attributeShapley", () => {
  it("adds up to score − baseline score for every vector (completeness)", async () => {
    const model = createTestModel();
    const xs = [
      { ...LARGE_CHANGE, ns: 3 },
      vector({
        ns: 1,
        nd: 1,
        nf: 1,
        entropy: 0,
        la: 2,
        ld: 1,
        lt: 40,
        fix: 0,
        ndev: 1,
        age: 400,
        nuc: 1,
        exp: 900,
        rexp: 80,
        sexp: 300,
      }),
    ];
    const results = await attributeShapley(
      model,
      xs.map((x) => ({ x, baseline: BASELINE })),
      { permutations: 16, seed: "s" },
    );
    const [expectedBaseline, ...expectedScores] = await createTestModel().predict([BASELINE, ...xs]);
    results.forEach((r, i) => {
      expect(r.score).toBeCloseTo(expectedScores[i], 12);
      expect(r.baselineScore).toBeCloseTo(expectedBaseline, 12);
      expect(sum(r.values)).toBeCloseTo(r.score - r.baselineScore, 12);
    });
    expect(results[0].score - results[0].baselineScore).toBeGreaterThan(0.1);
  });

  it("batches every row of every vector into one predict call", async () => {
    const model = createTestModel();
    const x = vector({
      ns: 2,
      nd: 3,
      nf: 5,
      la: 100,
      ld: 10,
      lt: 900,
      ndev: 4,
      age: 10,
      nuc: 8,
      exp: 5,
      rexp: 2,
      sexp: 1,
    });
    await attributeShapley(
      model,
      [
        { x, baseline: BASELINE },
        { x: BASELINE, baseline: x },
      ],
      { permutations: 8, seed: "s" },
    );
    expect(model.calls).toBe(1);
  });

  it("gives exactly zero to a feature equal to its baseline, unknown in the change, or unused by the model", async () => {
    const model = createTestModel({ extraUnused: true });
    const x = {
      ...vector({ ...BASELINE, la: 800, nf: 9, exp: 0 }),
      lt: BASELINE.lt,
      ndev: null,
      unused: 42,
      notAModelFeature: 7,
    };
    const [r] = await attributeShapley(model, [{ x, baseline: { ...BASELINE, unused: 0 } }], {
      permutations: 32,
      seed: "z",
    });
    expect(r.values.lt).toBe(0);
    expect(r.values.ns).toBe(0);
    expect(r.values.ndev).toBe(0);
    expect(r.values.unused).toBe(0);
    expect(r.values).not.toHaveProperty("notAModelFeature");
    expect(r.values.la).toBeGreaterThan(0);
    expect(r.values.exp).toBeGreaterThan(0);
    expect(sum(r.values)).toBeCloseTo(r.score - r.baselineScore, 12);
  });

  it("recovers w·Δx exactly for a model that is linear in probability (soundness)", async () => {
    const w: Record<string, number> = Object.fromEntries(KAMEI.map((n, i) => [n, (i - 6) / 1000]));
    const linear: RiskModel = {
      version: "linear",
      featureNames: KAMEI,
      bands: { medium: 0.3, high: 0.6 },
      predict: async (rows) => rows.map((r) => 0.3 + KAMEI.reduce((z, n) => z + w[n] * (r[n] ?? 0), 0)),
    };
    const x = vector({
      ns: 2,
      nd: 4,
      nf: 7,
      entropy: 2,
      la: 50,
      ld: 9,
      lt: 310,
      fix: 1,
      ndev: 5,
      age: 3,
      nuc: 6,
      exp: 10,
      rexp: 4,
      sexp: 2,
    });
    const [r] = await attributeShapley(linear, [{ x, baseline: BASELINE }], { permutations: 4, seed: "l" });
    for (const n of KAMEI) expect(r.values[n]).toBeCloseTo(w[n] * ((x[n] ?? 0) - (BASELINE[n] ?? 0)), 12);
  });

  it("is reproducible for a seed", async () => {
    const x = { ...LARGE_CHANGE, ns: 3, entropy: 3 };
    const run = (seed: string) =>
      attributeShapley(createTestModel(), [{ x, baseline: BASELINE }], { permutations: 8, seed });
    expect((await run("a"))[0].values).toEqual((await run("a"))[0].values);
  });

  it("leaves a feature the vector does not carry to the model, crediting the inputs it is derived from", async () => {
    // Like the shipped models: `churn` is computed from la + ld when a row does not carry it.
    const derived: RiskModel = {
      version: "derived",
      featureNames: ["la", "ld", "churn"],
      bands: { medium: 0.3, high: 0.6 },
      predict: async (rows) =>
        rows.map((r) => 1 / (1 + Math.exp(3 - 0.4 * Math.log1p(r.churn ?? (r.la ?? 0) + (r.ld ?? 0))))),
    };
    const [r] = await attributeShapley(
      derived,
      [{ x: { la: 300, ld: 40 }, baseline: { la: 20, ld: 5, churn: 25 } }],
      {
        permutations: 8,
        seed: "d",
      },
    );
    expect(r.values.churn).toBe(0);
    expect(r.values.la).toBeGreaterThan(r.values.ld);
    expect(sum(r.values)).toBeCloseTo(r.score - r.baselineScore, 12);
    expect(r.baselineScore).toBeCloseTo((await derived.predict([{ la: 20, ld: 5 }]))[0], 12);
  });
});

import { describe, expect, it } from "vitest";
import type { FeatureValues } from "../../src/features/types.js";
import { KAMEI_WITH_DERIVED, TOKEN_BUCKETS } from "../../src/model/feature-schema.js";
import { minimizeLbfgs } from "../../src/model/lbfgs.js";
import { trainLogistic } from "../../src/model/logistic-regression.js";
import { aucRoc } from "../../src/model/metrics.js";
import { buildDesignMatrix, fitPreprocessing } from "../../src/model/preprocess.js";
import { createRandom, sigmoid } from "../../src/model/random.js";
import { parseBag, predictBag, serializeBag, trainBag } from "../../src/model/token-bag.js";
import { fitBagBlend } from "../../src/model/train-ensemble.js";

describe("L-BFGS", () => {
  it("finds the minimum of a convex quadratic", () => {
    // f(x) = Σ (i + 1)(x_i − i)², minimum at x_i = i.
    const { x } = minimizeLbfgs((v, g) => {
      let f = 0;
      v.forEach((xi, i) => {
        f += (i + 1) * (xi - i) ** 2;
        g[i] = 2 * (i + 1) * (xi - i);
      });
      return f;
    }, new Float64Array(6));
    Array.from(x).forEach((xi, i) => expect(xi).toBeCloseTo(i, 5));
  });

  it("agrees with Newton's method on an L2 logistic regression", () => {
    const r = createRandom(3);
    const n = 300;
    const x = new Float32Array(n * 2);
    const y: number[] = [];
    for (let i = 0; i < n; i++) {
      x[i * 2] = r() * 4 - 2;
      x[i * 2 + 1] = r() * 4 - 2;
      y.push(r() < sigmoid(1.5 * x[i * 2] - 0.5 * x[i * 2 + 1] + 0.3) ? 1 : 0);
    }
    const newton = trainLogistic(x, n, 2, y, undefined, 1);
    const { x: theta } = minimizeLbfgs(
      (t, g) => {
        g.fill(0);
        let f = 0.5 * (t[0] ** 2 + t[1] ** 2);
        g[0] = t[0];
        g[1] = t[1];
        for (let i = 0; i < n; i++) {
          const z = t[0] * x[i * 2] + t[1] * x[i * 2 + 1] + t[2];
          const p = sigmoid(z);
          f -= y[i] ? Math.log(p) : Math.log(1 - p);
          g[0] += (p - y[i]) * x[i * 2];
          g[1] += (p - y[i]) * x[i * 2 + 1];
          g[2] += p - y[i];
        }
        return f;
      },
      new Float64Array(3),
      { gradientTolerance: 1e-8 },
    );
    expect(theta[0]).toBeCloseTo(newton.weights[0], 4);
    expect(theta[1]).toBeCloseTo(newton.weights[1], 4);
    expect(theta[2]).toBeCloseTo(newton.bias, 4);
  });
});

/** Changes with a few random tokens; the risky ones (label 1 with probability .85) carry bucket 42. */
function tokenRows(n: number, seed: number, withTokens = (i: number) => i % 5 !== 0) {
  const r = createRandom(seed);
  const rows: FeatureValues[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const risky = r() < 0.3;
    const row: FeatureValues = { la: 1 + Math.floor(r() * 50), ld: Math.floor(r() * 10), nf: 1 };
    if (withTokens(i)) {
      for (let k = 0; k < 6; k++) row[`tok_${100 + Math.floor(r() * 200)}`] = 1 + Math.floor(r() * 3);
      if (risky) row.tok_42 = 2;
    }
    rows.push(row);
    labels.push(r() < (risky ? 0.85 : 0.1) ? 1 : 0);
  }
  return { rows, labels };
}

describe("token bag", () => {
  const features = KAMEI_WITH_DERIVED.filter((f) => ["la", "ld", "nf"].includes(f.name));

  it("learns which tokens go with bug-inducing changes and abstains on changes without tokens", () => {
    const train = tokenRows(600, 1);
    const test = tokenRows(300, 2);
    const prep = fitPreprocessing(train.rows, features, true);
    const bag = trainBag(buildDesignMatrix(train.rows, prep), train.labels, undefined)!;
    expect(bag.weights).toHaveLength(TOKEN_BUCKETS);
    expect(bag.weights[42]).toBeGreaterThan(1);
    // A bucket no training row has keeps weight 0 (only the L2 term acts on it).
    expect(bag.weights[4000]).toBe(0);
    const z = predictBag(bag, buildDesignMatrix(test.rows, prep));
    const scored = test.rows.map((_, i) => i).filter((i) => i % 5 !== 0);
    scored.forEach((i) => expect(Number.isFinite(z[i])).toBe(true));
    test.rows.forEach((_, i) => i % 5 === 0 && expect(z[i]).toBeNaN());
    expect(
      aucRoc(
        scored.map((i) => z[i]),
        scored.map((i) => test.labels[i]),
      ),
    ).toBeGreaterThan(0.8);
  });

  it("needs enough changes with tokens and both classes among them", () => {
    const few = tokenRows(60, 3, (i) => i < 10);
    const prep = fitPreprocessing(few.rows, features, true);
    expect(trainBag(buildDesignMatrix(few.rows, prep), few.labels, undefined)).toBeUndefined();
    const many = tokenRows(100, 4);
    const m = buildDesignMatrix(many.rows, prep);
    expect(trainBag(m, new Array(100).fill(0), undefined)).toBeUndefined();
  });

  it("round-trips through bag.json and refuses a file of another vocabulary", () => {
    const d = tokenRows(300, 5);
    const prep = fitPreprocessing(d.rows, features, true);
    const m = buildDesignMatrix(d.rows, prep);
    const bag = trainBag(m, d.labels, undefined)!;
    const blend = { metric: 0.8, bag: 0.6, offset: 0.1, intercept: -0.2 };
    const back = parseBag(serializeBag(bag, blend));
    expect(back.blend).toEqual(blend);
    const a = predictBag(bag, m);
    const b = predictBag(back.bag, m);
    a.forEach((v, i) => (Number.isNaN(v) ? expect(b[i]).toBeNaN() : expect(b[i]).toBeCloseTo(v, 5)));
    const small = JSON.stringify({ ...bag, buckets: 1024, weights: bag.weights.slice(0, 1024) });
    expect(() => parseBag(small)).toThrow(/1024 buckets.*4096/);
    expect(() => parseBag('{"kind":"gbt"}')).toThrow(/not a token-bag file/);
    const noBlend = JSON.stringify({ ...JSON.parse(serializeBag(bag, blend)), blend: undefined });
    expect(() => parseBag(noBlend)).toThrow(/no blend/);
  });
});

describe("fitBagBlend", () => {
  it("passes the metric logit through when no validation change has tokens", () => {
    const metric = Float64Array.from([0.1, -1, 2, 0.5, -0.2, 1]);
    const bag = new Float64Array(6).fill(NaN);
    expect(fitBagBlend(metric, bag, [0, 0, 1, 1, 0, 1])).toEqual({
      metric: 1,
      bag: 0,
      offset: 0,
      intercept: 0,
    });
  });

  it("weights the bag by how much it adds on the validation slice", () => {
    const r = createRandom(11);
    const n = 600;
    const metric = new Float64Array(n);
    const bag = new Float64Array(n);
    const useless = new Float64Array(n);
    const y: number[] = [];
    for (let i = 0; i < n; i++) {
      const a = r() * 4 - 2;
      const b = r() * 4 - 2;
      metric[i] = a;
      bag[i] = i % 3 === 0 ? NaN : b;
      useless[i] = i % 3 === 0 ? NaN : r() * 4 - 2;
      y.push(r() < sigmoid(a + (i % 3 === 0 ? 0 : b)) ? 1 : 0);
    }
    const informative = fitBagBlend(metric, bag, y);
    expect(informative.bag).toBeGreaterThan(0.6);
    expect(informative.metric).toBeGreaterThan(0.6);
    const noise = fitBagBlend(metric, useless, y);
    expect(Math.abs(noise.bag)).toBeLessThan(0.2);
  });
});

describe("explaining a model with a token bag", () => {
  it("treats the change's tokens as one player, so attributions still add up to the score", async () => {
    const { makeJitData } = await import("./make-jit-data.js");
    const { trainEnsemble } = await import("../../src/model/train-ensemble.js");
    const { toRiskModel } = await import("../../src/model/ensemble.js");
    const { attributeShapley, TOKENS_PLAYER } = await import("../../src/model/explain-shapley.js");
    const { describeTokens } = await import("../../src/report/describe-groups.js");
    const data = makeJitData(400, 21);
    // A noisy token signal on half of the changes: bucket 7 in 70 % of the bug-inducing ones and 15 % of the others.
    const r = createRandom(4);
    const rows = data.rows.map((row, i) =>
      i % 2 ? row : { ...row, tok_300: 1, ...(r() < (data.labels[i] ? 0.7 : 0.15) ? { tok_7: 2 } : {}) },
    );
    const { ensemble } = await trainEnsemble(
      { rows, labels: data.labels },
      { features: KAMEI_WITH_DERIVED, members: ["gbt", "bag"], tokens: true, gbt: { trees: 20 } },
    );
    const model = toRiskModel(ensemble, "t");
    expect(model.readsTokens).toBe(true);
    const x = { ...data.rows[3], tok_7: 2, tok_300: 1 };
    const [result] = await attributeShapley(model, [{ x, baseline: model.baseline! }], {
      permutations: 8,
      seed: "s",
    });
    const [score] = await model.predict([x]);
    expect(result.score).toBeCloseTo(score, 12);
    const total = Object.values(result.values).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(result.score - result.baselineScore, 12);
    expect(result.values[TOKENS_PLAYER]).toBeGreaterThan(0);
    const sentence = describeTokens({
      scope: "change",
      values: x,
      attributions: result.values,
      paths: ["a.ts"],
    });
    expect(sentence).toBe(
      "the code it adds and deletes (2 distinct hashed tokens) resembles earlier bug-inducing changes in this repository",
    );
  });
});

import { describe, expect, it } from "vitest";
import { aucRoc } from "../../src/model/metrics.js";
import { createRandom, sigmoid } from "../../src/model/random.js";
import { predictForest, trainForest } from "../../src/model/random-forest.js";
import { parseForest, serializeForest } from "../../src/model/serialize-gbt.js";

/** Two features; the label is an XOR of two thresholds (no single split separates it), 10 % label noise. */
function xorData(n: number, seed: number) {
  const r = createRandom(seed);
  const raw = new Float32Array(n * 2);
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = r();
    const b = r();
    raw[i * 2] = a;
    raw[i * 2 + 1] = b;
    const clean = a > 0.5 !== b > 0.5 ? 1 : 0;
    y.push(r() < 0.1 ? 1 - clean : clean);
  }
  return { raw, y, n };
}

describe("random forest", () => {
  it("learns an interaction no single split can, and scores held-out rows well", () => {
    const train = xorData(1500, 1);
    const test = xorData(500, 2);
    const model = trainForest(train.raw, train.n, 2, train.y, undefined, { trees: 40, seed: 1 });
    expect(model.trees).toHaveLength(40);
    const z = predictForest(model, test.raw, test.n);
    expect(aucRoc(z, test.y)).toBeGreaterThan(0.85);
    // Corners: (0.9, 0.1) and (0.1, 0.9) are positive, (0.9, 0.9) and (0.1, 0.1) negative.
    const corners = predictForest(model, Float32Array.from([0.9, 0.1, 0.1, 0.9, 0.9, 0.9, 0.1, 0.1]), 4);
    expect(sigmoid(corners[0])).toBeGreaterThan(0.7);
    expect(sigmoid(corners[1])).toBeGreaterThan(0.7);
    expect(sigmoid(corners[2])).toBeLessThan(0.3);
    expect(sigmoid(corners[3])).toBeLessThan(0.3);
  });

  it("is deterministic under a seed, differs across seeds, and round-trips through forest.json", () => {
    const d = xorData(400, 3);
    const a = trainForest(d.raw, d.n, 2, d.y, undefined, { trees: 10, seed: 4 });
    const b = trainForest(d.raw, d.n, 2, d.y, undefined, { trees: 10, seed: 4 });
    const c = trainForest(d.raw, d.n, 2, d.y, undefined, { trees: 10, seed: 5 });
    expect(serializeForest(a)).toBe(serializeForest(b));
    expect(serializeForest(a)).not.toBe(serializeForest(c));
    const back = parseForest(serializeForest(a));
    const pa = predictForest(a, d.raw, d.n);
    const pb = predictForest(back, d.raw, d.n);
    pa.forEach((v, i) => expect(pb[i]).toBeCloseTo(v, 5));
    expect(() => parseForest('{"kind":"gbt","trees":[]}')).toThrow(/not a forest file/);
  });

  it("sends missing values to the better side and honours sample weights", () => {
    const r = createRandom(9);
    const n = 800;
    const raw = new Float32Array(n);
    const y: number[] = [];
    const w: number[] = [];
    for (let i = 0; i < n; i++) {
      const missing = i % 8 === 0;
      raw[i] = missing ? NaN : r();
      // Missing → positive; otherwise positive above 0.7. The second half (weight ~0) says the opposite.
      const truth = missing || raw[i] > 0.7 ? 1 : 0;
      const late = i >= n / 2;
      y.push(late ? 1 - truth : truth);
      w.push(late ? 1e-6 : 1);
    }
    const model = trainForest(raw, n, 1, y, w, { trees: 20, seed: 2, minLeaf: 5 });
    const p = predictForest(model, Float32Array.from([NaN, 0.9, 0.2]), 3).map(sigmoid);
    expect(p[0]).toBeGreaterThan(0.8);
    expect(p[1]).toBeGreaterThan(0.8);
    expect(p[2]).toBeLessThan(0.2);
  });
});

import { describe, expect, it } from "vitest";
import { applyCalibration, fitIsotonic, fitPlatt } from "../../src/model/calibrate.js";
import {
  chooseBands,
  thresholdForAlertRate,
  thresholdForPrecision,
} from "../../src/model/choose-thresholds.js";
import { predictGbt, trainGbt } from "../../src/model/gradient-boosted-trees.js";
import { predictLogistic, trainLogistic } from "../../src/model/logistic-regression.js";
import { aucRoc } from "../../src/model/metrics.js";
import { oversampleSmote } from "../../src/model/oversample-smote.js";
import { createRandom, sigmoid } from "../../src/model/random.js";

describe("gradient-boosted trees", () => {
  it("learns a threshold rule and routes missing values along a learned branch", () => {
    const r = createRandom(5);
    const n = 600;
    const raw = new Float32Array(n * 2);
    const y: number[] = [];
    for (let i = 0; i < n; i++) {
      const a = r() * 10;
      raw[i * 2] = i % 10 === 0 ? NaN : a; // missing rows are all positives
      raw[i * 2 + 1] = r();
      y.push(i % 10 === 0 || a > 6 ? 1 : 0);
    }
    const model = trainGbt(raw, n, 2, y, undefined, { trees: 40, seed: 1 });
    const margins = predictGbt(model, Float32Array.from([8, 0.5, 2, 0.5, NaN, 0.5]), 3);
    expect(sigmoid(margins[0])).toBeGreaterThan(0.8);
    expect(sigmoid(margins[1])).toBeLessThan(0.2);
    expect(sigmoid(margins[2])).toBeGreaterThan(0.8);
  });

  it("is deterministic under a seed and stops early on validation", () => {
    const r = createRandom(2);
    const n = 300;
    const raw = Float32Array.from({ length: n }, () => r());
    const y = Array.from(raw, (v) => (r() < v ? 1 : 0));
    // Validation labels are coin flips: nothing generalises, so early stopping must cut the ensemble short.
    const valid = { raw, n, y: Array.from(raw, () => (r() < 0.5 ? 1 : 0)) };
    const a = trainGbt(raw, n, 1, y, undefined, { trees: 200, seed: 4, patience: 5 }, valid);
    const b = trainGbt(raw, n, 1, y, undefined, { trees: 200, seed: 4, patience: 5 }, valid);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.trees.length).toBeLessThan(200);
  });
});

describe("logistic regression", () => {
  it("recovers the direction of a linear rule", () => {
    const r = createRandom(9);
    const n = 500;
    const x = new Float32Array(n * 2);
    const y: number[] = [];
    for (let i = 0; i < n; i++) {
      x[i * 2] = r() * 4 - 2;
      x[i * 2 + 1] = r() * 4 - 2;
      y.push(r() < sigmoid(2 * x[i * 2] - x[i * 2 + 1]) ? 1 : 0);
    }
    const m = trainLogistic(x, n, 2, y, undefined, 0.01);
    expect(m.weights[0]).toBeGreaterThan(1.2);
    expect(m.weights[1]).toBeLessThan(-0.5);
    expect(aucRoc(predictLogistic(m, x, n), y)).toBeGreaterThan(0.8);
  });
});

describe("calibration and thresholds", () => {
  it("Platt recovers a known scale and shift", () => {
    const r = createRandom(3);
    const z: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const v = r() * 8 - 4;
      z.push(v);
      y.push(r() < sigmoid(0.5 * v - 1) ? 1 : 0);
    }
    const cal = fitPlatt(z, y);
    if (cal.method !== "platt") throw new Error("expected platt");
    expect(cal.a).toBeCloseTo(0.5, 1);
    expect(cal.b).toBeCloseTo(-1, 1);
  });

  it("Platt stays finite when a small validation slice is separable", () => {
    // Far-apart logits, as an ensemble that fits a small slice perfectly gives: σ(z) starts saturated.
    const z = [-31, -26, -22, -19, 18, 23, 27, 34];
    const y = [0, 0, 0, 0, 1, 1, 1, 1];
    const cal = fitPlatt(z, y);
    if (cal.method !== "platt") throw new Error("expected Platt");
    expect(Number.isFinite(cal.a) && cal.a > 0 && cal.a < 5).toBe(true);
    // Smoothed targets: positives aim at (4 + 1) / (4 + 2), negatives at 1 / (4 + 2); nothing reaches 0 or 1.
    const p = z.map((v) => applyCalibration(cal, v));
    p.forEach((v) => expect(v > 0.02 && v < 0.98).toBe(true));
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    expect(mean(p.slice(4))).toBeCloseTo(5 / 6, 1);
    expect(mean(p.slice(0, 4))).toBeCloseTo(1 / 6, 1);
  });

  it("isotonic is monotone and matches block means", () => {
    const cal = fitIsotonic([1, 2, 3, 4], [0, 1, 0, 1]);
    expect(cal).toEqual({ method: "isotonic", x: [1, 2.5, 4], y: [0, 0.5, 1] });
    expect(applyCalibration(cal, 0)).toBe(0);
    expect(applyCalibration(cal, 1.75)).toBeCloseTo(0.25, 12);
    expect(applyCalibration(cal, 9)).toBe(1);
  });

  it("chooses thresholds for an alert rate and a target precision", () => {
    const p = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05];
    const y = [1, 1, 0, 1, 0, 0, 0, 0, 0, 0];
    expect(thresholdForAlertRate(p, 0.3)).toBe(0.7);
    expect(thresholdForPrecision(p, y, 0.75, 1)).toBe(0.6); // top 4: 3/4
    expect(thresholdForPrecision(p, y, 0.99, 5)).toBeUndefined();
    const bands = chooseBands(p, y, {
      mediumAlertRate: 0.5,
      highPrecision: 0.75,
      fallbackHighAlertRate: 0.1,
    });
    expect(bands.high).toBeGreaterThanOrEqual(bands.medium);
  });
});

describe("SMOTE-style oversampling", () => {
  it("adds interpolated minority rows until the classes balance", () => {
    const n = 20;
    const m = {
      n,
      dim: 1,
      x: Float32Array.from({ length: n }, (_, i) => i),
      rawDim: 1,
      raw: Float32Array.from({ length: n }, (_, i) => i),
    };
    const y = Array.from({ length: n }, (_, i) => (i >= 16 ? 1 : 0));
    const out = oversampleSmote(m, y, 1);
    expect(out.y.filter((v) => v === 1)).toHaveLength(16);
    for (let i = n; i < out.m.n; i++) {
      expect(out.m.x[i]).toBeGreaterThanOrEqual(16);
      expect(out.m.x[i]).toBeLessThanOrEqual(19);
    }
  });
});

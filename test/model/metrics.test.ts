import { describe, expect, it } from "vitest";
import { effortMetrics } from "../../src/model/effort-metrics.js";
import { aucRoc, brierScore, logLoss, metricsAtThreshold, prAuc } from "../../src/model/metrics.js";

describe("aucRoc", () => {
  it("is 1 for a perfect ranking and 0.5 for all-equal scores", () => {
    expect(aucRoc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(aucRoc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
  });

  it("counts a tied positive/negative pair as one half (hand-worked)", () => {
    // scores  0.1(n) 0.4(p) 0.4(n) 0.8(p): pairs (p,n) = (0.4,0.1)=1 (0.4,0.4)=½ (0.8,0.1)=1 (0.8,0.4)=1 → 3.5/4
    expect(aucRoc([0.1, 0.4, 0.4, 0.8], [0, 1, 0, 1])).toBeCloseTo(0.875, 12);
  });

  it("is NaN with a single class", () => {
    expect(aucRoc([0.1, 0.2], [1, 1])).toBeNaN();
  });
});

describe("prAuc (average precision)", () => {
  it("matches a hand-worked value", () => {
    // ranked: p(0.9) n(0.8) p(0.7) n(0.1): AP = ½·1 + ½·(2/3) = 5/6
    expect(prAuc([0.9, 0.8, 0.7, 0.1], [1, 0, 1, 0])).toBeCloseTo(5 / 6, 12);
  });

  it("treats tied scores as one threshold", () => {
    // both at 0.5: one step to recall 1 with precision ½
    expect(prAuc([0.5, 0.5], [1, 0])).toBeCloseTo(0.5, 12);
  });
});

describe("metricsAtThreshold", () => {
  it("computes precision, recall, F1, MCC and alert rate (hand-worked)", () => {
    // threshold 0.5 → predicted 1 1 1 0 0 ; labels 1 0 1 1 0 → tp 2 fp 1 fn 1 tn 1
    const m = metricsAtThreshold([0.9, 0.8, 0.6, 0.3, 0.1], [1, 0, 1, 1, 0], 0.5);
    expect([m.tp, m.fp, m.fn, m.tn]).toEqual([2, 1, 1, 1]);
    expect(m.precision).toBeCloseTo(2 / 3, 12);
    expect(m.recall).toBeCloseTo(2 / 3, 12);
    expect(m.f1).toBeCloseTo(2 / 3, 12);
    // (2·1 − 1·1) / sqrt(3·3·2·2) = 1/6
    expect(m.mcc).toBeCloseTo(1 / 6, 12);
    expect(m.alertRate).toBeCloseTo(0.6, 12);
  });

  it("returns 0, not NaN, for undefined ratios", () => {
    const m = metricsAtThreshold([0.1, 0.2], [0, 1], 0.9);
    expect([m.precision, m.recall, m.f1, m.mcc]).toEqual([0, 0, 0, 0]);
  });
});

describe("probability scores", () => {
  it("Brier and log-loss match hand-worked values", () => {
    expect(brierScore([0.8, 0.3], [1, 0])).toBeCloseTo((0.04 + 0.09) / 2, 12);
    expect(logLoss([0.8, 0.3], [1, 0])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, 12);
  });
});

describe("effortMetrics (effort = LA + LD)", () => {
  // Four changes: A bug 10 lines, B clean 10, C bug 30, D clean 50; total effort 100, 2 bugs.
  const labels = [1, 0, 1, 0];
  const effort = [10, 10, 30, 50];

  it("Popt is 1 for the optimal order and 0 for the worst (hand-worked areas)", () => {
    // Optimal: A, C, B, D → area .025 + .225 + .1 + .5 = 0.85; worst: D, B, C, A → area .075 + .075 = 0.15
    const optimal = effortMetrics([0.9, 0.1, 0.9, 0.05], labels, effort);
    expect(optimal.popt).toBeCloseTo(1, 12);
    const worst = effortMetrics([0.05, 0.5, 0.5, 50], labels, effort);
    expect(worst.popt).toBeCloseTo(0, 12);
  });

  it("matches a hand-worked Popt, Recall@20%Effort and Effort@20%Recall", () => {
    // Densities: A .05, B .06, C .03, D .01 → order B, A, C, D.
    // Curve: B (0.1, 0) → A (0.2, 0.5) → C (0.5, 1) → D (1, 1).
    // Area = 0 + .1·.25 + .3·.75 + .5·1 = 0.75; Popt = 1 − (0.85 − 0.75)/(0.85 − 0.15) = 6/7.
    const m = effortMetrics([0.5, 0.6, 0.9, 0.5], labels, effort);
    expect(m.popt).toBeCloseTo(6 / 7, 12);
    // 20 % of effort = 20 lines: B and A inspected → 1 of 2 bugs.
    expect(m.recallAt20Effort).toBeCloseTo(0.5, 12);
    // 20 % of bugs (0.4 bug) reached after A: 20 of 100 lines.
    expect(m.effortAt20Recall).toBeCloseTo(0.2, 12);
  });
});

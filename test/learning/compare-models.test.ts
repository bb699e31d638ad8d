import { describe, expect, it } from "vitest";
import { brierScore, compareModels, normalCdf, rocAuc } from "../../src/learning/compare-models.js";

/** Brute-force DeLong (O(m·n) kernel), written from the 1988 paper's definitions, to check the midrank version. */
function bruteDelongVariance(labels: number[], a: number[], b: number[]): number {
  const pos = labels.flatMap((y, i) => (y === 1 ? [i] : []));
  const neg = labels.flatMap((y, i) => (y === 1 ? [] : [i]));
  const psi = (x: number, y: number) => (x > y ? 1 : x === y ? 0.5 : 0);
  const v10 = (s: number[]) => pos.map((i) => neg.reduce((t, j) => t + psi(s[i], s[j]), 0) / neg.length);
  const v01 = (s: number[]) => neg.map((j) => pos.reduce((t, i) => t + psi(s[i], s[j]), 0) / pos.length);
  const cov = (x: number[], y: number[]) => {
    const mx = x.reduce((s, v) => s + v, 0) / x.length;
    const my = y.reduce((s, v) => s + v, 0) / y.length;
    return x.reduce((s, v, k) => s + (v - mx) * (y[k] - my), 0) / (x.length - 1);
  };
  const [a10, b10, a01, b01] = [v10(a), v10(b), v01(a), v01(b)];
  return (
    (cov(a10, a10) + cov(b10, b10) - 2 * cov(a10, b10)) / pos.length +
    (cov(a01, a01) + cov(b01, b01) - 2 * cov(a01, b01)) / neg.length
  );
}

describe("compareModels", () => {
  it("computes AUC with ties as halves, by hand", () => {
    // pairs (pos, neg): (.9,.5) (.9,.1) (.4,.5) (.4,.1) → 1 + 1 + 0 + 1 = 3 of 4
    expect(rocAuc([1, 1, 0, 0], [0.9, 0.4, 0.5, 0.1])).toBeCloseTo(0.75, 12);
    // one tie (.5,.5) counts 0.5: (.5,.5)=.5 (.5,.1)=1 (.2,.5)=0 (.2,.1)=1 → 2.5/4
    expect(rocAuc([1, 1, 0, 0], [0.5, 0.2, 0.5, 0.1])).toBeCloseTo(0.625, 12);
  });

  it("matches a brute-force DeLong variance, ties included", () => {
    const labels = [1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 0, 0];
    const a = [0.8, 0.3, 0.6, 0.6, 0.6, 0.2, 0.9, 0.1, 0.4, 0.35, 0.5, 0.3];
    const b = [0.7, 0.2, 0.5, 0.9, 0.4, 0.4, 0.6, 0.3, 0.1, 0.8, 0.2, 0.5];
    const c = compareModels(labels, a, b);
    expect(c.aucDiffSe ** 2).toBeCloseTo(bruteDelongVariance(labels, a, b), 12);
    expect(c.aucCurrent).toBeCloseTo(rocAuc(labels, a), 12);
  });

  it("finds no difference between a model and itself", () => {
    const labels = [1, 0, 1, 0, 1, 0];
    const s = [0.9, 0.2, 0.4, 0.5, 0.7, 0.1];
    const c = compareModels(labels, s, s);
    expect(c.aucDiff).toBe(0);
    expect(c.aucPValue).toBe(1);
    expect(c.brierDiff).toBe(0);
    expect(c.brierPValue).toBe(1);
  });

  it("gives a small p-value to a clearly better model on enough data", () => {
    const labels: number[] = [];
    const weak: number[] = [];
    const strong: number[] = [];
    for (let i = 0; i < 400; i++) {
      const y = i % 3 === 0 ? 1 : 0;
      const noise = ((i * 7919) % 101) / 101;
      labels.push(y);
      strong.push(Math.min(0.99, Math.max(0.01, 0.2 + 0.5 * y + 0.25 * (noise - 0.5))));
      weak.push(0.35 + 0.3 * noise);
    }
    const c = compareModels(labels, weak, strong);
    expect(c.aucDiff).toBeGreaterThan(0.3);
    expect(c.aucPValue).toBeLessThan(0.001);
    expect(c.brierDiff).toBeLessThan(0);
    expect(c.brierPValue).toBeLessThan(0.001);
    // and the other way round the test does not call it better
    expect(compareModels(labels, strong, weak).aucPValue).toBeGreaterThan(0.999);
  });

  it("brier and normal CDF against known values", () => {
    expect(brierScore([1, 0], [0.8, 0.4])).toBeCloseTo((0.04 + 0.16) / 2, 12);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1.644854)).toBeCloseTo(0.05, 6);
  });

  it("refuses arrays of different lengths with a clear error", () => {
    expect(() => compareModels([1, 0], [0.1], [0.2, 0.3])).toThrow(/one score per label/);
  });
});

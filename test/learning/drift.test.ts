import { describe, expect, it } from "vitest";
import {
  binReference,
  buildDriftReference,
  detectDrift,
  klDivergence,
  populationStabilityIndex,
  shareOf,
} from "../../src/learning/drift.js";

describe("drift measures", () => {
  it("PSI and KL by hand", () => {
    const e = [0.5, 0.5];
    const a = [0.8, 0.2];
    // (0.8-0.5)ln(1.6) + (0.2-0.5)ln(0.4)
    expect(populationStabilityIndex(e, a)).toBeCloseTo(0.3 * Math.log(1.6) - 0.3 * Math.log(0.4), 12);
    // 0.8 ln 1.6 + 0.2 ln 0.4
    expect(klDivergence(e, a)).toBeCloseTo(0.8 * Math.log(1.6) + 0.2 * Math.log(0.4), 12);
    expect(populationStabilityIndex(e, e)).toBe(0);
    expect(klDivergence(e, e)).toBe(0);
  });

  it("bins on training quantiles with a missing-value bin, collapsing ties", () => {
    const values = [0, 0, 0, 0, 0, 0, 1, 2, 3, 4, null];
    const ref = binReference(values, 4);
    expect(ref.edges).toEqual([0, 2]);
    expect(ref.shares.map((s) => s * 11)).toEqual([6, 2, 2, 1].map((c) => expect.closeTo(c, 9)));
    expect(ref.shares.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(ref.shares[ref.shares.length - 1]).toBeCloseTo(1 / 11, 12);
    expect(shareOf([0, 1, 5, null], [0, 1])).toEqual([0.25, 0.25, 0.25, 0.25]);
  });
});

describe("detectDrift", () => {
  const train = Array.from({ length: 500 }, (_, i) => ({ la: (i * 37) % 100, nf: 1 + (i % 5) }));
  const reference = buildDriftReference(
    train,
    ["la", "nf"],
    train.map((r) => r.la / 100),
  );

  it("stays quiet on data drawn like the training data", () => {
    const recent = Array.from({ length: 200 }, (_, i) => ({ la: (i * 53) % 100, nf: 1 + ((i * 3) % 5) }));
    const report = detectDrift(
      reference,
      recent,
      recent.map((r) => r.la / 100),
    );
    expect(report.evaluated).toBe(true);
    expect(report.alerts).toEqual([]);
    expect(report.features.find((f) => f.feature === "la")!.psi).toBeLessThan(0.1);
  });

  it("raises an alert on the shifted feature and the score, not on the stable one", () => {
    const recent = Array.from({ length: 200 }, (_, i) => ({ la: 300 + i, nf: 1 + ((i * 3) % 5) }));
    const report = detectDrift(
      reference,
      recent,
      recent.map(() => 0.95),
    );
    expect(report.alerts.map((a) => a.feature).sort()).toEqual(["la", "score"]);
    expect(report.alerts[0].psi).toBeGreaterThan(0.25);
  });

  it("does not call a feature that no recent row has (no history source) drift", () => {
    const recent = Array.from({ length: 100 }, (_, i) => ({ la: (i * 53) % 100, nf: null }));
    const report = detectDrift(reference, recent);
    expect(report.unavailable).toEqual(["nf"]);
    expect(report.alerts).toEqual([]);
  });

  it("gives no verdict on too few recent rows", () => {
    const report = detectDrift(reference, [{ la: 1000, nf: 1 }], [], { minSamples: 30 });
    expect(report.evaluated).toBe(false);
    expect(report.alerts).toEqual([]);
  });
});

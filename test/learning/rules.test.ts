import { describe, expect, it } from "vitest";
import { applyRepositoryRules } from "../../src/learning/rules.js";
import type { FileRisk, ScoreResult } from "../../src/report/types.js";

function file(path: string, band: FileRisk["band"], additions: number): FileRisk {
  return { path, risk: 0.8, band, additions, deletions: 0, features: {}, reasons: [] };
}

function result(files: FileRisk[], band: ScoreResult["band"] = "high"): ScoreResult {
  return {
    repository: "o/r",
    headSha: "h",
    baseSha: "b",
    title: "t",
    probability: 0.82,
    band,
    modelVersion: "v1",
    features: {},
    reasons: [],
    suggestions: [],
    files,
    hunks: [],
    notes: [],
    scoredAt: "2026-01-01T00:00:00Z",
  };
}

describe("applyRepositoryRules", () => {
  it("never gates a PR made only of docs and lock files, and says so", () => {
    const out = applyRepositoryRules(
      result([file("docs/guide.md", "high", 300), file("package-lock.json", "high", 900)]),
    );
    expect(out.band).toBe("low");
    expect(out.probability).toBe(0.82);
    expect(out.files.every((f) => f.band === "low")).toBe(true);
    expect(out.ruleNotes!.join("\n")).toMatch(/every changed file matches a never-gate path/);
    expect(out.notes).toEqual(out.ruleNotes);
  });

  it("caps a tiny change at medium", () => {
    const out = applyRepositoryRules(result([file("src/a.ts", "high", 3)]), { minLinesForHigh: 10 });
    expect(out.band).toBe("medium");
    expect(out.ruleNotes).toEqual([expect.stringMatching(/3 lines, under the 10-line minimum/)]);
  });

  it("leaves a result alone when no rule applies (no notes)", () => {
    const input = result([file("src/a.ts", "high", 200), file("README.md", "low", 2)]);
    const out = applyRepositoryRules(input);
    expect(out).toBe(input);
    expect(out.ruleNotes).toBeUndefined();
  });

  it("lowers only the never-gate files of a mixed PR", () => {
    const out = applyRepositoryRules(
      result([file("src/a.ts", "high", 200), file("yarn.lock", "medium", 2000)]),
    );
    expect(out.band).toBe("high");
    expect(out.files.map((f) => f.band)).toEqual(["high", "low"]);
    expect(out.ruleNotes).toHaveLength(1);
  });

  it("takes the repository's own globs", () => {
    const out = applyRepositoryRules(result([file("gen/api.ts", "high", 500)]), { neverGate: ["gen/**"] });
    expect(out.band).toBe("low");
  });
});

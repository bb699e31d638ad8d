import type { FileRisk, ScoreResult } from "../../src/report/types.js";

/** A file row of a test result. */
export function fileRisk(path: string, risk: number, extra: Partial<FileRisk> = {}): FileRisk {
  return {
    path,
    risk,
    band: risk >= 0.5 ? "high" : risk >= 0.3 ? "medium" : "low",
    additions: 10,
    deletions: 2,
    features: { la: 10, ld: 2 },
    reasons: [],
    ...extra,
  };
}

/** A complete ScoreResult for rendering tests. */
export function makeResult(extra: Partial<ScoreResult> = {}): ScoreResult {
  return {
    repository: "octo/repo",
    number: 12,
    headSha: "0123456789abcdef0123456789abcdef01234567",
    baseSha: "fedcba9876543210fedcba9876543210fedcba98",
    title: "Rework the cache",
    probability: 0.7312,
    band: "high",
    bands: { medium: 0.3, high: 0.5 },
    modelVersion: "default-2026.12.04-abc1234",
    features: { la: 120, ld: 30 },
    reasons: [
      { key: "la", text: "adds 120 lines — more than 90 % of changes here", weight: 0.12 },
      { key: "exp", text: "the author has made 3 changes here before", weight: 0.05 },
      { key: "fix", text: "it is not a bug fix", weight: -0.02 },
    ],
    suggestions: ["Split the change: the cache and the API are independent."],
    files: [
      fileRisk("src/cache.ts", 0.81, {
        reasons: [
          { key: "fix", text: "not a bug fix", weight: -0.01 },
          { key: "la", text: "adds 33 lines to one function", weight: 0.2 },
        ],
      }),
      fileRisk("src/api|v2.ts", 0.42),
      fileRisk("README.md", 0.12, { note: "patch omitted by GitHub (too large)" }),
    ],
    hunks: [
      {
        path: "src/cache.ts",
        startLine: 10,
        endLine: 42,
        side: "RIGHT",
        risk: 0.81,
        reason: "+33 −0 lines in `evict()`",
      },
      {
        path: "src/api|v2.ts",
        startLine: 5,
        endLine: 9,
        side: "LEFT",
        risk: 0.42,
        reason: "deletes the retry loop",
      },
      { path: "src/api|v2.ts", startLine: 30, endLine: 31, side: "RIGHT", risk: 0.42, reason: "+2 −0 lines" },
    ],
    notes: ["1 binary file(s) have no line-level diff: `logo.png`."],
    scoredAt: "2024-06-01T00:00:00.000Z",
    ...extra,
  };
}

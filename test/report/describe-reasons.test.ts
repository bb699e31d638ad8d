import { describe, expect, it } from "vitest";
import { describeReasons } from "../../src/report/describe-reasons.js";
import { describeSize } from "../../src/report/describe-groups.js";
import type { DescribeContext } from "../../src/report/describe-types.js";
import { vector } from "../model/explain-fixtures.js";

/** 50 earlier changes: la + ld = 10, 20, … 500; nf = 1 … 50. */
const history = Array.from({ length: 50 }, (_, i) => vector({ la: (i + 1) * 8, ld: (i + 1) * 2, nf: i + 1 }));

function ctx(values: Record<string, number | null>, attributions: Record<string, number>): DescribeContext {
  return {
    scope: "change",
    values: vector(values),
    attributions,
    paths: ["src/db/pool.ts", "src/db/conn.ts", "test/pool.test.ts"],
    history,
  };
}

describe("describeReasons", () => {
  it("states the numbers that make each sentence true, with the share of earlier changes computed from history", () => {
    const c = ctx(
      { la: 420, ld: 35, lt: 2400, nf: 14, nd: 6, ns: 2, entropy: 3.1 },
      { la: 0.08, ld: 0.01, lt: 0.01, nf: 0.05, nd: 0.02, ns: 0.01, entropy: 0.01 },
    );
    const [size, diffusion] = describeReasons(c);
    // 455 changed lines: 45 of the 50 earlier changes (10 … 450) changed fewer → 90 %.
    expect(size).toEqual({
      key: "size",
      weight: expect.closeTo(0.1, 12),
      text: "adds 420 lines and deletes 35 in files that had 2,400 lines before — more changed lines than 90 % of changes here",
    });
    // 14 files is below the median of 1 … 50: 36 of the 50 earlier changes touched more files → 72 %.
    expect(diffusion.key).toBe("diffusion");
    expect(diffusion.text).toBe(
      "touches 14 files in 6 directories across 2 subsystems with edits spread widely (entropy 3.10) — fewer files than 72 % of changes here",
    );
    expect(diffusion.weight).toBeCloseTo(0.09, 12);
  });

  it("groups near-duplicate features into one sentence and leaves out the ones that barely matter", () => {
    const c = ctx(
      { la: 10, ld: 2, exp: 0, rexp: 0, sexp: 0, fix: 1, age: 3 },
      { la: 0.001, ld: 0.0005, exp: 0.03, rexp: 0.01, sexp: 0.02, fix: -0.02, age: 0.0001 },
    );
    const reasons = describeReasons(c);
    expect(reasons.map((r) => r.key)).toEqual(["experience", "purpose"]);
    expect(reasons[0]).toMatchObject({ text: "first change by this author in this repository" });
    expect(reasons[0].weight).toBeCloseTo(0.06, 12);
    expect(reasons[1]).toMatchObject({ text: "is a bug fix", weight: -0.02 });
  });

  it("names the subsystem of a first change there, and history facts per file", () => {
    const c: DescribeContext = {
      scope: "file",
      values: vector({ exp: 40, rexp: 5, sexp: 0, ndev: 9, nuc: 23, age: 2 }),
      attributions: { sexp: 0.04, ndev: 0.03, nuc: 0.02 },
      paths: ["src/db/pool.ts"],
      fileHistory: { "src/db/pool.ts": { recentChanges: 10, laterFixed: 3 } },
    };
    const texts = describeReasons(c).map((r) => r.text);
    expect(texts).toEqual([
      "the file was changed in 23 earlier changes by 9 developers; last changed 2 days ago; 3 of the last 10 changes to this file were later fixed",
      "first change by this author under `src/`",
    ]);
  });

  it("says nothing it cannot back: no comparison without enough history, nothing for unknown values", () => {
    expect(
      describeSize({ scope: "change", values: { la: 5, ld: 1, lt: null }, attributions: {}, paths: [] }),
    ).toBe("adds 5 lines and deletes 1");
    expect(
      describeSize({
        scope: "change",
        values: { la: null, ld: null, lt: null },
        attributions: {},
        paths: [],
      }),
    ).toBeNull();
    expect(describeReasons(ctx({}, { la: 0, ld: 0 }))).toEqual([]);
  });
});

describe("file-scope sentences", () => {
  it("say whether a file was scored on its own or in its pull request's spread", () => {
    const base = { scope: "file" as const, attributions: { nf: 0.05 }, paths: ["src/a.ts"] };
    expect(describeReasons({ ...base, values: { nf: 1, nd: 1, ns: 1, entropy: 0 } })[0].text).toBe(
      "scored on its own: 1 file in 1 directory",
    );
    expect(describeReasons({ ...base, values: { nf: 14, nd: 6, ns: 1, entropy: null } })[0].text).toBe(
      "part of a change that touches 14 files in 6 directories",
    );
  });
});

import { describe, expect, it } from "vitest";
import { classifyFileKind } from "../../../src/features/diff/classify-file-kind.js";
import {
  changeEntropy,
  computeDiffusion,
  computeSize,
  directoryOf,
  subsystemOf,
} from "../../../src/features/diff/compute-diff-metrics.js";
import { diffExtractors } from "../../../src/features/diff/index.js";
import { FeatureRegistry } from "../../../src/features/registry.js";
import { makeChange, makeFile, makePatch } from "../make-change.js";

describe("size and diffusion metrics", () => {
  it("computes la, ld, ns, nd, nf from per-file counts", () => {
    const files = [
      { path: "src/core/a.ts", additions: 10, deletions: 2 },
      { path: "src/core/b.ts", additions: 0, deletions: 4 },
      { path: "docs/readme.md", additions: 3, deletions: 0 },
      { path: "setup.py", additions: 1, deletions: 1 },
    ];
    expect(computeSize(files)).toEqual({ la: 14, ld: 7 });
    const d = computeDiffusion(files);
    // Subsystems: src, docs and the root; directories: src/core, docs and the root.
    expect([d.ns, d.nd, d.nf]).toEqual([3, 3, 4]);
    expect(subsystemOf("setup.py")).toBe("");
    expect(directoryOf("a/b/c.ts")).toBe("a/b");
  });

  it("computes entropy in bits, not normalised", () => {
    expect(changeEntropy([5, 5])).toBeCloseTo(1, 12);
    expect(changeEntropy([1, 1, 1, 1])).toBeCloseTo(2, 12);
    // −(0.75·log2 0.75 + 0.25·log2 0.25)
    expect(changeEntropy([3, 1])).toBeCloseTo(0.8112781244591328, 12);
    expect(changeEntropy([7])).toBe(0);
    expect(changeEntropy([])).toBe(0);
    expect(changeEntropy([0, 0, 4])).toBe(0);
  });
});

describe("classifyFileKind", () => {
  it.each([
    ["package-lock.json", "lock"],
    ["go.sum", "lock"],
    ["dist/bundle.min.js", "generated"],
    ["api/service.pb.go", "generated"],
    ["src/__tests__/x.ts", "test"],
    ["pkg/server_test.go", "test"],
    ["src/Foo.test.tsx", "test"],
    ["src/main/java/FooTest.java", "test"],
    ["README.md", "doc"],
    ["docs/guide/setup.html", "doc"],
    [".github/workflows/ci.yml", "config"],
    ["Dockerfile", "config"],
    ["tsconfig.json", "config"],
    ["src/index.ts", "code"],
    ["lib/x.py", "code"],
    ["assets/logo.png", "other"],
  ])("%s is %s", (path, kind) => {
    expect(classifyFileKind(path)).toBe(kind);
  });
});

describe("diff extractors", () => {
  const registry = new FeatureRegistry();
  for (const e of diffExtractors) registry.register(e);

  it("produce every declared feature for a mixed change", async () => {
    const change = makeChange([
      makeFile("src/a.ts", [makePatch(4, 2, 1), makePatch(10, 0, 40)].join("\n")),
      makeFile("src/a.test.ts", makePatch(6, 0), { status: "added" }),
      makeFile("README.md", makePatch(1, 1)),
      makeFile("img/logo.png", "", { binary: true, patchOmitted: "binary" }),
      makeFile("lib/new-name.ts", "", { status: "renamed", previousPath: "lib/old-name.ts" }),
      makeFile("old.txt", makePatch(0, 3), { status: "removed" }),
    ]);
    const { values, errors } = await registry.extract({ change });
    expect(errors).toEqual([]);
    expect(values).toMatchObject({
      la: 21,
      ld: 6,
      nf: 6,
      hunks: 5,
      max_hunk_size: 10,
      max_file_churn: 16,
      test_file_share: 1 / 6,
      code_file_share: 2 / 6,
      doc_file_share: 2 / 6, // README.md and old.txt
      binary_files: 1,
      files_added: 1,
      files_removed: 1,
      files_renamed: 1,
    });
    expect(values.top_file_churn_share).toBeCloseTo(16 / 27, 12);
    expect(values.entropy).toBeGreaterThan(1);
    for (const spec of registry.specs) expect(values[spec.name], spec.name).not.toBeNull();
  });

  it("give zeros, not NaN, for a change with no files", async () => {
    const { values, errors } = await registry.extract({ change: makeChange([]) });
    expect(errors).toEqual([]);
    expect(Object.values(values).every((v) => v === 0)).toBe(true);
  });

  it("declare lower-case names with a unit and a transform", () => {
    for (const spec of registry.specs) {
      expect(spec.name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(spec.unit.length).toBeGreaterThan(0);
      expect(["log1p", "none"]).toContain(spec.transform);
    }
  });
});

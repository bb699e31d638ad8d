import { describe, expect, it } from "vitest";
import type { Change, ChangedFile } from "../../../src/change/types.js";
import { parsePatch } from "../../../src/diff/index.js";
import { astComplexityExtractor } from "../../../src/features/ast/index.js";
import { measureJsComplexity } from "../../../src/features/ast/measure-js-complexity.js";
import { measureLexicalComplexity } from "../../../src/features/ast/measure-lexical-complexity.js";
import type { FileContentProvider } from "../../../src/features/types.js";

const BEFORE = `export function pick(a, b) {
  if (a > b) {
    return a;
  }
  return b;
}
export const twice = (x) => x * 2;
function gone() { return 1; }
`;
const AFTER = `export function pick(a, b) {
  if (a > b && b > 0) {
    for (const x of [a, b]) {
      if (x) return x;
    }
  }
  return b;
}
export const twice = (x) => x * 2;
class Box { open(k) { return k ? 1 : 2; } }
`;

function change(file: Partial<ChangedFile> & { path: string }): Change {
  return {
    source: "git",
    repository: "r",
    baseSha: "b",
    headSha: "h",
    title: "",
    body: "",
    author: {},
    createdAt: "2020-01-01T00:00:00Z",
    commits: [],
    files: [{ status: "modified", additions: 0, deletions: 0, binary: false, hunks: [], ...file }],
    totalFiles: 1,
  };
}

const contents = (before: string | null, after: string | null): FileContentProvider => ({
  before: async () => before,
  after: async () => after,
});

describe("AST complexity (typescript-estree)", () => {
  it("measures McCabe complexity per file and per function, and nesting", () => {
    const m = measureJsComplexity(AFTER, "a.js");
    // pick: 1 + if + && + for-of + if = 5; twice: 1; Box.open: 1 + ?: = 2; file: 1 + 5 decisions.
    expect(m.functions.map((f) => [f.name, f.complexity])).toEqual([
      ["pick", 5],
      ["twice", 1],
      ["Box.open", 2],
    ]);
    expect(m.complexity).toBe(6);
    expect(m.maxNesting).toBe(3);
  });

  it("finds the functions a hunk touches and their complexity change", async () => {
    // Lines 2-6 of the new file replace line 2-4 of the old one; line 10 replaces the old line 8.
    const patch = [
      "@@ -2,3 +2,5 @@",
      "-  if (a > b) {",
      "-    return a;",
      "-  }",
      "+  if (a > b && b > 0) {",
      "+    for (const x of [a, b]) {",
      "+      if (x) return x;",
      "+    }",
      "+  }",
      "@@ -8 +10 @@",
      "-function gone() { return 1; }",
      "+class Box { open(k) { return k ? 1 : 2; } }",
    ].join("\n");
    const file = { path: "src/a.js", hunks: parsePatch(patch), additions: 6, deletions: 4 };
    const values = await astComplexityExtractor.extract({
      change: change(file),
      contents: contents(BEFORE, AFTER),
    });
    // Before: 1 + if = 2; after 6. Touched: pick (2 → 5), gone (1 → absent), Box.open (absent → 2): 3 − 1 + 2 = 4.
    expect(values).toMatchObject({
      ast_cc_before: 2,
      ast_cc_after: 6,
      ast_cc_delta: 4,
      ast_nesting_delta: 2,
      ast_functions_touched: 3,
      ast_touched_cc_delta: 4,
      ast_functions_added: 1,
      ast_functions_removed: 1,
      ast_parse_failures: 0,
      ast_files_lexical: 0,
    });
  });

  it("counts a file that does not parse and goes on", async () => {
    const values = await astComplexityExtractor.extract({
      change: change({ path: "bad.ts" }),
      contents: contents("const x = ;", "let y = 1;"),
    });
    expect(values).toMatchObject({ ast_parse_failures: 1, ast_cc_after: 0 });
  });

  it("approximates other languages lexically and knows nothing without contents", async () => {
    const java =
      'class A {\n  int f(int x) {\n    if (x > 0 && x < 9) { return 1; } // if\n    return "if".length();\n  }\n}\n';
    expect(measureLexicalComplexity(java)).toEqual({ complexity: 3, maxNesting: 3, functions: [] });
    const py = "def f(x):\n    if x:\n        return 1\n    return 2\n";
    expect(measureLexicalComplexity(py)).toMatchObject({ complexity: 2, maxNesting: 2 });
    const values = await astComplexityExtractor.extract({ change: change({ path: "a.c" }) });
    expect(values.ast_cc_delta).toBeNull();
  });
});

describe("AST complexity (tree-sitter: Java, Python, Go)", () => {
  it("measures Java methods, Python functions and Go functions with their real grammar", async () => {
    const { measureTreeSitterComplexity } =
      await import("../../../src/features/ast/measure-tree-sitter-complexity.js");
    const java =
      "class A {\n  int f(int x) {\n    if (x > 0 && x < 9) { return 1; }\n    switch (x) { case 1: return 2; default: return 3; }\n  }\n}\n";
    // f: 1 + if + && + case 1 (default is not a decision) = 4; nesting: if / switch = 1.
    expect(await measureTreeSitterComplexity(java, "java")).toEqual({
      complexity: 4,
      maxNesting: 1,
      functions: [{ name: "A.f", startLine: 2, endLine: 5, complexity: 4 }],
    });
    const py = "def f(x):\n    for i in x:\n        if i and x:\n            return 1\n    return 2\n";
    // 1 + for + if + and = 4; nesting for > if = 2.
    expect(await measureTreeSitterComplexity(py, "python")).toMatchObject({
      complexity: 4,
      maxNesting: 2,
      functions: [{ name: "f", complexity: 4 }],
    });
    const go = "package m\n\nfunc f(x int) int {\n\tif x > 0 || x < -1 {\n\t\treturn 1\n\t}\n\treturn 2\n}\n";
    expect(await measureTreeSitterComplexity(go, "go")).toMatchObject({
      complexity: 3,
      maxNesting: 1,
      functions: [{ name: "f", startLine: 3, endLine: 8 }],
    });
    await expect(measureTreeSitterComplexity("class {", "java")).rejects.toThrow(/syntax error/);
  });

  it("feeds the extractor for a Java file: touched method and its complexity change", async () => {
    const before = "class A {\n  int f(int x) {\n    return x;\n  }\n}\n";
    const after = "class A {\n  int f(int x) {\n    if (x > 0) { return x; }\n    return 0;\n  }\n}\n";
    const hunks = parsePatch(
      "@@ -3 +3,2 @@\n-    return x;\n+    if (x > 0) { return x; }\n+    return 0;\n",
    );
    const values = await astComplexityExtractor.extract({
      change: change({ path: "src/A.java", hunks }),
      contents: contents(before, after),
    });
    expect(values).toMatchObject({
      ast_cc_delta: 1,
      ast_functions_touched: 1,
      ast_touched_cc_delta: 1,
      ast_nesting_delta: 1,
      ast_files_lexical: 0,
    });
  });
});

import { describe, expect, it } from "vitest";
import { compareFileVersions } from "../../../src/features/ast/compare-file-versions.js";
import { listFunctionChanges } from "../../../src/features/ast/list-function-changes.js";
import { measureJsComplexity } from "../../../src/features/ast/measure-js-complexity.js";
import { makeFile } from "../make-change.js";

const BEFORE = `function acquire(pool) {
  return pool.pop();
}

function release(pool, x) {
  pool.push(x);
}
`;

const AFTER = `function acquire(pool) {
  if (pool.closed) throw new Error("closed");
  for (const x of pool.items) {
    if (x.idle && !x.broken) return x;
  }
  return pool.size < pool.max ? pool.create() : null;
}

function release(pool, x) {
  pool.push(x);
}

function drain(pool) {
  while (pool.items.length) pool.items.pop();
}
`;

const PATCH = `@@ -1,5 +1,9 @@
 function acquire(pool) {
-  return pool.pop();
+  if (pool.closed) throw new Error("closed");
+  for (const x of pool.items) {
+    if (x.idle && !x.broken) return x;
+  }
+  return pool.size < pool.max ? pool.create() : null;
 }
 
 function release(pool, x) {
@@ -6,2 +10,6 @@ function release(pool, x) {
   pool.push(x);
 }
+
+function drain(pool) {
+  while (pool.items.length) pool.items.pop();
+}
`;

describe("listFunctionChanges", () => {
  const file = makeFile("src/pool.js", PATCH);
  const before = measureJsComplexity(BEFORE, "src/pool.js");
  const after = measureJsComplexity(AFTER, "src/pool.js");

  it("lists the touched functions with complexity before and after, null before for a new one", () => {
    const changes = listFunctionChanges(file, before, after);
    // acquire: 1 → 1 + if + for-of + if + && + ?: = 6; drain: new, 1 + while = 2; release untouched.
    expect(changes).toEqual([
      {
        path: "src/pool.js",
        name: "acquire",
        metric: "cyclomatic complexity",
        before: 1,
        after: 6,
        startLine: 1,
        endLine: 7,
      },
      {
        path: "src/pool.js",
        name: "drain",
        metric: "cyclomatic complexity",
        before: null,
        after: 2,
        startLine: 13,
        endLine: 15,
      },
    ]);
  });

  it("agrees with the AST features on the touched functions (same pairing)", () => {
    const delta = compareFileVersions(file, before, after);
    const changes = listFunctionChanges(file, before, after);
    expect(delta.touched).toBe(changes.length);
    expect(delta.touchedCcDelta).toBe(changes.reduce((s, c) => s + c.after - (c.before ?? 0), 0));
    expect(delta.added).toBe(1);
  });

  it("leaves out removed functions and gives nothing without an after version", () => {
    const removal = makeFile("src/pool.js", PATCH, { status: "removed" });
    expect(listFunctionChanges(removal, before, null)).toEqual([]);
  });
});

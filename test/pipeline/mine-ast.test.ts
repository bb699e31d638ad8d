import { afterAll, describe, expect, it } from "vitest";
import { decodeTokenCounts, tokenBucket } from "../../src/features/tokens/encode-token-counts.js";
import { mineRepository } from "../../src/pipeline/mine-repository.js";
import { openSqliteStore } from "../../src/store/sqlite/open-sqlite-store.js";
import { ALICE, BOB, ScriptedRepo } from "../git/scripted-repo.js";

describe("mineRepository --ast --tokens", () => {
  const repo = new ScriptedRepo();
  afterAll(() => repo.remove());

  it("adds AST deltas from the commit's patch and contents, counts parse failures, stores tokens", async () => {
    repo.lines("src/f.js", ["function f(a) {", "  return a;", "}"]);
    repo.commit(ALICE, 0, "f");
    repo.lines("src/f.js", ["function f(a) {", "  if (a) {", "    return 1;", "  }", "  return a;", "}"]);
    repo.lines("src/broken.js", ["const = ;"]);
    const c2 = repo.commit(BOB, 1, "guard f");
    const store = openSqliteStore(":memory:");
    const summary = await mineRepository({ repo: repo.dir, store, ast: true, tokens: true });
    expect(summary.astParseFailures).toBe(1);
    const record = (await store.commits.getCommit(summary.repository, c2))!;
    // f: 1 → 2 (one if), nesting 0 → 1; broken.js does not parse and adds nothing.
    expect(record.features).toMatchObject({
      ast_cc_before: 1,
      ast_cc_after: 2,
      ast_cc_delta: 1,
      ast_nesting_delta: 1,
      ast_functions_touched: 1,
      ast_touched_cc_delta: 1,
      ast_functions_added: 0,
      ast_functions_removed: 0,
      ast_parse_failures: 1,
    });
    const tokens = decodeTokenCounts(record.tokens!);
    // "if" is added once (line 2 of f.js); nothing is deleted.
    expect(tokens[`tok_${tokenBucket("+", "if")}`]).toBeGreaterThanOrEqual(1);
    expect(Object.keys(record.features).some((k) => k.startsWith("tok_"))).toBe(false);
    await store.close();
  });
});

import { describe, expect, it } from "vitest";
import type { Change } from "../../../src/change/types.js";
import { parsePatch } from "../../../src/diff/index.js";
import {
  decodeTokenCounts,
  encodeTokenCounts,
  fnv1a,
  tokenBucket,
} from "../../../src/features/tokens/encode-token-counts.js";
import { diffTokensExtractor } from "../../../src/features/tokens/index.js";
import { splitIdentifier, tokenizeLine } from "../../../src/features/tokens/tokenize-line.js";

describe("diff tokens", () => {
  it("splits identifiers on camelCase, acronyms, snake_case and digits", () => {
    expect(splitIdentifier("parseHTTPResponse_v2")).toEqual(["parse", "http", "response", "v", "2"]);
    expect(splitIdentifier("MAX_RETRY_COUNT")).toEqual(["max", "retry", "count"]);
  });

  it("keeps keywords and operators, folds literals", () => {
    expect(tokenizeLine('if (userId !== null) return "x" + 42;')).toEqual([
      "if",
      "(",
      "user",
      "id",
      "!==",
      "null",
      ")",
      "return",
      "<str>",
      "+",
      "<num>",
      ";",
    ]);
  });

  it("hashes with FNV-1a (known test vector) into 4096 buckets", () => {
    expect(fnv1a("a")).toBe(0xe40c292c);
    expect(tokenBucket("+", "a")).toBe(fnv1a("+a") % 4096);
  });

  it("counts added and deleted tokens apart and packs them as uint16 pairs", () => {
    const hunks = parsePatch("@@ -1 +1 @@\n-foo(a)\n+foo(b)\n");
    const change = { files: [{ path: "x.js", hunks }] } as unknown as Change;
    const values = diffTokensExtractor.extract({ change }) as Record<string, number>;
    const nonZero = Object.fromEntries(Object.entries(values).filter(([, v]) => v));
    const expected: Record<string, number> = {};
    for (const [side, t] of [
      ["-", "foo"],
      ["-", "("],
      ["-", "a"],
      ["-", ")"],
      ["+", "foo"],
      ["+", "("],
      ["+", "b"],
      ["+", ")"],
    ] as const) {
      const k = `tok_${tokenBucket(side, t)}`;
      expected[k] = (expected[k] ?? 0) + 1;
    }
    expect(nonZero).toEqual(expected);
    const blob = encodeTokenCounts(values);
    expect(blob.length).toBe(Object.keys(expected).length * 4);
    expect(decodeTokenCounts(blob)).toEqual(expected);
  });

  it("is unknown (null), not zero, when the change has no patch", () => {
    const change = { files: [{ path: "x.bin", hunks: [] }] } as unknown as Change;
    const values = diffTokensExtractor.extract({ change }) as Record<string, number | null>;
    expect(values.tok_0).toBeNull();
  });
});

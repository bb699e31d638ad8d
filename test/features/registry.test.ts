import { describe, expect, it } from "vitest";
import { createDefaultRegistry } from "../../src/features/default-registry.js";
import { DuplicateFeatureError, FeatureRegistry } from "../../src/features/registry.js";
import type { FeatureExtractor, FeatureSpec } from "../../src/features/types.js";
import { makeChange, makeFile, makePatch } from "./make-change.js";

const spec = (name: string): FeatureSpec => ({
  name,
  group: "diff",
  description: name,
  unit: "x",
  transform: "none",
});

function extractor(name: string, features: string[], extract: FeatureExtractor["extract"]): FeatureExtractor {
  return { name, features: features.map(spec), extract };
}

describe("FeatureRegistry", () => {
  it("refuses a second extractor with the same name", () => {
    const registry = new FeatureRegistry().register(extractor("size", ["a"], () => ({ a: 1 })));
    expect(() => registry.register(extractor("size", ["b"], () => ({ b: 1 })))).toThrow(
      DuplicateFeatureError,
    );
  });

  it("refuses a feature name another extractor already produces, naming the owner", () => {
    const registry = new FeatureRegistry().register(extractor("size", ["la"], () => ({ la: 1 })));
    expect(() => registry.register(extractor("other", ["x", "la"], () => ({ x: 1, la: 2 })))).toThrow(
      /feature "la" of extractor "other" is already produced by "size"/,
    );
    expect(registry.extractors.map((e) => e.name)).toEqual(["size"]);
    expect(() => registry.register(extractor("twice", ["y", "y"], () => ({ y: 1 })))).toThrow(
      DuplicateFeatureError,
    );
  });

  it("refuses feature names that are not lower-case snake_case", () => {
    expect(() => new FeatureRegistry().register(extractor("bad", ["LinesAdded"], () => ({})))).toThrow(
      /snake_case/,
    );
  });

  it("turns a throwing, rejecting or misbehaving extractor into nulls plus error entries", async () => {
    const registry = new FeatureRegistry()
      .register(extractor("ok", ["a"], () => ({ a: 2 })))
      .register(
        extractor("throws", ["b"], () => {
          throw new Error("no history");
        }),
      )
      .register(extractor("rejects", ["c"], async () => Promise.reject(new Error("git died"))))
      .register(extractor("nan", ["d", "e"], () => ({ d: Number.NaN, e: null })))
      .register(extractor("forgets", ["f"], () => ({})));
    const { values, errors } = await registry.extract({ change: makeChange([]) });
    expect(values).toEqual({ a: 2, b: null, c: null, d: null, e: null, f: null });
    expect(errors).toEqual([
      { extractor: "throws", message: "threw: no history" },
      { extractor: "rejects", message: "threw: git died" },
      { extractor: "nan", message: 'returned NaN for "d"' },
      { extractor: "forgets", message: 'did not return "f"' },
    ]);
  });

  it("runs only the extractors that produce the requested features when asked", async () => {
    let tokenRuns = 0;
    const registry = new FeatureRegistry()
      .register(extractor("size", ["la", "ld"], () => ({ la: 3, ld: 1 })))
      .register(
        extractor("tokens", ["tok_0", "tok_1"], () => {
          tokenRuns++;
          return { tok_0: 1, tok_1: 0 };
        }),
      );
    const only = new Set(["la"]);
    const { values } = await registry.extract({ change: makeChange([]) }, only);
    expect(values).toEqual({ la: 3, ld: 1 });
    expect(tokenRuns).toBe(0);
    expect((await registry.extract({ change: makeChange([]) })).values).toEqual({
      la: 3,
      ld: 1,
      tok_0: 1,
      tok_1: 0,
    });
    expect(tokenRuns).toBe(1);
  });

  it("lists every spec in registration order and finds one by name", () => {
    const registry = new FeatureRegistry()
      .register(extractor("one", ["a", "b"], () => ({ a: 1, b: 1 })))
      .register(extractor("two", ["c"], () => ({ c: 1 })));
    expect(registry.specs.map((s) => s.name)).toEqual(["a", "b", "c"]);
    expect(registry.spec("c")?.name).toBe("c");
    expect(registry.spec("zz")).toBeUndefined();
  });
});

describe("createDefaultRegistry", () => {
  it("builds without clashes and produces each Kamei size/diffusion metric exactly once", async () => {
    const registry = createDefaultRegistry();
    const names = registry.specs.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of [
      "la",
      "ld",
      "ns",
      "nd",
      "nf",
      "entropy",
      "hunks",
      "test_file_share",
      "max_file_churn",
    ]) {
      expect(names).toContain(name);
    }
    const change = makeChange([
      makeFile("src/a.ts", makePatch(3, 1)),
      makeFile("test/a.test.ts", makePatch(5, 0)),
    ]);
    const { values } = await registry.extract({ change });
    expect(values).toMatchObject({ la: 8, ld: 1, nf: 2, ns: 2, nd: 2, test_file_share: 0.5 });
  });
});

import { describe, expect, it } from "vitest";
import { BackendUnavailableError, ensureBackend } from "../../src/model/backend.js";
import { KAMEI_NAMES } from "../../src/model/feature-schema.js";
import { loadDefaultModel } from "../../src/model/load-model.js";

describe("ensureBackend", () => {
  it("refuses an unknown DEFECT_TF_BACKEND with the names it accepts", async () => {
    process.env.DEFECT_TF_BACKEND = "quantum";
    try {
      await expect(ensureBackend(() => {})).rejects.toThrow(BackendUnavailableError);
      await expect(ensureBackend(() => {})).rejects.toThrow(/node-gpu, node, wasm, cpu/);
    } finally {
      delete process.env.DEFECT_TF_BACKEND;
    }
  });

  it("falls through the missing native backends to one that loads, logging the choice once", async () => {
    const lines: string[] = [];
    const quiet = process.env.DEFECT_TF_QUIET;
    delete process.env.DEFECT_TF_QUIET;
    try {
      const choice = await ensureBackend((l) => lines.push(l));
      await ensureBackend((l) => lines.push(l));
      expect(["tensorflow", "wasm", "cpu"]).toContain(choice.name);
      expect(lines).toEqual([`defect: TF.js backend "${choice.name}"`]);
    } finally {
      if (quiet !== undefined) process.env.DEFECT_TF_QUIET = quiet;
    }
  });
});

describe("the shipped default model", () => {
  it("loads once, takes the 14 Kamei metrics, and scores PRs with and without history", async () => {
    const model = await loadDefaultModel();
    expect(await loadDefaultModel()).toBe(model);
    expect(model.version).toMatch(/^default-\d{4}\.\d{2}\.\d{2}-[0-9a-f]{7}$/);
    expect(KAMEI_NAMES.every((n) => model.featureNames.includes(n))).toBe(true);
    expect(model.bands.medium).toBeLessThan(model.bands.high);
    const small = { ns: 1, nd: 1, nf: 1, entropy: 0, la: 2, ld: 1 };
    const large = { ns: 3, nd: 12, nf: 40, entropy: 4.5, la: 3000, ld: 800 };
    const history = { lt: 500, fix: 0, ndev: 5, age: 30, nuc: 10, exp: 100, rexp: 20, sexp: 50 };
    const [pSmall, pLarge, pLargeHistory] = await model.predict([small, large, { ...large, ...history }]);
    for (const p of [pSmall, pLarge, pLargeHistory]) {
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThan(1);
    }
    expect(pLarge).toBeGreaterThan(pSmall + 0.2);
    expect(await model.predict([])).toEqual([]);
  });
});

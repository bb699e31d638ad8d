import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TrainingDataError, trainRepositoryModel } from "../../src/learning/train-repository-model.js";
import type { TrainingRow } from "../../src/learning/types.js";
import { ensembleLogits } from "../../src/model/ensemble.js";
import { loadModelWithManifest } from "../../src/model/load-model.js";
import { buildDesignMatrix } from "../../src/model/preprocess.js";
import { trainPriorModel } from "../pipeline/helpers/train-prior-model.js";

function rows(n: number): TrainingRow[] {
  let s = 5;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return Array.from({ length: n }, (_, i) => {
    const bug = rand() < 0.3;
    const la = bug ? 1 + Math.floor(rand() * 4) : 40 + Math.floor(rand() * 80);
    return {
      id: `c${i}`,
      date: new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString(),
      features: {
        la,
        ld: 3,
        nf: bug ? 1 : 3,
        ns: 1,
        nd: 1,
        entropy: 0.5,
        lt: 50,
        fix: 0,
        ndev: 2,
        age: 4,
        nuc: 3,
        exp: bug ? 1 : 30,
        rexp: 1,
        sexp: 2,
      },
      label: bug ? 1 : 0,
    };
  });
}

describe("trainRepositoryModel (warm start from a base model)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "defect-train-repo-"));
  const prior = path.join(dir, "prior");
  beforeAll(() => trainPriorModel(prior));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("fine-tunes the base network, keeps its schema, and round-trips save → load → predict", async () => {
    const data = rows(240);
    const { version } = await trainRepositoryModel({
      rows: data,
      warmStartDir: prior,
      outDir: path.join(dir, "a"),
      name: "widgets-r1",
      epochs: 3,
      seed: 1,
    });
    expect(version).toMatch(/^widgets-r1-\d{4}\.\d\d\.\d\d-[0-9a-f]{7}$/);
    const base = await loadModelWithManifest(prior);
    const loaded = await loadModelWithManifest(path.join(dir, "a"));
    expect(loaded.manifest.version).toBe(version);
    expect(loaded.manifest.members).toEqual(["mlp", "gbt", "logistic"]);
    expect(loaded.manifest.features.map((f) => f.name)).toEqual(base.manifest.features.map((f) => f.name));
    expect(loaded.manifest.training.warmStartFrom).toBe(base.manifest.version);
    const p = await loaded.model.predict(data.slice(-40).map((r) => r.features));
    expect(p).toHaveLength(40);
    expect(p.every((v) => v > 0 && v < 1)).toBe(true);
    const mean = (label: number) => {
      const idx = data.slice(-40).flatMap((r, i) => (r.label === label ? [i] : []));
      return idx.reduce((s, i) => s + p[i], 0) / idx.length;
    };
    expect(mean(1)).toBeGreaterThan(mean(0)); // learned this repository's pattern, against the base's prior
  });

  it("adds the token bag when the commits were mined with diff tokens", async () => {
    // Bucket 11 shows up in 70 % of the bug-inducing changes and 10 % of the others; every change has bucket 500.
    let s = 9;
    const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const data = rows(240).map((r) => ({
      ...r,
      features: { ...r.features, tok_500: 2, ...(rand() < (r.label ? 0.7 : 0.1) ? { tok_11: 1 } : {}) },
    }));
    await trainRepositoryModel({
      rows: data,
      warmStartDir: prior,
      outDir: path.join(dir, "tokens"),
      name: "widgets-tok",
      epochs: 2,
      seed: 1,
    });
    const loaded = await loadModelWithManifest(path.join(dir, "tokens"));
    expect(loaded.manifest.members).toEqual(["mlp", "gbt", "logistic", "bag"]);
    expect(loaded.manifest.tokens).toBe(true);
    expect(loaded.manifest.bagBlend!.bag).toBeGreaterThan(0);
    const change = data[10].features;
    const { tok_11: _tok, ...without } = change;
    // Logits, not probabilities: this synthetic repository is separable, so the calibration saturates at 0 and 1.
    const [withToken, withoutToken] = ensembleLogits(
      loaded.ensemble,
      buildDesignMatrix(
        [
          { ...without, tok_11: 1, tok_500: 2 },
          { ...without, tok_500: 2 },
        ],
        loaded.ensemble.prep,
      ),
    );
    expect(withToken).toBeGreaterThan(withoutToken);
  });

  it("is reproducible under a seed (same data + seed → same artifacts)", async () => {
    const request = { rows: rows(200), warmStartDir: prior, name: "widgets-r2", epochs: 2, seed: 3 };
    const a = await trainRepositoryModel({ ...request, outDir: path.join(dir, "b1") });
    const b = await trainRepositoryModel({ ...request, outDir: path.join(dir, "b2") });
    expect(a.version).toBe(b.version);
  });

  it("refuses data it cannot learn from, saying what to do", async () => {
    const clean = rows(100).map((r) => ({ ...r, label: 0 as const }));
    await expect(
      trainRepositoryModel({
        rows: clean,
        warmStartDir: prior,
        outDir: path.join(dir, "c"),
        name: "x",
        epochs: 1,
        seed: 1,
      }),
    ).rejects.toThrow(TrainingDataError);
  });
});

import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBackend } from "../../src/model/backend.js";
import { ensembleProbabilities, type MemberKind } from "../../src/model/ensemble.js";
import { KAMEI_WITH_DERIVED, TOKEN_BUCKETS } from "../../src/model/feature-schema.js";
import { loadModel, loadModelWithManifest, ModelArtifactError } from "../../src/model/load-model.js";
import { createMlp } from "../../src/model/mlp.js";
import { buildDesignMatrix } from "../../src/model/preprocess.js";
import { saveEnsemble } from "../../src/model/save-model.js";
import { trainEnsemble, type TrainOptions } from "../../src/model/train-ensemble.js";
import { makeJitData } from "./make-jit-data.js";

const data = makeJitData(400);
const FAST: Partial<TrainOptions> = {
  features: KAMEI_WITH_DERIVED,
  mlp: { epochs: 3, batchSize: 64 },
  gbt: { trees: 15 },
  forest: { trees: 15 },
  seed: 3,
};
const saveInfo = { name: "test", metrics: { auc: 0.5 }, dataCard: { source: "synthetic" }, training: {} };
let dir: string;

beforeAll(async () => {
  await ensureBackend(() => {});
  dir = await mkdtemp(path.join(os.tmpdir(), "defect-model-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("createMlp shape", () => {
  it("maps [batch, features] to one logit per row, with and without the token bag", () => {
    const plain = createMlp({ inputDim: 24, tokens: false, seed: 1 });
    expect(plain.inputs[0].shape).toEqual([null, 24]);
    expect(plain.outputs[0].shape).toEqual([null, 1]);
    const withTokens = createMlp({ inputDim: 24, tokens: true, seed: 1 });
    expect(withTokens.inputs.map((i) => i.shape)).toEqual([
      [null, 24],
      [null, TOKEN_BUCKETS],
    ]);
    expect(withTokens.layers.map((l) => l.getClassName())).toEqual(
      expect.arrayContaining(["Dense", "Dropout", "BatchNormalization", "Concatenate"]),
    );
  });
});

const KINDS: MemberKind[][] = [
  ["mlp"],
  ["gbt"],
  ["forest"],
  ["logistic"],
  ["mlp", "gbt", "forest", "logistic"],
];

describe.each(KINDS)("model %s", (...members) => {
  it("save → load → predict gives the same calibrated probabilities, history missing or not", async () => {
    const { ensemble } = await trainEnsemble(data, { ...FAST, members });
    const out = path.join(dir, members.join("-"));
    const manifest = await saveEnsemble(ensemble, out, saveInfo);
    expect(manifest.members).toEqual(members);
    const rows = [...data.rows.slice(0, 20), { la: 5, ld: 1, nf: 1, ns: 1, nd: 1, entropy: 0 }, {}];
    const before = ensembleProbabilities(ensemble, buildDesignMatrix(rows, ensemble.prep));
    const loaded = await loadModel(out);
    const after = await loaded.predict(rows);
    expect(after).toHaveLength(rows.length);
    after.forEach((p, i) => {
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThan(1);
      expect(p).toBeCloseTo(before[i], 5);
    });
    expect(loaded.version).toBe(manifest.version);
    expect(loaded.featureNames).toEqual(KAMEI_WITH_DERIVED.map((f) => f.name));
    expect(loaded.bands.medium).toBeLessThanOrEqual(loaded.bands.high);
  });
});

describe("training", () => {
  it("is deterministic under a seed", async () => {
    const a = await trainEnsemble(data, { ...FAST, members: ["mlp", "gbt"] });
    const b = await trainEnsemble(data, { ...FAST, members: ["mlp", "gbt"] });
    const m = buildDesignMatrix(data.rows.slice(0, 50), a.ensemble.prep);
    expect(Array.from(ensembleProbabilities(a.ensemble, m))).toEqual(
      Array.from(ensembleProbabilities(b.ensemble, m)),
    );
  });

  it("trains and round-trips a model with sparse token features", async () => {
    const rows = data.rows.map((r, i) => ({
      ...r,
      [`tok_${i % 50}`]: 2,
      tok_4095: data.labels[i] ? 3 : null,
    }));
    const { ensemble } = await trainEnsemble(
      { rows, labels: data.labels },
      { ...FAST, members: ["mlp"], tokens: true },
    );
    const out = path.join(dir, "tokens");
    await saveEnsemble(ensemble, out, saveInfo);
    const loaded = await loadModel(out);
    const before = ensembleProbabilities(ensemble, buildDesignMatrix(rows.slice(0, 10), ensemble.prep));
    (await loaded.predict(rows.slice(0, 10))).forEach((p, i) => expect(p).toBeCloseTo(before[i], 5));
  });
});

describe("an ensemble with a token bag", () => {
  // Half the changes have tokens; among those, bucket 7 marks the bug-inducing ones far better than the metrics do.
  const rows = data.rows.map((r, i) =>
    i % 2 ? r : { ...r, [`tok_${100 + (i % 40)}`]: 1, ...(data.labels[i] ? { tok_7: 2 } : {}) },
  );
  let out: string;
  let trained: Awaited<ReturnType<typeof trainEnsemble>>;
  beforeAll(async () => {
    trained = await trainEnsemble(
      { rows, labels: data.labels },
      { ...FAST, members: ["gbt", "bag"], tokens: true },
    );
    out = path.join(dir, "bag");
    await saveEnsemble(trained.ensemble, out, saveInfo);
  });

  it("blends the bag in where a change has tokens and round-trips through bag.json", async () => {
    const { ensemble } = trained;
    expect(ensemble.bag).toBeDefined();
    expect(ensemble.blend!.bag).toBeGreaterThan(0);
    const { manifest, model } = await loadModelWithManifest(out);
    expect(manifest.members).toEqual(["gbt", "bag"]);
    expect(manifest.bagBlend).toEqual(ensemble.blend);
    const sample = rows.slice(0, 40);
    const before = ensembleProbabilities(ensemble, buildDesignMatrix(sample, ensemble.prep));
    (await model.predict(sample)).forEach((p, i) => expect(p).toBeCloseTo(before[i], 5));
    // The same change with and without its tokens: only the bag's part differs.
    const withTok = { ...data.rows[0], tok_7: 2, tok_100: 1 };
    const [pWith, pWithout] = await model.predict([withTok, data.rows[0]]);
    expect(pWith).toBeGreaterThan(pWithout);
  });

  it("refuses a manifest that lists the bag without its blend", async () => {
    const target = await mkdtemp(path.join(dir, "bag-copy-"));
    for (const f of ["manifest.json", "trees.json", "bag.json"]) {
      const content = await readFile(path.join(out, f), "utf8");
      const json = f === "manifest.json" ? JSON.parse(content) : null;
      if (json) delete json.bagBlend;
      await writeFile(path.join(target, f), json ? JSON.stringify(json) : content);
    }
    await expect(loadModel(target)).rejects.toThrow(/token bag but no bagBlend.*retrain/);
  });

  it("puts the blend under the checksum: an edited blend in the manifest is refused", async () => {
    const target = await mkdtemp(path.join(dir, "bag-blend-"));
    for (const f of ["manifest.json", "trees.json", "bag.json"]) {
      const content = await readFile(path.join(out, f), "utf8");
      const json = f === "manifest.json" ? JSON.parse(content) : null;
      if (json) json.bagBlend.bag += 1;
      await writeFile(path.join(target, f), json ? JSON.stringify(json) : content);
    }
    await expect(loadModel(target)).rejects.toThrow(/bagBlend differs from bag.json.*retrain/);
  });

  it("says so when the bag member is asked for without tokens", async () => {
    await expect(trainEnsemble(data, { ...FAST, members: ["gbt", "bag"] })).rejects.toThrow(
      /needs token features/,
    );
  });
});

describe("loading refuses a corrupted or mismatched artifact", () => {
  let out: string;
  beforeAll(async () => {
    const { ensemble } = await trainEnsemble(data, { ...FAST, members: ["mlp", "gbt"] });
    out = path.join(dir, "victim");
    await saveEnsemble(ensemble, out, saveInfo);
  });

  async function copyWith(name: string, edit: (b: Buffer) => Buffer | string): Promise<string> {
    const target = await mkdtemp(path.join(dir, "copy-"));
    for (const f of ["manifest.json", "model.json", "weights.bin", "trees.json"]) {
      const content = await readFile(path.join(out, f));
      await writeFile(path.join(target, f), f === name ? edit(content) : content);
    }
    return target;
  }

  it("a changed weight byte fails the checksum", async () => {
    const bad = await copyWith("weights.bin", (b) => {
      const c = Buffer.from(b);
      c[10] ^= 0xff;
      return c;
    });
    await expect(loadModel(bad)).rejects.toThrow(/weights.bin does not match its checksum.*retrain/);
  });

  it("an edited trees.json fails the checksum", async () => {
    const bad = await copyWith("trees.json", (b) => b.toString().replace('"base":', '"base":1e-3+'));
    await expect(loadModel(bad)).rejects.toBeInstanceOf(ModelArtifactError);
  });

  it("a missing file, a bad manifest and another format are refused with what to do", async () => {
    await expect(loadModel(path.join(dir, "nowhere"))).rejects.toThrow(
      /no readable manifest.json.*defect train/,
    );
    const notJson = await copyWith("manifest.json", () => "{oops");
    await expect(loadModel(notJson)).rejects.toThrow(/not valid JSON/);
    const oldFormat = await copyWith("manifest.json", (b) =>
      b.toString().replace("defect-model/1", "defect-model/0"),
    );
    await expect(loadModel(oldFormat)).rejects.toThrow(/format "defect-model\/0".*Retrain/);
  });

  it("a feature schema that disagrees with the weights or the caller is refused", async () => {
    const fewer = await copyWith("manifest.json", (b) => {
      const m = JSON.parse(b.toString());
      m.features.pop();
      return JSON.stringify(m);
    });
    await expect(loadModel(fewer)).rejects.toThrow(/inputs but the manifest's schema gives/);
    await expect(loadModelWithManifest(out, { expectFeatures: ["la", "ld"] })).rejects.toThrow(
      /expects features this code does not produce: ns, nd/,
    );
  });
});

import { ensureBackend } from "../src/model/backend.js";
import { predictGbt } from "../src/model/gradient-boosted-trees.js";
import { predictMlp } from "../src/model/mlp.js";
import { KAMEI_WITH_DERIVED } from "../src/model/feature-schema.js";
import { aucRoc } from "../src/model/metrics.js";
import { buildDesignMatrix } from "../src/model/preprocess.js";
import { DEFAULT_TRAIN_OPTIONS, trainEnsemble, type LabeledRows } from "../src/model/train-ensemble.js";
import { loadProject, PROJECTS } from "./model-bench-data.js";

await ensureBackend();
const variants: Record<string, Record<string, number>> = {
  base: {},
  d3: { depth: 3 },
  d6: { depth: 6, minChildWeight: 10 },
  slow: { learningRate: 0.025, trees: 800, patience: 120 },
  col5: { colsample: 0.5 },
};
function rank(z: ArrayLike<number>): Float64Array {
  const idx = Array.from(z, (_, i) => i).sort((a, b) => z[a] - z[b]);
  const r = new Float64Array(z.length);
  idx.forEach((i, k) => (r[i] = k / z.length));
  return r;
}
const mode = process.argv[2]; // valid | test
const res: Record<string, Record<string, number>> = {};
for (const p of PROJECTS) {
  const d = await loadProject(p);
  const cut = Math.round(d.rows.length * 0.8);
  let trainN = cut, testFrom = cut, testTo = d.rows.length;
  if (mode === "valid") { trainN = Math.round(cut * 0.85); testFrom = trainN; testTo = cut; }
  const train: LabeledRows = { rows: d.rows.slice(0, trainN), labels: d.labels.slice(0, trainN) };
  const test = { rows: d.rows.slice(testFrom, testTo), labels: d.labels.slice(testFrom, testTo) };
  const base = { ...DEFAULT_TRAIN_OPTIONS, features: KAMEI_WITH_DERIVED, seed: 1 };
  const r: Record<string, number> = {};
  const mlpE = (await trainEnsemble(train, { ...base, members: ["mlp"] })).ensemble;
  const tm = buildDesignMatrix(test.rows, mlpE.prep);
  const zm = predictMlp(mlpE.mlp!, tm);
  mlpE.mlp!.dispose();
  r.mlp = aucRoc(zm, test.labels);
  const zg: Record<string, Float64Array> = {};
  for (const [name, g] of Object.entries(variants)) {
    const e = (await trainEnsemble(train, { ...base, members: ["gbt"], gbt: g })).ensemble;
    zg[name] = predictGbt(e.gbt!, tm.raw, tm.n);
    r[name] = aucRoc(zg[name], test.labels);
    r[`mix50_${name}`] = aucRoc(zg[name].map((v, i) => (v + zm[i]) / 2), test.labels);
  }
  const e2 = (await trainEnsemble(train, { ...base, seed: 2, members: ["gbt"] })).ensemble;
  const zb2 = predictGbt(e2.gbt!, tm.raw, tm.n);
  const bag = zb2.map((v, i) => (v + zg.base[i]) / 2);
  r.bag2 = aucRoc(bag, test.labels);
  r.mix50_bag2 = aucRoc(bag.map((v, i) => (v + zm[i]) / 2), test.labels);
  for (const w of [0.3, 0.4, 0.6, 0.7]) r[`w${w}_base`] = aucRoc(zg.base.map((v, i) => w * zm[i] + (1 - w) * v), test.labels);
  const rm = rank(zm), rg = rank(zg.base);
  r.rankavg_base = aucRoc(rm.map((v, i) => v + rg[i]), test.labels);
  res[p] = r;
  console.log(p, JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, +v.toFixed(4)]))));
}
const keys = Object.keys(res.qt);
console.log(`\n# ${mode} means`);
for (const k of keys) console.log(k.padEnd(16), (PROJECTS.reduce((s, p) => s + res[p][k], 0) / PROJECTS.length).toFixed(4), PROJECTS.map((p) => res[p][k].toFixed(3)).join(" "));

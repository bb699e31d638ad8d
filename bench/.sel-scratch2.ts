import { ensureBackend } from "../src/model/backend.js";
import { ensembleLogits } from "../src/model/ensemble.js";
import { KAMEI_WITH_DERIVED, type FeatureDef } from "../src/model/feature-schema.js";
import { aucRoc } from "../src/model/metrics.js";
import { buildDesignMatrix } from "../src/model/preprocess.js";
import { DEFAULT_TRAIN_OPTIONS, trainEnsemble, type LabeledRows } from "../src/model/train-ensemble.js";
import type { FeatureValues } from "../src/features/types.js";
import { loadProject, PROJECTS } from "./model-bench-data.js";

await ensureBackend();
const n = (v: number | null | undefined) => (v == null ? NaN : v);
function extra(r: FeatureValues): FeatureValues {
  const nf = Math.max(n(r.nf), 1);
  const o: FeatureValues = { ...r };
  const put = (k: string, v: number) => (o[k] = Number.isFinite(v) ? v : null);
  put("entropy_norm", nf > 1 ? n(r.entropy) / Math.log2(nf) : 0);
  put("la_per_file", n(r.la) / nf);
  put("sexp_share", n(r.sexp) / (n(r.exp) + 1));
  put("ndev_per_file", n(r.ndev) / nf);
  put("lt_x_nf", Math.log1p(n(r.lt)) * Math.log1p(nf));
  return o;
}
const F1: FeatureDef[] = [
  ...KAMEI_WITH_DERIVED,
  { name: "entropy_norm", group: "kamei", transform: "none" },
  { name: "la_per_file", group: "kamei", transform: "log1p" },
  { name: "sexp_share", group: "history", transform: "none" },
  { name: "ndev_per_file", group: "history", transform: "log1p" },
];
const F2: FeatureDef[] = [...F1, { name: "lt_x_nf", group: "history", transform: "none" }];
const mode = process.argv[2];
const res: Record<string, Record<string, number>> = {};
for (const p of PROJECTS) {
  const d = await loadProject(p);
  const rows = d.rows.map(extra);
  const cut = Math.round(rows.length * 0.8);
  let trainN = cut, testFrom = cut, testTo = rows.length;
  if (mode === "valid") { trainN = Math.round(cut * 0.85); testFrom = trainN; testTo = cut; }
  const train: LabeledRows = { rows: rows.slice(0, trainN), labels: d.labels.slice(0, trainN) };
  const test = { rows: rows.slice(testFrom, testTo), labels: d.labels.slice(testFrom, testTo) };
  const r: Record<string, number> = {};
  const zs: Float64Array[] = [];
  for (const [name, feats, seed] of [["base", KAMEI_WITH_DERIVED, 1], ["seed2", KAMEI_WITH_DERIVED, 2], ["F1", F1, 1], ["F2", F2, 1]] as const) {
    const e = (await trainEnsemble(train, { ...DEFAULT_TRAIN_OPTIONS, features: feats, seed })).ensemble;
    const z = ensembleLogits(e, buildDesignMatrix(test.rows, e.prep));
    e.mlp?.dispose();
    zs.push(z);
    r[name] = aucRoc(z, test.labels);
  }
  r.bag_seed12 = aucRoc(zs[0].map((v, i) => (v + zs[1][i]) / 2), test.labels);
  res[p] = r;
  console.log(p, JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, +v.toFixed(4)]))));
}
console.log(`\n# ${mode} means`);
for (const k of Object.keys(res.qt)) console.log(k.padEnd(12), (PROJECTS.reduce((s, p) => s + res[p][k], 0) / PROJECTS.length).toFixed(4), PROJECTS.map((p) => res[p][k].toFixed(3)).join(" "));

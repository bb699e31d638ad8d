/**
 * Trains the shipped default model (models/default/) cross-project on the six LApredict projects:
 * `npm run train:default [-- --seed N --out DIR]`. Reproducible under a seed: same data + seed → same weights.
 *
 * 1. Evaluate: train on each project's first 80 % (pooled), test on each project's last 20 % → the data card's metrics.
 * 2. Final: train on all rows; the most recent 15 % of each project is the validation slice (early stopping,
 *    calibration, bands). History features are masked on a share of rows so PRs without history score sensibly.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureBackend } from "../src/model/backend.js";
import { ensembleProbabilities } from "../src/model/ensemble.js";
import { effortOf, evaluatePredictions } from "../src/model/evaluate-predictions.js";
import { KAMEI_WITH_DERIVED } from "../src/model/feature-schema.js";
import { buildDesignMatrix, maskGroup } from "../src/model/preprocess.js";
import { readDatasetCsv } from "../src/model/read-dataset-csv.js";
import { saveEnsemble } from "../src/model/save-model.js";
import { timeOrder } from "../src/model/split-dataset.js";
import { DEFAULT_MODEL_OPTIONS, type LabeledRows, trainEnsemble } from "../src/model/train-ensemble.js";

const PROJECTS = ["qt", "openstack", "jdt", "platform", "gerrit", "go"];
const DATA_DIR = path.resolve(import.meta.dirname, "..", "..", "shared", "data", "jit", "lapredict");

const { values } = parseArgs({
  options: { seed: { type: "string", default: "1" }, out: { type: "string" } },
});
const seed = Number(values.seed);
const outDir = values.out ?? path.resolve(import.meta.dirname, "..", "models", "default");
const started = Date.now();
const { name: backend } = await ensureBackend();

const data = await Promise.all(
  PROJECTS.map(async (p) => {
    const ds = await readDatasetCsv(path.join(DATA_DIR, `${p}.csv`)).catch((error: Error) => {
      throw new Error(
        `${error.message}\nThe default model is trained from ../shared/data (see its README.md).`,
      );
    });
    const order = timeOrder(ds);
    return { project: p, rows: order.map((i) => ds.rows[i]), labels: order.map((i) => ds.labels[i]) };
  }),
);

/** Pools projects: every project's older rows first, then every project's most recent `tail` share (validation). */
function pool(
  parts: { rows: LabeledRows["rows"]; labels: number[] }[],
  tail: number,
): LabeledRows & { validCount: number } {
  const head: LabeledRows = { rows: [], labels: [] };
  const last: LabeledRows = { rows: [], labels: [] };
  for (const p of parts) {
    const cut = p.rows.length - Math.round(p.rows.length * tail);
    head.rows.push(...p.rows.slice(0, cut));
    head.labels.push(...p.labels.slice(0, cut));
    last.rows.push(...p.rows.slice(cut));
    last.labels.push(...p.labels.slice(cut));
  }
  return {
    rows: [...head.rows, ...last.rows],
    labels: [...head.labels, ...last.labels],
    validCount: last.rows.length,
  };
}

const options = { ...DEFAULT_MODEL_OPTIONS, features: KAMEI_WITH_DERIVED, seed };

// 1. Held-out evaluation: first 80 % of each project trains, last 20 % of each tests.
const trainParts = data.map((d) => {
  const cut = Math.round(d.rows.length * 0.8);
  return { rows: d.rows.slice(0, cut), labels: d.labels.slice(0, cut) };
});
const evalPool = pool(trainParts, options.validFraction);
const evalRun = await trainEnsemble(evalPool, { ...options, validCount: evalPool.validCount });
const metrics: Record<string, number | string | null> = {
  measuredOn: "last 20 % (by date) of each of the six projects, model trained on the first 80 % of all six",
};
const testRows = data.flatMap((d) => d.rows.slice(Math.round(d.rows.length * 0.8)));
const testLabels = data.flatMap((d) => d.labels.slice(Math.round(d.labels.length * 0.8)));
for (const masked of [false, true]) {
  const m = buildDesignMatrix(testRows, evalRun.ensemble.prep);
  if (masked) maskGroup(m, evalRun.ensemble.prep, "history");
  const probs = ensembleProbabilities(evalRun.ensemble, m);
  const r = evaluatePredictions(
    probs,
    testLabels,
    testRows.map(effortOf),
    evalRun.ensemble.bands.medium,
    evalRun.ensemble.bands.high,
  );
  const prefix = masked ? "noHistory_" : "";
  for (const k of ["auc", "prAuc", "brier", "f1", "mcc", "popt", "recallAt20Effort"] as const)
    metrics[prefix + k] = r[k];
}
for (const d of data) {
  const cut = Math.round(d.rows.length * 0.8);
  const m = buildDesignMatrix(d.rows.slice(cut), evalRun.ensemble.prep);
  const probs = ensembleProbabilities(evalRun.ensemble, m);
  metrics[`auc_${d.project}`] = evaluatePredictions(probs, d.labels.slice(cut), [], 0.5, 0.5).auc;
}

// 2. Final model on all rows.
const finalPool = pool(data, options.validFraction);
const final = await trainEnsemble(finalPool, { ...options, validCount: finalPool.validCount });
const manifest = await saveEnsemble(final.ensemble, outDir, {
  name: "default",
  createdAt: process.env.SOURCE_DATE_EPOCH
    ? new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000).toISOString()
    : undefined,
  metrics,
  dataCard: {
    source:
      "Zeng et al., Deep Just-in-Time Defect Prediction: How Far Are We? (ISSTA 2021) replication data, MIT licence",
    path: "../shared/data/jit/lapredict/{qt,openstack,jdt,platform,gerrit,go}.csv",
    rows: finalPool.rows.length,
    bugInducingShare: finalPool.labels.reduce((s, v) => s + v, 0) / finalPool.labels.length,
    projects: Object.fromEntries(data.map((d) => [d.project, d.rows.length])),
    labels: "bug-inducing per the dataset's SZZ labelling (not ground truth)",
    features:
      "14 Kamei metrics; history group (lt fix ndev age nuc exp rexp sexp) may be missing at scoring time",
    validation: `most recent ${options.validFraction * 100} % of each project (early stopping, calibration, bands)`,
  },
  training: {
    ...final.info,
    seed,
    backend,
    options: JSON.parse(JSON.stringify({ ...options, features: undefined })),
  },
});
const fmt = (k: string) => (typeof metrics[k] === "number" ? (metrics[k] as number).toFixed(3) : "n/a");
const card = `# Data card — default model \`${manifest.version}\`

Written by \`npm run train:default\` (scripts/train-default-model.ts, seed ${seed}); do not edit by hand.

**What it is.** The model that scores a pull request of a repository with no model of its own yet: an ensemble of
${manifest.members.join(", ")} over the 14 Kamei et al. (TSE 2013) change metrics plus ${manifest.features.length - 14} features derived
from them (${manifest.features
  .slice(14)
  .map((f) => f.name)
  .join(", ")}), calibrated with ${manifest.calibration.method} scaling.

**Training data.** ${String(manifest.dataCard.source)}: ${finalPool.rows.length.toLocaleString("en")} commits of six projects
(${data.map((d) => `${d.project} ${d.rows.length.toLocaleString("en")}`).join(", ")}), ${(Number(manifest.dataCard.bugInducingShare) * 100).toFixed(1)} % bug-inducing.
Labels come from SZZ-style labelling in that dataset and are noisy (not ground truth). The projects are large, mature open-source
code bases (C++, Java, Go, Python); other kinds of repositories may differ.

**Missing history.** On ${options.maskGroups.map((g) => `${g.rate * 100} %`).join(", ")} of training rows (as extra copies) the history
group (lt fix ndev age nuc exp rexp sexp) is masked, so a PR scored from its diff alone gets a sensible probability.

**Validation and calibration.** The most recent ${options.validFraction * 100} % of each project (by date) is held out for early stopping,
calibration and the band thresholds (medium ≥ ${manifest.bands.medium.toFixed(3)}: the riskiest ${options.bandPolicy.mediumAlertRate * 100} % of validation changes;
high ≥ ${manifest.bands.high.toFixed(3)}: precision ≥ ${options.bandPolicy.highPrecision} on validation, or the top ${options.bandPolicy.fallbackHighAlertRate * 100} % if none reaches it).

**Held-out quality** (a model trained the same way on the first 80 % of each project, tested on the last 20 % of each):

| metric | with history | without history |
|---|---|---|
| AUC-ROC | ${fmt("auc")} | ${fmt("noHistory_auc")} |
| PR-AUC | ${fmt("prAuc")} | ${fmt("noHistory_prAuc")} |
| Brier | ${fmt("brier")} | ${fmt("noHistory_brier")} |
| F1 at "medium" | ${fmt("f1")} | ${fmt("noHistory_f1")} |
| MCC at "medium" | ${fmt("mcc")} | ${fmt("noHistory_mcc")} |
| Popt | ${fmt("popt")} | ${fmt("noHistory_popt")} |
| Recall@20%Effort | ${fmt("recallAt20Effort")} | ${fmt("noHistory_recallAt20Effort")} |

Per project (with history): ${data.map((d) => `${d.project} ${fmt(`auc_${d.project}`)}`).join(", ")}. Pooled AUC mixes projects
with different base rates; the per-project numbers are the ones to compare with docs/model.md.

**Files.** manifest.json (schema, scaler, calibration, bands, metrics, checksums), model.json + weights.bin (TF.js
network), trees.json (gradient-boosted trees), linear.json (logistic member, when present). Loading verifies every sha256.
`;
if (!values.out) await writeFile(path.resolve(import.meta.dirname, "..", "models", "DATA-CARD.md"), card);
console.log(
  `wrote ${outDir} — version ${manifest.version}, held-out AUC ${Number(metrics.auc).toFixed(3)} ` +
    `(no history ${Number(metrics.noHistory_auc).toFixed(3)}), ${((Date.now() - started) / 1000).toFixed(1)} s on ${backend}`,
);

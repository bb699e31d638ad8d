/**
 * Model quality benchmark on the six LApredict projects (`npm run bench:model [-- --seeds 5 --sections speed,wp,cp]`).
 * Protocol of Zeng et al. (ISSTA 2021): sort by date, train on the first 80 %, test on the last 20 %.
 * Default sections: speed (the shipped model's size, load and scoring time), wp (within project, ours over N seeds
 * vs an LR trained here vs published), cp (train on five projects, test on the sixth's last 20 %).
 * wp runs ours twice: on the 14 metrics (+ derived ratios) alone, and with the diff tokens of every commit found in
 * local mirrors of the projects' repositories (`--mirrors DIR`, default ../.mirror; see bench/dataset-tokens.ts).
 * Opt-in experiments: ssl (self-training with half the training labels hidden), borrow (WP + other projects' past
 * rows), compare (loss, oversampling and member ablations).
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { ensureBackend } from "../src/model/backend.js";
import { ensembleLogits } from "../src/model/ensemble.js";
import { effortOf } from "../src/model/evaluate-predictions.js";
import { effortMetrics } from "../src/model/effort-metrics.js";
import { KAMEI_FEATURES, KAMEI_WITH_DERIVED } from "../src/model/feature-schema.js";
import { DEFAULT_MODEL_DIR, loadModelWithManifest } from "../src/model/load-model.js";
import { predictLogistic, trainLogistic } from "../src/model/logistic-regression.js";
import { aucRoc } from "../src/model/metrics.js";
import { buildDesignMatrix, fitPreprocessing } from "../src/model/preprocess.js";
import { createRandom } from "../src/model/random.js";
import { trainSelfSupervised } from "../src/model/self-train.js";
import {
  DEFAULT_TRAIN_OPTIONS,
  type LabeledRows,
  type TrainOptions,
  trainEnsemble,
} from "../src/model/train-ensemble.js";
import path from "node:path";
import { loadDatasetTokens, TOKEN_SOURCES } from "./dataset-tokens.js";
import { f3, loadProject, meanSd, PROJECTS, type ProjectData, readPublishedAuc } from "./model-bench-data.js";

const { values } = parseArgs({
  options: {
    seeds: { type: "string", default: "5" },
    // ssl, borrow and compare are experiments (minutes each); run them with --sections.
    sections: { type: "string", default: "speed,wp,cp" },
    projects: { type: "string", default: PROJECTS.join(",") },
    mirrors: { type: "string", default: path.resolve(import.meta.dirname, "..", "..", ".mirror") },
  },
});
const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i + 1);
const sections = new Set(values.sections!.split(","));
const projects = values.projects!.split(",");
const started = performance.now();
const backend = await ensureBackend();
const published = await readPublishedAuc();
const data = await Promise.all(PROJECTS.map(loadProject));
const byName = new Map(data.map((d) => [d.project, d]));
const options: Partial<TrainOptions> = { ...DEFAULT_TRAIN_OPTIONS, features: KAMEI_WITH_DERIVED };
console.log(
  `# bench:model — backend ${backend.name}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}, seeds ${seeds.join(",")}`,
);
console.log(
  `ours = ${options.members!.join(" + ")} (mean of logits, Platt), derived features, recency half-life ${options.recencyHalfLife}, refit ${options.refit}\n`,
);

function splitAt(d: ProjectData, fraction = 0.8): { train: LabeledRows; test: LabeledRows } {
  const cut = Math.round(d.rows.length * fraction);
  return {
    train: { rows: d.rows.slice(0, cut), labels: d.labels.slice(0, cut) },
    test: { rows: d.rows.slice(cut), labels: d.labels.slice(cut) },
  };
}

async function scoreOurs(
  train: LabeledRows,
  test: LabeledRows,
  opts: Partial<TrainOptions>,
  unlabeled?: LabeledRows["rows"],
) {
  const t0 = performance.now();
  const { ensemble } = unlabeled
    ? await trainSelfSupervised(train, unlabeled, opts)
    : await trainEnsemble(train, opts);
  const seconds = (performance.now() - t0) / 1000;
  const z = ensembleLogits(ensemble, buildDesignMatrix(test.rows, ensemble.prep));
  ensemble.mlp?.dispose();
  const effort = effortMetrics(
    z.map((v) => 1 / (1 + Math.exp(-v))),
    test.labels,
    test.rows.map(effortOf),
  );
  return { auc: aucRoc(z, test.labels), ...effort, seconds };
}

/** The baseline: L2 logistic regression on the 14 log-scaled, standardised metrics, trained in this run. */
function scoreLogistic(train: LabeledRows, test: LabeledRows): number {
  const prep = fitPreprocessing(train.rows, KAMEI_FEATURES);
  const m = buildDesignMatrix(train.rows, prep);
  const model = trainLogistic(m.x, m.n, m.dim, train.labels, undefined, 1);
  const t = buildDesignMatrix(test.rows, prep);
  return aucRoc(predictLogistic(model, t.x, t.n), test.labels);
}

const pub = (method: string, p: string, kind: "wp" | "cp") => published[method]?.[p]?.[kind] ?? NaN;

if (sections.has("speed")) {
  const { statSync, readdirSync } = await import("node:fs");
  const bytes = readdirSync(DEFAULT_MODEL_DIR).reduce(
    (s, f) => s + statSync(`${DEFAULT_MODEL_DIR}/${f}`).size,
    0,
  );
  const loads: number[] = [];
  let model;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    model = (await loadModelWithManifest(DEFAULT_MODEL_DIR)).model;
    loads.push(performance.now() - t0);
  }
  const rows = byName.get("qt")!.rows.slice(0, 3001);
  const noHistory = rows.map((r) => ({
    ns: r.ns,
    nd: r.nd,
    nf: r.nf,
    entropy: r.entropy,
    la: r.la,
    ld: r.ld,
  }));
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    await model!.predict(i % 2 ? noHistory : rows);
    times.push(performance.now() - t0);
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  console.log("## Shipped default model\n");
  console.log(
    `models/default: ${(bytes / 1024).toFixed(0)} KiB on disk, first load (read, verify checksums, build the network) ${loads[0].toFixed(0)} ms, later loads median ${median(loads.slice(1)).toFixed(0)} ms;`,
  );
  console.log(
    `predict one batch of 3,001 rows (a 3,000-file PR): median ${median(times).toFixed(0)} ms of 7 (with and without history).\n`,
  );
}

/** Adds `tok_<bucket>` counts to the rows of commits found in the mirrors; returns how many rows got tokens. */
async function attachTokens(d: ProjectData): Promise<{ covered: number; testCovered: number; note: string }> {
  const t0 = performance.now();
  const tk = await loadDatasetTokens(d.project, d.ids, values.mirrors!);
  const cut = Math.round(d.rows.length * 0.8);
  let covered = 0;
  let testCovered = 0;
  d.rows.forEach((row, i) => {
    const counts = tk.tokens.get(d.ids[i]);
    if (!counts) return;
    covered++;
    if (i >= cut) testCovered++;
    for (const [b, v] of counts) row[`tok_${b}`] = v;
  });
  const listed = TOKEN_SOURCES[d.project]?.length ?? 0;
  const note =
    `${d.project}: ${tk.mirrors.found.length}/${listed} mirrors, tokens for ${covered}/${d.rows.length} commits ` +
    `(${tk.fromCache ? "cached" : `read in ${((performance.now() - t0) / 1000).toFixed(0)} s`})` +
    (tk.mirrors.missing.length ? `; missing: ${tk.mirrors.missing.join(", ")}` : "");
  return { covered, testCovered, note };
}

if (sections.has("wp")) {
  console.log("## Within project (first 80 % train, last 20 % test; AUC-ROC)\n");
  const notes: string[] = [];
  const table: string[] = [];
  const cols: number[][] = Array.from({ length: 11 }, () => []);
  const passes = { metrics: true, tokens: true };
  for (const p of projects) {
    const d = byName.get(p)!;
    const { train, test } = splitAt(d);
    const runs = [];
    for (const seed of seeds) runs.push(await scoreOurs(train, test, { ...options, seed }));
    const auc = meanSd(runs.map((r) => r.auc));
    // The same recipe with the diff tokens of the commits the mirrors have (rows keep their metrics either way).
    const tok = await attachTokens(d);
    notes.push(tok.note);
    let tokRuns = runs;
    if (tok.covered > 0) {
      const withTokens = splitAt(d);
      tokRuns = [];
      for (const seed of seeds)
        tokRuns.push(
          await scoreOurs(withTokens.train, withTokens.test, {
            ...options,
            seed,
            tokens: true,
            members: [...options.members!, "bag"],
          }),
        );
    }
    const tauc = meanSd(tokRuns.map((r) => r.auc));
    const lr = scoreLogistic(train, test);
    const pubs = ["DeepJIT", "CC2Vec", "LR-JIT", "LApredict"].map((m) => pub(m, p, "wp"));
    const best = Math.max(...pubs);
    passes.metrics &&= auc.mean > best;
    passes.tokens &&= tauc.mean > best;
    const popt = meanSd(tokRuns.map((r) => r.popt)).mean;
    const r20 = meanSd(tokRuns.map((r) => r.recallAt20Effort)).mean;
    const per10k = (meanSd(runs.map((r) => r.seconds)).mean / train.rows.length) * 10_000;
    const coverage = tok.testCovered / test.rows.length;
    [auc.mean, tauc.mean, coverage, lr, ...pubs, tauc.mean - best, popt, r20].forEach((v, i) =>
      cols[i].push(v),
    );
    const sign = (v: number) => (v >= 0 ? "+" : "") + v.toFixed(3);
    table.push(
      `| ${p} | ${f3(auc.mean)} ± ${auc.sd.toFixed(3)} | ${tok.covered ? `${f3(tauc.mean)} ± ${tauc.sd.toFixed(3)}` : "(no tokens)"} | ${(coverage * 100).toFixed(0)} % | ${f3(lr)} | ${pubs.map(f3).join(" | ")} | ${f3(best)} | ${sign(auc.mean - best)} / ${sign(tauc.mean - best)} | ${f3(popt)} | ${f3(r20)} | ${per10k.toFixed(1)} |`,
    );
  }
  for (const n of notes) console.log(`- ${n}`);
  console.log(
    "\n| project | ours, metrics (mean ± sd) | ours + diff tokens | test rows with tokens | LR here | DeepJIT | CC2Vec | LR-JIT | LApredict | best published | ours − best (metrics / + tokens) | Popt | R@20%E | train s/10k |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const line of table) console.log(line);
  const m = cols.map((c) => c.reduce((a, b) => a + b, 0) / c.length);
  console.log(
    `| **mean** | **${f3(m[0])}** | **${f3(m[1])}** | ${(m[2] * 100).toFixed(0)} % | ${f3(m[3])} | ${m.slice(4, 8).map(f3).join(" | ")} | | | ${f3(m[9])} | ${f3(m[10])} | |\n`,
  );
  console.log(
    "Popt and R@20%E are those of ours + diff tokens (the metrics-only model's where a project has no tokens).",
  );
  for (const [name, mean, pass] of [
    ["metrics only", m[0], passes.metrics],
    ["with diff tokens", m[1], passes.tokens],
  ] as const) {
    console.log(
      `Target (every project above every published number, mean ≥ 0.770), ${name}: ${pass ? "above on every project" : "NOT above on every project"}, mean ${f3(mean)} → ${pass && mean >= 0.77 ? "met" : "not met"}.`,
    );
  }
  console.log();
}

if (sections.has("cp")) {
  console.log(
    "## Cross project (train on the other five, all rows; test on this project's last 20 %; seed 1)\n",
  );
  console.log("| project | ours | DeepJIT CP | CC2Vec CP | LR-JIT CP | LApredict CP |");
  console.log("|---|---|---|---|---|---|");
  const ours: number[] = [];
  for (const p of projects) {
    const others = data.filter((d) => d.project !== p);
    // Pool the five: each one's older 85 % first, then each one's most recent 15 % as the validation slice.
    const head = others.map((d) => splitAt(d, 0.85).train);
    const tail = others.map((d) => splitAt(d, 0.85).test);
    const train: LabeledRows = {
      rows: [...head.flatMap((h) => h.rows), ...tail.flatMap((t) => t.rows)],
      labels: [...head.flatMap((h) => h.labels), ...tail.flatMap((t) => t.labels)],
    };
    const validCount = tail.reduce((s, t) => s + t.rows.length, 0);
    const r = await scoreOurs(train, splitAt(byName.get(p)!).test, {
      ...options,
      seed: 1,
      validCount,
      // Pooled rows are not in date order across projects, and ~75k rows are plenty: no recency, no refit.
      recencyHalfLife: 0,
      refit: false,
    });
    ours.push(r.auc);
    const pubs = ["DeepJIT", "CC2Vec", "LR-JIT", "LApredict"].map((m) => pub(m, p, "cp"));
    console.log(`| ${p} | ${f3(r.auc)} | ${pubs.map(f3).join(" | ")} |`);
  }
  console.log(`| **mean** | **${f3(meanSd(ours).mean)}** | | | | |\n`);
}

if (sections.has("ssl")) {
  console.log("## Semi-supervised: labels of a random half of the training rows hidden (seed 1; AUC)\n");
  console.log("| project | half labels | half + self-training | all labels | pseudo-labels used |");
  console.log("|---|---|---|---|---|");
  const cols: number[][] = [[], [], []];
  for (const p of projects) {
    const { train, test } = splitAt(byName.get(p)!);
    const nValid = Math.round(train.rows.length * 0.15);
    const random = createRandom(42);
    const keep: LabeledRows = { rows: [], labels: [] };
    const hidden: LabeledRows["rows"] = [];
    // The validation slice keeps its labels: calibration and early stopping need real ones.
    train.rows.forEach((row, i) => {
      if (i >= train.rows.length - nValid || random() < 0.5) {
        keep.rows.push(row);
        keep.labels.push(train.labels[i]);
      } else hidden.push(row);
    });
    const o = { ...options, seed: 1, validCount: nValid };
    const half = await scoreOurs(keep, test, o);
    const self = await trainSelfSupervised(keep, hidden, o);
    const selfAuc = aucRoc(
      ensembleLogits(self.ensemble, buildDesignMatrix(test.rows, self.ensemble.prep)),
      test.labels,
    );
    const all = await scoreOurs(train, test, o);
    [half.auc, selfAuc, all.auc].forEach((v, i) => cols[i].push(v));
    console.log(
      `| ${p} | ${f3(half.auc)} | ${f3(selfAuc)} | ${f3(all.auc)} | ${self.pseudoLabels.bug} bug / ${self.pseudoLabels.clean} clean of ${hidden.length} |`,
    );
  }
  const m = cols.map((c) => meanSd(c).mean);
  console.log(`| **mean** | ${f3(m[0])} | ${f3(m[1])} | ${f3(m[2])} | |\n`);
}

if (sections.has("borrow")) {
  console.log("## Within project + other projects' past (opt-in; seed 1; AUC)\n");
  console.log(
    "Training adds the other five projects' commits dated before this project's test period (weight 0.3);",
  );
  console.log(
    "the validation slice and the test rows are this project's only. Not the paper's WP setting.\n",
  );
  console.log("| project | WP only | WP + borrowed | borrowed rows |");
  console.log("|---|---|---|---|");
  const cols: number[][] = [[], []];
  for (const p of projects) {
    const d = byName.get(p)!;
    const { train, test } = splitAt(d);
    const testStart = d.times[train.rows.length];
    const nValid = Math.round(train.rows.length * 0.15);
    const items = d.rows
      .slice(0, train.rows.length - nValid)
      .map((row, i) => ({ row, y: d.labels[i], t: d.times[i], w: 1 }));
    for (const o of data) {
      if (o === d) continue;
      o.rows.forEach((row, i) => {
        if (o.times[i] < testStart) items.push({ row, y: o.labels[i], t: o.times[i], w: 0.3 });
      });
    }
    items.sort((a, b) => a.t - b.t);
    const tailRows = train.rows.slice(-nValid);
    const borrowed: LabeledRows = {
      rows: [...items.map((x) => x.row), ...tailRows],
      labels: [...items.map((x) => x.y), ...train.labels.slice(-nValid)],
      weights: [...items.map((x) => x.w), ...tailRows.map(() => 1)],
    };
    const wp = await scoreOurs(train, test, { ...options, seed: 1 });
    const both = await scoreOurs(borrowed, test, { ...options, seed: 1, validCount: nValid });
    cols[0].push(wp.auc);
    cols[1].push(both.auc);
    console.log(
      `| ${p} | ${f3(wp.auc)} | ${f3(both.auc)} | ${items.length - (train.rows.length - nValid)} |`,
    );
  }
  console.log(`| **mean** | ${f3(meanSd(cols[0]).mean)} | ${f3(meanSd(cols[1]).mean)} | |\n`);
}

if (sections.has("compare")) {
  const variants: [string, Partial<TrainOptions>][] = [
    ["MLP alone, weighted BCE", { members: ["mlp"] }],
    ["MLP alone, focal loss", { members: ["mlp"], mlp: { loss: "focal" }, balanceClasses: false }],
    ["MLP alone, SMOTE, plain BCE", { members: ["mlp"], oversample: "smote" }],
    ["GBT alone", { members: ["gbt"] }],
    ["wide LR alone", { members: ["logistic"] }],
    ["MLP + GBT (ours)", {}],
    ["MLP + GBT + wide LR", { members: ["mlp", "gbt", "logistic"] }],
    ["ours, 14 metrics only", { features: KAMEI_FEATURES }],
    ["ours, no refit, no recency", { refit: false, recencyHalfLife: 0 }],
  ];
  console.log(`## Ablations (mean AUC over the six projects, seed 1)\n`);
  console.log(`| variant | ${projects.join(" | ")} | mean |`);
  console.log(`|---|${projects.map(() => "---").join("|")}|---|`);
  for (const [name, o] of variants) {
    const aucs = [];
    for (const p of projects) {
      const { train, test } = splitAt(byName.get(p)!);
      aucs.push((await scoreOurs(train, test, { ...options, seed: 1, ...o })).auc);
    }
    console.log(`| ${name} | ${aucs.map(f3).join(" | ")} | **${f3(meanSd(aucs).mean)}** |`);
  }
  console.log();
}

console.log(`Total wall time ${((performance.now() - started) / 1000).toFixed(0)} s.`);

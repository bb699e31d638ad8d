/**
 * Time to answer `/defect explain`, GitHub mocked out (an in-memory port that answers at once), beside the
 * cost of the score itself, in the same run:
 *
 *   npm run bench:explain -- [--runs 30] [--files 20]
 *
 * 1. baseline: `model.predict` of the change and its files (what a score costs the model, no explanation);
 * 2. `explainScore` of that change (Owen–Shapley for the change and every file, hunk ranking, sentences);
 * 3. `/defect explain` answered from a stored score (SQLite file store, delivery record, render, post);
 * 4. `/defect explain path` (one file in depth) from a stored score;
 * 5. `/defect explain` before any score: scores first (the engine's `scoreChange` with the shipped model), then answers.
 * The model is the shipped default (models/default) with its training scaler means as the baseline.
 * Median and p95 over --runs after 3 warm-up runs; ratios against (1).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Change, ChangedFile } from "../src/change/types.js";
import type { FeatureValues } from "../src/features/types.js";
import { baselineFromScaler } from "../src/model/explain-baseline.js";
import { explainScore } from "../src/model/explain-score.js";
import { DEFAULT_MODEL_DIR, loadModelWithManifest } from "../src/model/load-model.js";
import { respondToCommand, type CommandGitHub } from "../src/pipeline/explain-pull-request.js";
import { scoreChange } from "../src/pipeline/score-change.js";
import type { ScoreResult } from "../src/report/types.js";
import { openSqliteStore } from "../src/store/sqlite/open-sqlite-store.js";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "30" }, files: { type: "string", default: "20" } },
});
const runs = Number(values.runs);
const fileCount = Number(values.files);
const HEAD = "b".repeat(40);

function syntheticFile(i: number): ChangedFile {
  const added = 5 + ((i * 37) % 120);
  const lines = Array.from({ length: added }, (_, j) => ({
    kind: "add" as const,
    oldLine: null,
    newLine: 10 + j,
    text: `  if (pool.size > ${j}) return acquire(${j});`,
  }));
  const hunk = {
    oldStart: 10,
    oldLines: 0,
    newStart: 10,
    newLines: added,
    section: "function acquire(size) {",
    lines,
    additions: added,
    deletions: 0,
  };
  return {
    path: `src/mod${i % 5}/file${i}.ts`,
    status: "modified",
    additions: added,
    deletions: 0,
    binary: false,
    hunks: [hunk],
  };
}

const files = Array.from({ length: fileCount }, (_, i) => syntheticFile(i));
const change: Change = {
  source: "github",
  repository: "bench/repo",
  number: 7,
  baseSha: "a".repeat(40),
  headSha: HEAD,
  title: "Rework the pool",
  body: "",
  author: { login: "ada" },
  createdAt: "2026-12-01T10:00:00Z",
  commits: [],
  files,
  totalFiles: files.length,
};
const la = files.reduce((s, f) => s + f.additions, 0);
const features: FeatureValues = {
  ns: 1,
  nd: 5,
  nf: fileCount,
  entropy: Math.log2(fileCount),
  la,
  ld: 0,
  lt: 8000,
  fix: 0,
  ndev: null,
  age: null,
  nuc: null,
  exp: null,
  rexp: null,
  sexp: null,
};
const fileFeatures = Object.fromEntries(
  files.map((f) => [f.path, { ...features, nf: 1, la: f.additions, lt: 400 }]),
);

const { model, manifest } = await loadModelWithManifest(DEFAULT_MODEL_DIR);
const baseline = baselineFromScaler(manifest.features);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-explain-"));
const store = openSqliteStore(path.join(tmp, "store.sqlite"));
const stored: ScoreResult = await scoreChange(change, { model, options: { baseline } });
const silent = { debug() {}, info() {}, warn() {} };
let posted = 0;
const github: CommandGitHub = {
  headSha: async () => HEAD,
  react: async () => {},
  reply: async () => {
    posted++;
  },
  postExplain: async () => {
    posted++;
  },
  hasWriteAccess: async () => true,
};
let delivery = 0;
const request = (body: string) => ({
  deliveryId: `d${delivery++}`,
  action: "created" as const,
  installationId: 1,
  owner: "bench",
  repo: "repo",
  number: 7,
  isPullRequest: true,
  commentId: delivery,
  body,
  sender: { login: "ada", type: "User" },
});
const deps = (from: typeof store) => ({
  store: from,
  queue: { enqueue: async () => ({ jobId: "x", outcome: "created" as const }) },
  // What the app's scoring job does before the answer: the engine's scoreChange (no check run: GitHub is mocked).
  scorePullRequest: () => scoreChange(change, { model, options: { baseline } }),
  log: silent,
});
await store.scores.save({
  repository: "bench/repo",
  headSha: HEAD,
  configHash: "c",
  modelVersion: model.version,
  number: 7,
  baseSha: change.baseSha,
  probability: stored.probability,
  band: stored.band,
  checkRunId: 1,
  deliveryId: null,
  result: stored,
});
const emptyStore = openSqliteStore(path.join(tmp, "empty.sqlite"));

async function time(
  label: string,
  run: () => Promise<unknown>,
): Promise<{ label: string; median: number; p95: number }> {
  for (let i = 0; i < 3; i++) await run();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await run();
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return {
    label,
    median: ms[Math.floor(ms.length / 2)],
    p95: ms[Math.min(ms.length - 1, Math.ceil(ms.length * 0.95) - 1)],
  };
}

const rows = [features, ...Object.values(fileFeatures)];
const results = [
  await time(`model.predict, ${rows.length} rows (baseline)`, () => model.predict(rows)),
  await time("explainScore (change + files + hunks)", () =>
    explainScore({ model, change, features, fileFeatures, baseline }),
  ),
  await time("/defect explain, stored score", () =>
    respondToCommand(request("/defect explain"), github, deps(store)),
  ),
  await time("/defect explain path, stored score", () =>
    respondToCommand(request(`/defect explain ${files[0].path}`), github, deps(store)),
  ),
  await time("/defect explain, score first", () =>
    respondToCommand(request("/defect explain"), github, deps(emptyStore)),
  ),
];
const base = results[0].median;
console.log(`model ${model.version} · ${fileCount} files · ${runs} runs · node ${process.version}`);
console.log("| step | median ms | p95 ms | × baseline |");
console.log("|---|---:|---:|---:|");
for (const r of results) {
  console.log(
    `| ${r.label} | ${r.median.toFixed(2)} | ${r.p95.toFixed(2)} | ${(r.median / base).toFixed(1)} |`,
  );
}
console.log(`(${posted} replies posted to the in-memory GitHub port)`);
await store.close();
await emptyStore.close();
fs.rmSync(tmp, { recursive: true, force: true });

/**
 * Replays a real repository's history in time order through the learning loop and compares, month by month,
 * the shipped default model with the model the loop had active at the time.
 *
 *   npx tsx bench/replay-repository.ts --repo /path/to/mirror.git [--repository apache/zeppelin]
 *        [--live-months 12] [--step-days 30] [--epochs 10] [--min-labels 200] [--work DIR] [--default-model DIR]
 *        [--tokens on|off]   (on, as in the app: commits are mined with diff tokens and scored with them)
 *
 * 1. A scratch bare repository borrows the mirror's objects (alternates) and shows only the history up to
 *    the replay clock (a ref moved forward in time), so mining and labelling never see the future.
 * 2. Bootstrap at the start of the live period (mine, label as of that day, train, promote or shadow).
 * 3. Each step: mine the new changes; score each with the shown model, the hidden shadow and the default
 *    model; label as of the step's end; evaluate the shadow; check drift; retrain when due.
 * 4. At the end, label once more as of the last commit and measure AUC on the live changes whose labels
 *    are known by then. Labels keep maturing after a change lands (SZZ needs the later fix), so this is the
 *    only fair ground truth; changes younger than the maturity window stay unlabeled and are not counted.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { decodeTokenCounts } from "../src/features/tokens/index.js";
import { checkDrift } from "../src/learning/check-drift.js";
import { compareModels, rocAuc } from "../src/learning/compare-models.js";
import { createLearningDeps } from "../src/learning/create-learning-deps.js";
import { learningSchema } from "../src/learning/learning-config.js";
import { resolveActiveModel } from "../src/learning/model-registry.js";
import { readLabelsFor } from "../src/learning/read-training-rows.js";
import { recordShadowScores } from "../src/learning/shadow-scoring.js";
import { runGit } from "../src/git/run-git.js";
import { loadModel } from "../src/model/load-model.js";
import { bootstrapRepository } from "../src/pipeline/bootstrap-repository.js";
import { evaluateActiveAgainstDefault, evaluateShadow } from "../src/pipeline/evaluate-shadow.js";
import { retrainRepository, shouldRetrain } from "../src/pipeline/retrain-repository.js";
import { openSqliteStore } from "../src/store/sqlite/open-sqlite-store.js";

const { values } = parseArgs({
  options: {
    repo: { type: "string" },
    repository: { type: "string", default: "apache/zeppelin" },
    "live-months": { type: "string", default: "12" },
    "step-days": { type: "string", default: "30" },
    epochs: { type: "string", default: "10" },
    "min-labels": { type: "string", default: "200" },
    work: { type: "string" },
    "default-model": { type: "string" },
    "shadow-max-days": { type: "string", default: "180" },
    "min-samples": { type: "string", default: "50" },
    tokens: { type: "string", default: "on" },
  },
});
if (values.tokens !== "on" && values.tokens !== "off") throw new Error("--tokens must be on or off");
const withTokens = values.tokens === "on";
if (!values.repo) throw new Error("--repo PATH (a clone or bare mirror) is required");
const DAY = 86_400;
const mirror = path.resolve(values.repo);
const work = values.work ?? fs.mkdtempSync(path.join(os.tmpdir(), "defect-replay-"));
fs.mkdirSync(work, { recursive: true });
const scratch = path.join(work, "replay.git");
const started = Date.now();
const log = (line: string) =>
  console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

// 1. The scratch repository and the first-parent timeline of the default branch.
const objects = fs.existsSync(path.join(mirror, "objects"))
  ? path.join(mirror, "objects")
  : path.join(mirror, ".git", "objects");
if (!fs.existsSync(path.join(scratch, "HEAD"))) {
  await runGit(["init", "--bare", "--quiet", scratch], { cwd: work });
  fs.writeFileSync(path.join(scratch, "objects", "info", "alternates"), objects + "\n");
}
const timeline = (await runGit(["rev-list", "--first-parent", "--format=%ct", "HEAD"], { cwd: mirror }))
  .trim()
  .split("\n")
  .reduce<{ sha: string; time: number }[]>((acc, line, i, all) => {
    if (line.startsWith("commit ")) acc.push({ sha: line.slice(7), time: Number(all[i + 1]) });
    return acc;
  }, [])
  .reverse();
async function reveal(time: number): Promise<void> {
  const last = [...timeline].reverse().find((c) => c.time <= time)!;
  await runGit(["update-ref", "refs/heads/replay", last.sha], { cwd: scratch });
  await runGit(["symbolic-ref", "HEAD", "refs/heads/replay"], { cwd: scratch });
}

const end = timeline[timeline.length - 1].time;
const stepDays = Number(values["step-days"]);
const liveStart = end - Number(values["live-months"]) * 30 * DAY;
const store = openSqliteStore(path.join(work, "replay.sqlite"));
let clock = new Date(liveStart * 1000);
const quiet = {
  info: () => {},
  warn: (o: unknown, m?: string) => log(`warn ${m ?? ""} ${JSON.stringify(o)}`),
};
const base = createLearningDeps({
  store,
  dataDir: work,
  now: () => clock,
  mirror: async () => scratch,
  log: quiet,
  tokens: withTokens,
});
const defaultDir = values["default-model"] ? path.resolve(values["default-model"]) : null;
const deps = defaultDir
  ? { ...base, defaultModel: async () => ({ model: await loadModel(defaultDir), dir: defaultDir }) }
  : base;
const repository = values.repository!;
const config = learningSchema.parse({
  minLabels: Number(values["min-labels"]),
  epochs: Number(values.epochs),
  historyWindowDays: 3650,
  shadowMaxDays: Number(values["shadow-max-days"]),
  promotion: { minSamples: Number(values["min-samples"]) },
});
const defaultModel = (await deps.defaultModel()).model;

// 2. Bootstrap at the start of the live period.
await reveal(liveStart);
log(
  `bootstrap as of ${clock.toISOString().slice(0, 10)} (${timeline.filter((c) => c.time <= liveStart).length} first-parent commits visible)`,
);
const boot = await bootstrapRepository(deps, repository, { config });
log(`bootstrap: ${boot.status}; ${boot.message}`);

// 3. Live months.
interface Scored {
  sha: string;
  time: number;
  shown: string;
  pShown: number;
  pDefault: number;
  /** Newest repository version's score (shadow or shown); null before the first one exists. */
  pRepo: number | null;
  repoVersion: string | null;
}
const scored: Scored[] = [];
const events: string[] = [`${clock.toISOString().slice(0, 10)} bootstrap: ${boot.message}`];
let from = liveStart;
while (from < end) {
  const to = Math.min(end, from + stepDays * DAY);
  await reveal(to);
  clock = new Date(to * 1000);
  await deps.mine(repository, scratch, { since: null });
  const shas = timeline.filter((c) => c.time > from && c.time <= to).map((c) => c.sha);
  for (const sha of shas) {
    const mined = await store.commits.getCommit(repository, sha);
    if (!mined) continue; // merges and commits with missing objects have no feature record
    // What the app's scoring sees: the change's features plus, as the registry computes them, its diff tokens.
    const features =
      withTokens && mined.tokens ? { ...mined.features, ...decodeTokenCounts(mined.tokens) } : mined.features;
    const { model, record } = await resolveActiveModel(
      store.models,
      repository,
      deps.loadModel,
      async () => defaultModel,
    );
    const [pShown] = await model.predict([features]);
    const [pDefault] = await defaultModel.predict([features]);
    const at = new Date(Date.parse(mined.date));
    const shadow = await recordShadowScores(
      {
        models: store.models,
        loadModel: deps.loadModel,
        now: () => at,
        defaultModel: async () => defaultModel,
      },
      {
        repository,
        headSha: sha,
        prNumber: null,
        features,
        shown: { modelVersion: model.version, probability: pShown },
      },
    );
    // "The repository model" at that moment: the newest trained version, shown or in shadow.
    const pRepo = shadow?.probability ?? (record ? pShown : null);
    const repoVersion = shadow?.modelVersion ?? record?.version ?? null;
    scored.push({
      sha,
      time: at.getTime() / 1000,
      shown: model.version,
      pShown,
      pDefault,
      pRepo,
      repoVersion,
    });
  }
  await deps.label(repository, scratch);
  const day = clock.toISOString().slice(0, 10);
  const shadow = await evaluateShadow(deps, repository, { config });
  if (shadow.verdict && shadow.placement !== "shadow")
    events.push(`${day} ${shadow.placement}: ${shadow.shadowVersion} — ${shadow.verdict.reason}`);
  const control = await evaluateActiveAgainstDefault(deps, repository, { config });
  if (control.rolledBack) events.push(`${day} rolled back to the default model: ${control.verdict!.reason}`);
  const drift = await checkDrift(store.models, repository, config.drift, clock);
  for (const a of drift.newAlerts)
    events.push(
      `${day} drift alert: ${a.feature} ${a.metric.toUpperCase()} ${a.value.toFixed(2)} (${a.sampleSize} PRs, ${a.modelVersion})`,
    );
  const due = await shouldRetrain(deps, repository, config);
  if (due.due) {
    const out = await retrainRepository(deps, repository, { config, trigger: due.reason });
    events.push(`${day} retrain (${due.reason}): ${out.message}`);
    if (out.status === "trained") await store.models.resolveDriftAlerts(repository, clock.toISOString());
  }
  log(
    `${day}: ${shas.length} commits, scored so far ${scored.length}, active ${(await store.models.getByStatus(repository, "active"))?.version ?? "default"}`,
  );
  from = to;
}

// 4. Ground truth as of the last commit, and the table.
clock = new Date(end * 1000);
await deps.label(repository, scratch);
const truth = await readLabelsFor(
  store,
  repository,
  scored.map((s) => ({ headSha: s.sha, prNumber: null })),
);
const rows: string[] = [
  "| period | changes | labelled | bug-inducing | AUC default | AUC repository model | AUC shown | shown by | repository model |",
  "|---|---|---|---|---|---|---|---|---|",
];
const periods = new Map<string, Scored[]>();
for (const s of scored) {
  const d = new Date(s.time * 1000);
  const key = `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
  periods.set(key, [...(periods.get(key) ?? []), s]);
}
const short = (v: string) => (v.startsWith("default") ? "default" : v.replace(/-\d{4}\.\d\d\.\d\d-\w+$/, ""));
const line = (name: string, list: Scored[]) => {
  const known = list.filter((s) => truth.has(s.sha));
  const y = known.map((s) => truth.get(s.sha)!);
  const auc = (items: Scored[], p: (s: Scored) => number | null) => {
    const pairs = items.filter((s) => p(s) !== null);
    const labels = pairs.map((s) => truth.get(s.sha)!);
    if (!labels.includes(0) || !labels.includes(1)) return "n/a";
    const value = rocAuc(
      labels,
      pairs.map((s) => p(s)!),
    ).toFixed(3);
    return pairs.length < items.length ? `${value} (${pairs.length})` : value;
  };
  const shownBy = [...new Set(list.map((s) => short(s.shown)))].join(", ");
  const repoBy = [...new Set(list.map((s) => (s.repoVersion ? short(s.repoVersion) : "-")))].join(", ");
  rows.push(
    `| ${name} | ${list.length} | ${known.length} | ${y.filter((v) => v === 1).length} | ${auc(known, (s) => s.pDefault)} | ` +
      `${auc(known, (s) => s.pRepo)} | ${auc(known, (s) => s.pShown)} | ${shownBy} | ${repoBy} |`,
  );
};
for (const [key, list] of [...periods].sort()) line(key, list);
line(
  "last 12 months",
  scored.filter((s) => s.time > end - 365 * DAY),
);
line("all live months", scored);
console.log(
  `\nReplay of ${repository}: live from ${new Date(liveStart * 1000).toISOString().slice(0, 10)} to ${new Date(end * 1000).toISOString().slice(0, 10)}, step ${stepDays} days; labels as of the last commit.\n`,
);
console.log(rows.join("\n"));
for (const [name, list] of [
  ["last 12 months", scored.filter((s) => s.time > end - 365 * DAY)],
  ["all live months", scored],
] as const) {
  const known = list.filter((s) => truth.has(s.sha) && s.pRepo !== null);
  const y = known.map((s) => truth.get(s.sha)!);
  const shown = compareModels(
    y,
    known.map((s) => s.pDefault),
    known.map((s) => s.pShown),
  );
  const repo = compareModels(
    y,
    known.map((s) => s.pDefault),
    known.map((s) => s.pRepo!),
  );
  const fmt = (c: typeof shown) =>
    `AUC ${c.aucCandidate.toFixed(3)} vs default ${c.aucCurrent.toFixed(3)} (DeLong one-sided p better=${c.aucPValue.toFixed(3)}, ` +
    `worse=${(1 - c.aucPValue).toFixed(3)}), Brier ${c.brierCandidate.toFixed(3)} vs ${c.brierCurrent.toFixed(3)}`;
  console.log(
    `\n${name}, ${known.length} labelled changes: shown ${fmt(shown)}; newest repository model ${fmt(repo)}`,
  );
}
const alerts = await store.models.listDriftAlerts(repository);
const byFeature = new Map<string, { count: number; max: number; first: string }>();
for (const a of alerts) {
  const f = byFeature.get(a.feature) ?? { count: 0, max: 0, first: a.raisedAt.slice(0, 10) };
  byFeature.set(a.feature, { count: f.count + 1, max: Math.max(f.max, a.value), first: f.first });
}
console.log("\n| drift alerts | times raised | first | max PSI/KL |\n|---|---|---|---|");
for (const [feature, f] of [...byFeature].sort((a, b) => b[1].count - a[1].count)) {
  console.log(`| ${feature} | ${f.count} | ${f.first} | ${f.max.toFixed(2)} |`);
}
console.log("\nEvents (promotions, rejections, retrains, drift alerts):");
for (const e of events) console.log(`- ${e}`);
console.log(`\nWall time ${((Date.now() - started) / 1000).toFixed(0)} s; scratch data in ${work}`);
await store.close();

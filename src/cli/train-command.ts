import { ensureBackend, hasNativeBackend } from "../model/backend.js";
import { ensembleProbabilities, MEMBER_KINDS } from "../model/ensemble.js";
import { effortOf, evaluatePredictions } from "../model/evaluate-predictions.js";
import { chooseFeatures } from "../model/feature-schema.js";
import { formatMetricsText } from "../model/format-metrics.js";
import { datasetFeatureNames, loadTrainingData } from "../model/load-training-data.js";
import { buildDesignMatrix } from "../model/preprocess.js";
import { saveEnsemble } from "../model/save-model.js";
import { trainSelfSupervised } from "../model/self-train.js";
import { splitDataset, timeOrder } from "../model/split-dataset.js";
import { DEFAULT_TRAIN_OPTIONS, type TrainOptions, trainEnsemble } from "../model/train-ensemble.js";
import { DEFAULT_BAND_POLICY } from "../model/choose-thresholds.js";
import type { CliCommand } from "./main.js";

const USAGE = `Usage: defect train (--dataset FILE.csv | --db FILE) --out DIR [options]

Trains a model, evaluates it on the most recent changes, and writes model.json, weights and manifest.json to DIR.
  --dataset FILE.csv     LApredict/McIntosh, Kamei 2013 or ApacheJIT columns (any letter case)
  --columns a=b,...      map other column names, e.g. --columns isBuggy=bug,when=date
  --db FILE              the store written by \`defect mine\` + \`defect label\` [--repository NAME] [--tokens: adds the token bag]
  --protocol time        sort by date, train on the oldest, test on the newest (default)
  --protocol random      random split (optimistic; only with this flag, and the output says so)
  --test-fraction F      share of rows held out for the test (default 0.2; 0 = train on everything)
  --gap DAYS             labelling delay: drop training rows from the last DAYS before the test period
  --members LIST         any of mlp,gbt,forest,logistic (default: ${DEFAULT_TRAIN_OPTIONS.members.join(",")})
  --loss bce|focal       network loss (default bce, class-weighted)
  --oversample smote     SMOTE-style oversampling of the minority class (default none)
  --calibration platt|isotonic    (default platt, fitted on the most recent 15 % of training rows)
  --alert-rate R         "medium" band flags the riskiest R of validation changes (default 0.3)
  --target-precision P   "high" band: lowest threshold with validation precision >= P (default 0.6)
  --semi-supervised      self-train on the store's unlabeled commits (--db only)
  --seed N               (default 1)   --name NAME   version prefix (default: model)
  --logdir DIR           TensorBoard logs (needs @tensorflow/tfjs-node)
  --format text|json`;

/** Parses the shared model options of train-like commands. */
function trainOptions(v: Record<string, unknown>): Partial<TrainOptions> {
  const members = String(v.members ?? DEFAULT_TRAIN_OPTIONS.members.join(",")).split(
    ",",
  ) as TrainOptions["members"];
  for (const m of members)
    if (!MEMBER_KINDS.includes(m))
      throw new Error(`--members: unknown member "${m}" (use ${MEMBER_KINDS.join(", ")})`);
  const loss = String(v.loss ?? "bce");
  if (loss !== "bce" && loss !== "focal") throw new Error(`--loss must be bce or focal, not "${loss}"`);
  const oversample = String(v.oversample ?? "none");
  if (oversample !== "none" && oversample !== "smote") throw new Error(`--oversample must be none or smote`);
  const calibration = String(v.calibration ?? "platt");
  if (calibration !== "platt" && calibration !== "isotonic")
    throw new Error(`--calibration must be platt or isotonic`);
  const bandPolicy = {
    ...DEFAULT_BAND_POLICY,
    mediumAlertRate: Number(v["alert-rate"] ?? DEFAULT_BAND_POLICY.mediumAlertRate),
    highPrecision: Number(v["target-precision"] ?? DEFAULT_BAND_POLICY.highPrecision),
  };
  if (!(bandPolicy.mediumAlertRate > 0 && bandPolicy.mediumAlertRate < 1))
    throw new Error("--alert-rate must be in (0, 1)");
  if (!(bandPolicy.highPrecision > 0 && bandPolicy.highPrecision <= 1))
    throw new Error("--target-precision must be in (0, 1]");
  return { members, mlp: { loss }, oversample, calibration, bandPolicy, seed: Number(v.seed ?? 1) };
}

async function tensorBoardCallback(
  logdir: string | undefined,
): Promise<((epoch: number, auc: number) => void) | undefined> {
  if (!logdir) return undefined;
  if (!hasNativeBackend()) {
    console.error(
      "defect train: --logdir needs @tensorflow/tfjs-node (not installed here); training without TensorBoard logs.",
    );
    return undefined;
  }
  const node = (await import(/* @vite-ignore */ "@tensorflow/tfjs-node" as string)) as {
    node: { summaryFileWriter(dir: string): { scalar(name: string, value: number, step: number): void } };
  };
  const writer = node.node.summaryFileWriter(logdir);
  return (epoch, auc) => writer.scalar("valid_auc", auc, epoch);
}

export const command: CliCommand = {
  summary: "train a model from a CSV dataset or the store",
  usage: USAGE,
  options: {
    dataset: { type: "string" },
    db: { type: "string" },
    repository: { type: "string" },
    tokens: { type: "boolean" },
    columns: { type: "string" },
    out: { type: "string" },
    protocol: { type: "string", default: "time" },
    "test-fraction": { type: "string", default: "0.2" },
    gap: { type: "string", default: "0" },
    members: { type: "string" },
    loss: { type: "string" },
    oversample: { type: "string" },
    calibration: { type: "string" },
    "semi-supervised": { type: "boolean" },
    "alert-rate": { type: "string" },
    "target-precision": { type: "string" },
    seed: { type: "string", default: "1" },
    name: { type: "string", default: "model" },
    logdir: { type: "string" },
    format: { type: "string", default: "text" },
  },
  async run(v) {
    if (!v.out) throw new Error("--out DIR is required (where to write the model)");
    if (v.protocol !== "time" && v.protocol !== "random")
      throw new Error(`--protocol must be time or random`);
    if (v.format !== "text" && v.format !== "json") throw new Error(`--format must be text or json`);
    const started = Date.now();
    const backend = await ensureBackend();
    const data = await loadTrainingData({
      dataset: v.dataset as string | undefined,
      db: v.db as string | undefined,
      columns: v.columns as string | undefined,
      repository: v.repository as string | undefined,
      tokens: v.tokens as boolean | undefined,
    });
    const testFraction = Number(v["test-fraction"]);
    if (!(testFraction >= 0 && testFraction < 1)) throw new Error("--test-fraction must be in [0, 1)");
    const order = timeOrder(data.dataset);
    const split =
      testFraction > 0
        ? splitDataset(data.dataset, {
            protocol: v.protocol as "time" | "random",
            testFraction,
            gapDays: Number(v.gap),
            seed: Number(v.seed),
          })
        : {
            train: {
              rows: order.map((i) => data.dataset.rows[i]),
              labels: order.map((i) => data.dataset.labels[i]),
            },
            test: { rows: [], labels: [] },
            description: "time order, every row trains (no test)",
          };
    const train = split.train;
    const features = chooseFeatures(datasetFeatureNames(data.dataset));
    const onEpoch = await tensorBoardCallback(v.logdir as string | undefined);
    const options: Partial<TrainOptions> = { ...trainOptions(v), features, tokens: data.hasTokens };
    // With diff tokens the default ensemble adds the token bag (docs/model.md: +0.009 mean AUC where tokens exist).
    if (data.hasTokens && v.members === undefined)
      options.members = [...DEFAULT_TRAIN_OPTIONS.members, "bag"];
    options.mlp = { ...options.mlp, onEpoch };
    if (v["semi-supervised"] && data.unlabeled.length === 0) {
      console.error(
        "defect train: --semi-supervised has no unlabeled changes to use (CSV datasets are fully labelled); training without it.",
      );
    }
    const result =
      v["semi-supervised"] && data.unlabeled.length > 0
        ? await trainSelfSupervised(train, data.unlabeled, options)
        : await trainEnsemble(train, options);
    const { ensemble } = result;
    const metrics: Record<string, number | string | null> = { split: split.description };
    let evaluation;
    if (testFraction > 0) {
      const probs = ensembleProbabilities(ensemble, buildDesignMatrix(split.test.rows, ensemble.prep));
      evaluation = evaluatePredictions(
        probs,
        split.test.labels,
        split.test.rows.map(effortOf),
        ensemble.bands.medium,
        ensemble.bands.high,
      );
      Object.assign(metrics, evaluation);
    }
    const manifest = await saveEnsemble(ensemble, v.out as string, {
      name: v.name as string,
      metrics,
      dataCard: {
        source: data.source,
        rows: data.dataset.rows.length,
        mapping: data.dataset.mapping,
        absentFeatures: data.dataset.absentFeatures,
      },
      training: {
        ...result.info,
        backend: backend.name,
        seconds: (Date.now() - started) / 1000,
        options: JSON.parse(JSON.stringify({ ...options, features: undefined })),
      },
    });
    if (v.format === "json") {
      console.log(
        JSON.stringify(
          {
            version: manifest.version,
            out: v.out,
            split: split.description,
            metrics: evaluation ?? null,
            training: result.info,
          },
          null,
          2,
        ),
      );
    } else {
      console.log(
        `Trained ${manifest.version} → ${v.out} (${manifest.members.join(" + ")}, ${features.length} features, ${backend.name}, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
      console.log(`Split: ${split.description}`);
      if (evaluation) console.log(formatMetricsText(evaluation));
      console.log(
        `Bands: medium ≥ ${manifest.bands.medium.toFixed(3)}, high ≥ ${manifest.bands.high.toFixed(3)}`,
      );
    }
    return 0;
  },
};

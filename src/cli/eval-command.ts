import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { ensembleProbabilities } from "../model/ensemble.js";
import { effortOf, evaluatePredictions } from "../model/evaluate-predictions.js";
import { formatMetricsText } from "../model/format-metrics.js";
import { loadModelWithManifest } from "../model/load-model.js";
import { loadTrainingData } from "../model/load-training-data.js";
import { buildDesignMatrix } from "../model/preprocess.js";
import { renderEvalReport } from "../model/render-eval-report.js";
import { splitDataset } from "../model/split-dataset.js";
import type { CliCommand } from "./main.js";

const USAGE = `Usage: defect eval --model DIR (--dataset FILE.csv | --db FILE) [options]

Scores labelled changes with a saved model and prints every metric.
  --model DIR            a directory written by \`defect train\` (or models/default)
  --dataset FILE.csv     [--columns a=b,...]   or   --db FILE [--repository NAME]
  --test-fraction F      evaluate the most recent F of rows by date (default 0.2, the training split's test part);
                         1 = every row (a dataset the model never saw)
  --protocol random      pick the test rows at random instead (optimistic; the output says so) [--seed N]
  --threshold P          decision threshold for precision/recall/F1/MCC (default: the model's "medium" band)
  --format text|json     json holds every metric by name (auc, prAuc, brier, f1, mcc, popt, ...)
  --report DIR           also write DIR/report.html: ROC, PR and calibration curves and the score histogram`;

export const command: CliCommand = {
  summary: "evaluate a saved model on a CSV dataset or the store",
  usage: USAGE,
  options: {
    model: { type: "string" },
    dataset: { type: "string" },
    db: { type: "string" },
    repository: { type: "string" },
    columns: { type: "string" },
    protocol: { type: "string", default: "time" },
    "test-fraction": { type: "string", default: "0.2" },
    seed: { type: "string", default: "1" },
    threshold: { type: "string" },
    format: { type: "string", default: "text" },
    report: { type: "string" },
  },
  async run(v) {
    if (!v.model) throw new Error("--model DIR is required (a directory written by `defect train`)");
    if (v.format !== "text" && v.format !== "json") throw new Error("--format must be text or json");
    if (v.protocol !== "time" && v.protocol !== "random")
      throw new Error("--protocol must be time or random");
    const fraction = Number(v["test-fraction"]);
    if (!(fraction > 0 && fraction <= 1)) throw new Error("--test-fraction must be in (0, 1]");
    const { ensemble, manifest } = await loadModelWithManifest(v.model as string);
    const data = await loadTrainingData({
      dataset: v.dataset as string | undefined,
      db: v.db as string | undefined,
      columns: v.columns as string | undefined,
      repository: v.repository as string | undefined,
      tokens: manifest.tokens,
    });
    const split =
      fraction === 1
        ? { test: data.dataset, description: `all ${data.dataset.rows.length} rows` }
        : splitDataset(data.dataset, {
            protocol: v.protocol as "time" | "random",
            testFraction: fraction,
            seed: Number(v.seed),
          });
    const probs = ensembleProbabilities(ensemble, buildDesignMatrix(split.test.rows, ensemble.prep));
    const threshold = v.threshold === undefined ? manifest.bands.medium : Number(v.threshold);
    if (!(threshold >= 0 && threshold <= 1)) throw new Error("--threshold must be a probability in [0, 1]");
    const metrics = evaluatePredictions(
      probs,
      split.test.labels,
      split.test.rows.map(effortOf),
      threshold,
      manifest.bands.high,
    );
    if (v.report) {
      await mkdir(v.report as string, { recursive: true });
      const file = path.join(v.report as string, "report.html");
      const title = `Evaluation of ${manifest.version} on ${path.basename(data.source)}`;
      await writeFile(
        file,
        renderEvalReport({
          title,
          modelVersion: manifest.version,
          splitDescription: split.description,
          metrics,
          probs,
          labels: split.test.labels,
        }),
      );
      if (v.format === "text") console.log(`Report: ${file}`);
    }
    if (v.format === "json") {
      console.log(
        JSON.stringify(
          { model: manifest.version, data: data.source, split: split.description, ...metrics },
          null,
          2,
        ),
      );
    } else {
      console.log(`Model ${manifest.version} on ${data.source}`);
      console.log(`Split: ${split.description}`);
      console.log(formatMetricsText(metrics));
    }
    return 0;
  },
};

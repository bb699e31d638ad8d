import path from "node:path";
import { createLearningDeps } from "../learning/create-learning-deps.js";
import { learningSchema } from "../learning/learning-config.js";
import { bootstrapRepository } from "../pipeline/bootstrap-repository.js";
import { repositoryNameOf } from "../pipeline/label-repository.js";
import { createStore, defaultDatabaseFile } from "../store/index.js";
import type { CliCommand } from "./main.js";

const USAGE = `Usage: defect bootstrap --repo PATH [--db FILE] [--data-dir DIR] [--repository NAME]
                        [--min-labels N] [--window-days N] [--epochs N] [--restart] [--json]

Learns a local repository: mines its history, labels it (SZZ, reverts, outcomes), and when there are enough
labels trains a repository model warm-started from the shipped default model. The model is promoted when it
beats the default model on a time-ordered holdout; otherwise it waits in shadow. Every step is checkpointed:
run the same command again after an interruption and it resumes where it stopped.
  --repo PATH          local clone or bare mirror (required)
  --db FILE            SQLite store (default: $DEFECT_DATA_DIR/defect-predictor.sqlite or ./data/…)
  --data-dir DIR       where models go: DIR/models/<owner>/<repo>/<version>/ (default: $DEFECT_DATA_DIR or ./data)
  --repository NAME    name to store everything under (default: owner/name of a GitHub origin, else the path)
  --min-labels N       labelled changes needed to train (default 200)
  --window-days N      only history newer than N days (default 1095)
  --epochs N           fine-tuning epochs (default 20)
  --tokens             mine diff tokens and add the token bag to the repository model
  --restart            start a new bootstrap run instead of resuming the last one
  --json               print the outcome as JSON`;

function positiveInt(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`--${name} must be a whole number, got "${String(value)}"`);
  return n;
}

export const command: CliCommand = {
  summary: "Learn a repository: mine, label and train a repository model (resumable)",
  usage: USAGE,
  options: {
    repo: { type: "string" },
    db: { type: "string" },
    "data-dir": { type: "string" },
    repository: { type: "string" },
    "min-labels": { type: "string" },
    "window-days": { type: "string" },
    epochs: { type: "string" },
    tokens: { type: "boolean" },
    restart: { type: "boolean" },
    json: { type: "boolean" },
  },
  async run(values) {
    if (typeof values.repo !== "string") {
      console.error(`defect bootstrap: --repo PATH is required.\n\n${USAGE}`);
      return 2;
    }
    const repoPath = path.resolve(values.repo);
    const config = learningSchema.parse({
      ...(values["min-labels"] !== undefined && {
        minLabels: positiveInt("min-labels", values["min-labels"]),
      }),
      ...(values["window-days"] !== undefined && {
        historyWindowDays: positiveInt("window-days", values["window-days"]),
      }),
      ...(values.epochs !== undefined && { epochs: positiveInt("epochs", values.epochs) }),
    });
    const dataDir = (values["data-dir"] as string | undefined) ?? process.env.DEFECT_DATA_DIR ?? "data";
    const store = await createStore({ file: (values.db as string | undefined) ?? defaultDatabaseFile() });
    try {
      const repository = (values.repository as string | undefined) ?? (await repositoryNameOf(repoPath));
      const deps = createLearningDeps({
        store,
        dataDir,
        mirror: async () => repoPath,
        tokens: values.tokens === true,
      });
      const outcome = await bootstrapRepository(deps, repository, {
        config,
        runKey: values.restart ? `bootstrap@${new Date().toISOString()}` : undefined,
      });
      if (values.json) console.log(JSON.stringify(outcome, null, 2));
      else {
        console.log(`Bootstrap of ${repository}: ${outcome.status}`);
        console.log(`  commits mined ${outcome.commits}, labels ${outcome.labels}`);
        console.log(`  ${outcome.message}`);
        if (outcome.status === "trained")
          console.log(`  see all versions: defect models list --repository ${repository}`);
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};

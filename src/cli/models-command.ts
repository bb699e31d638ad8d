import path from "node:path";
import { createLearningDeps } from "../learning/create-learning-deps.js";
import { promoteVersion, rollbackRepository } from "../learning/model-registry.js";
import { evaluateShadow } from "../pipeline/evaluate-shadow.js";
import { repositoryNameOf } from "../pipeline/label-repository.js";
import { retrainRepository } from "../pipeline/retrain-repository.js";
import type { ModelStore } from "../store/models.js";
import { createStore, defaultDatabaseFile } from "../store/index.js";
import type { CliCommand } from "./main.js";

const USAGE = `Usage: defect models list|promote|rollback|retrain|evaluate (--repo PATH | --repository NAME) [--db FILE]

  list       every version of the repository's model (active, shadow, retired, rejected), the promotion
             decisions with their evidence, open drift alerts and the learning runs
  promote    --version V: make V active now (recorded as a manual promotion)
  rollback   retire the active version and bring back the one it replaced (or the default model)
  retrain    train a candidate now (warm-started from the active model); it shadows unless nothing is active
  evaluate   compare the shadow candidate with the active model on matured labels, promote or reject it
  --db FILE  SQLite store (default: $DEFECT_DATA_DIR/defect-predictor.sqlite or ./data/…)
  --data-dir DIR  where models go (default: $DEFECT_DATA_DIR or ./data)
  --json     machine-readable output (list)`;

const fmt = (x: unknown) => (typeof x === "number" && Number.isFinite(x) ? x.toFixed(3) : "-");

/** The `list` view: versions, decisions, alerts, runs. */
export async function formatModelList(models: ModelStore, repository: string): Promise<string> {
  const versions = await models.listVersions(repository);
  const lines = [
    `Models of ${repository}${versions.some((v) => v.status === "active") ? "" : " (scored by the shipped default model)"}`,
  ];
  lines.push(
    "  version                                          status    created     holdout AUC (default)  Brier (default)",
  );
  for (const v of versions) {
    lines.push(
      `  ${v.version.padEnd(48)} ${v.status.padEnd(9)} ${v.createdAt.slice(0, 10)}  ${fmt(v.metrics.auc)} (${fmt(v.metrics.baseAuc)})          ${fmt(v.metrics.brier)} (${fmt(v.metrics.baseBrier)})`,
    );
  }
  const decisions = await models.listDecisions(repository, 10);
  if (decisions.length) lines.push("", "Decisions (newest first):");
  for (const d of decisions)
    lines.push(`  ${d.decidedAt.slice(0, 16)} ${d.action.padEnd(14)} ${d.version}: ${d.reason}`);
  const alerts = await models.openDriftAlerts(repository);
  if (alerts.length) lines.push("", "Open drift alerts:");
  for (const a of alerts)
    lines.push(
      `  ${a.raisedAt.slice(0, 16)} ${a.feature} ${a.metric.toUpperCase()} ${fmt(a.value)} > ${a.threshold} (${a.sampleSize} PRs, ${a.modelVersion})`,
    );
  const runs = await models.listRuns(repository);
  if (runs.length) lines.push("", "Learning runs:");
  for (const r of runs) {
    const steps = await models.listSteps(repository, r.runKey);
    lines.push(`  ${r.runKey}: ${steps.map((s) => `${s.step} ${s.status}`).join(" → ")}`);
  }
  return lines.join("\n");
}

export const command: CliCommand = {
  summary: "List, promote, roll back, retrain or evaluate a repository's models",
  usage: USAGE,
  options: {
    repo: { type: "string" },
    repository: { type: "string" },
    db: { type: "string" },
    "data-dir": { type: "string" },
    version: { type: "string" },
    json: { type: "boolean" },
  },
  async run(values, positionals) {
    const action = positionals[0];
    if (!["list", "promote", "rollback", "retrain", "evaluate"].includes(action ?? "")) {
      console.error(
        `defect models: say what to do (list, promote, rollback, retrain, evaluate).\n\n${USAGE}`,
      );
      return 2;
    }
    if (typeof values.repo !== "string" && typeof values.repository !== "string") {
      console.error(`defect models: --repo PATH or --repository NAME is required.\n\n${USAGE}`);
      return 2;
    }
    const repoPath = typeof values.repo === "string" ? path.resolve(values.repo) : null;
    const repository = (values.repository as string | undefined) ?? (await repositoryNameOf(repoPath!));
    const store = await createStore({ file: (values.db as string | undefined) ?? defaultDatabaseFile() });
    const dataDir = (values["data-dir"] as string | undefined) ?? process.env.DEFECT_DATA_DIR ?? "data";
    try {
      const now = new Date();
      switch (action) {
        case "list":
          if (values.json) {
            const [versions, decisions, alerts] = await Promise.all([
              store.models.listVersions(repository),
              store.models.listDecisions(repository),
              store.models.openDriftAlerts(repository),
            ]);
            console.log(JSON.stringify({ repository, versions, decisions, alerts }, null, 2));
          } else console.log(await formatModelList(store.models, repository));
          return 0;
        case "promote":
          if (typeof values.version !== "string") {
            console.error("defect models promote: --version V is required (see `defect models list`).");
            return 2;
          }
          await promoteVersion(store.models, {
            repository,
            version: values.version,
            action: "manual-promote",
            reason: "promoted by hand with `defect models promote`",
            evidence: {},
            at: now,
          });
          console.log(`${values.version} is now active for ${repository}.`);
          return 0;
        case "rollback": {
          const back = await rollbackRepository(store.models, repository, now);
          console.log(`${repository} is now scored by ${back ?? "the shipped default model"}.`);
          return 0;
        }
        default: {
          const deps = createLearningDeps({ store, dataDir, mirror: async () => repoPath ?? repository });
          const out =
            action === "retrain"
              ? (await retrainRepository(deps, repository, { trigger: "defect models retrain" })).message
              : ((await evaluateShadow(deps, repository)).verdict?.reason ??
                "no shadow candidate to evaluate");
          console.log(out);
          return 0;
        }
      }
    } finally {
      await store.close();
    }
  },
};

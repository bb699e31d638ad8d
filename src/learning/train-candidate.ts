import fs from "node:fs/promises";
import path from "node:path";
import { chooseBands } from "../model/choose-thresholds.js";
import type { RiskModel } from "../model/types.js";
import type { ModelVersionRecord } from "../store/models.js";
import { brierScore, rocAuc } from "./compare-models.js";
import { buildDriftReference } from "./drift.js";
import type { LearningConfig } from "./learning-config.js";
import { nextVersionName, repositoryModelDir, repositoryModelsRoot } from "./model-registry.js";
import type { EvaluationSet } from "./promotion-policy.js";
import { runStep, type StepScope } from "./run-step.js";
import type { LearningDeps, TrainingRow } from "./types.js";

/** Not enough labelled history to train: recorded so the check run can say so. */
export class NotEnoughLabelsError extends Error {
  override name = "NotEnoughLabelsError";
  constructor(
    readonly labelled: number,
    readonly positives: number,
    readonly needed: { labels: number; positives: number },
  ) {
    super(
      `${labelled} labelled changes (${positives} bug-inducing) in the history window; a repository model needs ` +
        `${needed.labels} (${needed.positives} bug-inducing). The shipped default model keeps scoring until then.`,
    );
  }
}

/** The model a candidate is compared with and warm-started from. */
export interface BaseModel {
  model: RiskModel;
  dir: string;
  /** Null when it is the shipped default model. */
  record: ModelVersionRecord | null;
}

/** A trained, evaluated and registered candidate. */
export interface CandidateOutcome extends Record<string, unknown> {
  version: string;
  holdout: EvaluationSet;
}

/** Training features kept for drift: token buckets are too many and too sparse to bin. */
function driftFeatures(model: RiskModel): string[] {
  return model.featureNames.filter((n) => !n.startsWith("tok_"));
}

/**
 * Trains a candidate warm-started from `base` on every labelled change in the window (old and new together,
 * so what was learnt before is replayed, not forgotten), holding out the most recent share by time — never
 * at random, since the model will only ever score changes newer than its training data — and tests both
 * models on that holdout. Each step is checkpointed; training is split into `config.checkpoints` parts,
 * each warm-started from the previous part, so a restart loses at most one part.
 */
export async function trainCandidate(
  scope: StepScope,
  deps: LearningDeps,
  config: LearningConfig,
  base: BaseModel,
  trigger: string,
): Promise<CandidateOutcome> {
  const since = new Date(deps.now().getTime() - config.historyWindowDays * 86_400_000).toISOString();

  // 1. Fix the split once; a resumed run trains on the same cut even if labels arrived meanwhile.
  const split = await runStep(scope, "split", async () => {
    const rows = await deps.readRows(scope.repository, { since });
    const labelled = rows.filter((r) => r.label !== null);
    const positives = labelled.filter((r) => r.label === 1).length;
    if (labelled.length < config.minLabels || positives < config.minPositives) {
      throw new NotEnoughLabelsError(labelled.length, positives, {
        labels: config.minLabels,
        positives: config.minPositives,
      });
    }
    const cut = labelled[Math.floor(labelled.length * (1 - config.holdoutFraction))];
    const name = nextVersionName(scope.repository, await deps.store.models.listVersions(scope.repository));
    return {
      since,
      holdoutFrom: cut.date,
      labelled: labelled.length,
      positives,
      unlabeled: rows.length - labelled.length,
      name,
    };
  });
  const rows = await deps.readRows(scope.repository, { since: split.since });
  const train = rows.filter((r) => r.date < split.holdoutFrom);
  const holdoutRows = rows.filter((r) => r.date >= split.holdoutFrom && r.label !== null);
  const root = repositoryModelsRoot(deps.dataDir, scope.repository);
  const staging = path.join(root, ".staging", `${split.name}-${scope.runKey}`);

  // 2. Train in parts, each warm-started from the last finished one, in a staging folder.
  const perPart = Math.max(1, Math.round(config.epochs / config.checkpoints));
  let from = base.dir;
  let trained = { dir: "", version: "" };
  for (let part = 1; part <= config.checkpoints; part++) {
    const outDir = `${staging}.part${part}`;
    const done = await runStep(scope, `train-${part}/${config.checkpoints}`, async () => {
      await fs.rm(outDir, { recursive: true, force: true }); // a part that died half-way left a partial folder
      const { version } = await deps.train({
        rows: train,
        warmStartDir: from,
        outDir,
        name: split.name,
        epochs: perPart,
        seed: part,
      });
      return { dir: outDir, version, rows: train.length };
    });
    from = done.dir as string;
    trained = { dir: done.dir as string, version: done.version as string };
  }

  // The finished artifacts move to <root>/<version>/; the rename is the commit point of training.
  const placed = await runStep(scope, "place", async () => {
    const dir = repositoryModelDir(deps.dataDir, scope.repository, trained.version);
    const exists = await fs.stat(dir).then(
      () => true,
      () => false,
    );
    if (!exists) await fs.rename(trained.dir, dir);
    for (let part = 1; part <= config.checkpoints; part++) {
      await fs.rm(`${staging}.part${part}`, { recursive: true, force: true });
    }
    return { dir, version: trained.version };
  });
  const dir = placed.dir as string;
  const version = placed.version as string;

  // 3. Both models on the same time-ordered holdout; drift reference from the training rows.
  const evaluated = await runStep(scope, "evaluate", async () => {
    const candidate = await deps.loadModel(dir);
    const labels = holdoutRows.map((r) => r.label as number);
    const holdout: EvaluationSet = {
      labels,
      current: await base.model.predict(holdoutRows.map((r) => r.features)),
      candidate: await candidate.predict(holdoutRows.map((r) => r.features)),
    };
    const recentTrain = train.slice(-2000);
    const trainScores = await candidate.predict(recentTrain.map((r) => r.features));
    const reference = buildDriftReference(
      recentTrain.map((r) => r.features),
      driftFeatures(candidate),
      trainScores,
    );
    return { holdout, reference, bands: chooseBands(holdout.candidate, labels) };
  });

  // 4. Register the version (kept forever, whatever the decision).
  const holdout = evaluated.holdout as EvaluationSet;
  await runStep(scope, "register", async () => {
    await deps.store.models.saveVersion({
      repository: scope.repository,
      version: version,
      status: "candidate",
      artifactDir: dir,
      parentVersion: base.model.version,
      bands: evaluated.bands as ModelVersionRecord["bands"],
      metrics: holdoutMetrics(holdout),
      training: {
        trigger,
        since: split.since,
        holdoutFrom: split.holdoutFrom,
        labelled: split.labelled,
        positives: split.positives,
        unlabeled: split.unlabeled,
        trainRows: train.length,
        epochs: perPart * config.checkpoints,
        driftReference: evaluated.reference,
      },
      createdAt: deps.now().toISOString(),
      shadowSince: null,
      activeSince: null,
    });
    return { version: version };
  });
  return { version: version, holdout };
}

function holdoutMetrics(h: EvaluationSet): Record<string, number> {
  return {
    holdoutSize: h.labels.length,
    holdoutPositives: h.labels.filter((y) => y === 1).length,
    auc: rocAuc(h.labels, h.candidate),
    brier: brierScore(h.labels, h.candidate),
    baseAuc: rocAuc(h.labels, h.current),
    baseBrier: brierScore(h.labels, h.current),
  };
}

/** Rows as a time-ordered list, for callers that assemble them from stores. */
export function sortRowsByDate(rows: TrainingRow[]): TrainingRow[] {
  return [...rows].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));
}

import type { DriftAlertRecord, ModelStore, ModelVersionRecord } from "../store/models.js";
import { detectDrift, type DriftReference, type DriftReport } from "./drift.js";
import type { LearningConfig } from "./learning-config.js";

/** The training reference to compare with: the active version's, else the newest trained version's. */
async function findReference(
  models: ModelStore,
  repository: string,
): Promise<{ record: ModelVersionRecord; reference: DriftReference } | null> {
  const active = await models.getByStatus(repository, "active");
  const candidates = active
    ? [active, ...(await models.listVersions(repository))]
    : await models.listVersions(repository);
  for (const record of candidates) {
    const reference = record.training.driftReference as DriftReference | undefined;
    if (reference) return { record, reference };
  }
  return null;
}

/**
 * Compares the last `recentPullRequests` shown scores (features and probabilities) with the training data.
 * Each feature (or `score`) that drifted and has no open alert gets one recorded; `retrain` says whether a
 * retraining should be queued (a new alert appeared). Without a trained version there is no reference yet.
 */
export async function checkDrift(
  models: ModelStore,
  repository: string,
  config: LearningConfig["drift"],
  now: Date,
): Promise<{ report: DriftReport | null; newAlerts: DriftAlertRecord[]; retrain: boolean }> {
  const found = await findReference(models, repository);
  if (!found) return { report: null, newAlerts: [], retrain: false };
  const recent = await models.listRecentPredictions(repository, "active", config.recentPullRequests);
  // Scores are comparable only when the same version produced them; features are, whoever scored them.
  const scores = recent.filter((p) => p.modelVersion === found.record.version).map((p) => p.probability);
  const report = detectDrift(
    found.reference,
    recent.map((p) => p.features),
    scores,
    config,
  );
  const open = new Set((await models.openDriftAlerts(repository)).map((a) => `${a.feature}/${a.metric}`));
  const newAlerts: DriftAlertRecord[] = [];
  const ignored = new Set(config.ignoreFeatures);
  for (const drift of report.alerts.filter((d) => !ignored.has(d.feature))) {
    const metric = drift.psi > config.psiThreshold ? "psi" : "kl";
    if (open.has(`${drift.feature}/${metric}`)) continue;
    const alert: DriftAlertRecord = {
      repository,
      modelVersion: found.record.version,
      feature: drift.feature,
      metric,
      value: metric === "psi" ? drift.psi : drift.kl,
      threshold: metric === "psi" ? config.psiThreshold : config.klThreshold,
      sampleSize: report.sampleSize,
      raisedAt: now.toISOString(),
      resolvedAt: null,
    };
    alert.id = await models.recordDriftAlert(alert);
    newAlerts.push(alert);
  }
  return { report, newAlerts, retrain: newAlerts.length > 0 };
}

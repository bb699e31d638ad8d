import type Database from "better-sqlite3";
import type {
  DriftAlertRecord,
  LearningStepRecord,
  ModelPredictionRecord,
  ModelStatus,
  ModelStore,
  ModelVersionRecord,
  PredictionRole,
  PromotionDecisionRecord,
} from "../models.js";

/** Schema migrations for models, applied in order; never edit one that has shipped, append a new one. */
export const modelsMigrations: string[] = [
  `CREATE TABLE model_versions (
     repository TEXT NOT NULL, version TEXT NOT NULL, status TEXT NOT NULL, artifact_dir TEXT NOT NULL,
     parent_version TEXT, bands_json TEXT, metrics_json TEXT NOT NULL, training_json TEXT NOT NULL,
     created_at TEXT NOT NULL, shadow_since TEXT, active_since TEXT,
     PRIMARY KEY (repository, version));
   CREATE INDEX model_versions_status ON model_versions (repository, status);
   CREATE TABLE model_decisions (
     id INTEGER PRIMARY KEY AUTOINCREMENT, repository TEXT NOT NULL, version TEXT NOT NULL,
     previous_version TEXT, action TEXT NOT NULL, reason TEXT NOT NULL, evidence_json TEXT NOT NULL,
     decided_at TEXT NOT NULL);
   CREATE INDEX model_decisions_repo ON model_decisions (repository, id);
   CREATE TABLE model_predictions (
     repository TEXT NOT NULL, head_sha TEXT NOT NULL, pr_number INTEGER, model_version TEXT NOT NULL,
     role TEXT NOT NULL, probability REAL NOT NULL, features_json TEXT NOT NULL, scored_at TEXT NOT NULL,
     PRIMARY KEY (repository, head_sha, model_version));
   CREATE INDEX model_predictions_version ON model_predictions (repository, model_version, scored_at);
   CREATE TABLE model_drift_alerts (
     id INTEGER PRIMARY KEY AUTOINCREMENT, repository TEXT NOT NULL, model_version TEXT NOT NULL,
     feature TEXT NOT NULL, metric TEXT NOT NULL, value REAL NOT NULL, threshold REAL NOT NULL,
     sample_size INTEGER NOT NULL, raised_at TEXT NOT NULL, resolved_at TEXT);
   CREATE TABLE model_learning_steps (
     repository TEXT NOT NULL, run_key TEXT NOT NULL, step TEXT NOT NULL, status TEXT NOT NULL,
     detail_json TEXT NOT NULL, updated_at TEXT NOT NULL,
     PRIMARY KEY (repository, run_key, step));`,
];

interface VersionRow {
  repository: string;
  version: string;
  status: ModelStatus;
  artifact_dir: string;
  parent_version: string | null;
  bands_json: string | null;
  metrics_json: string;
  training_json: string;
  created_at: string;
  shadow_since: string | null;
  active_since: string | null;
}

function toVersion(row: VersionRow): ModelVersionRecord {
  return {
    repository: row.repository,
    version: row.version,
    status: row.status,
    artifactDir: row.artifact_dir,
    parentVersion: row.parent_version,
    bands: row.bands_json ? JSON.parse(row.bands_json) : null,
    metrics: JSON.parse(row.metrics_json),
    training: JSON.parse(row.training_json),
    createdAt: row.created_at,
    shadowSince: row.shadow_since,
    activeSince: row.active_since,
  };
}

function toPrediction(r: Record<string, unknown>): ModelPredictionRecord {
  return {
    repository: r.repository as string,
    headSha: r.head_sha as string,
    prNumber: r.pr_number as number | null,
    modelVersion: r.model_version as string,
    role: r.role as PredictionRole,
    probability: r.probability as number,
    features: JSON.parse(r.features_json as string),
    scoredAt: r.scored_at as string,
  };
}

function toAlert(r: Record<string, unknown>): DriftAlertRecord {
  return {
    id: r.id as number,
    repository: r.repository as string,
    modelVersion: r.model_version as string,
    feature: r.feature as string,
    metric: r.metric as "psi" | "kl",
    value: r.value as number,
    threshold: r.threshold as number,
    sampleSize: r.sample_size as number,
    raisedAt: r.raised_at as string,
    resolvedAt: (r.resolved_at as string | null) ?? null,
  };
}

export function createSqliteModelStore(db: Database.Database): ModelStore {
  const upsertVersion = db.prepare(
    `INSERT INTO model_versions (repository, version, status, artifact_dir, parent_version, bands_json, metrics_json,
       training_json, created_at, shadow_since, active_since)
     VALUES (@repository, @version, @status, @artifactDir, @parentVersion, @bands, @metrics, @training, @createdAt,
       @shadowSince, @activeSince)
     ON CONFLICT (repository, version) DO UPDATE SET status = excluded.status, artifact_dir = excluded.artifact_dir,
       parent_version = excluded.parent_version, bands_json = excluded.bands_json, metrics_json = excluded.metrics_json,
       training_json = excluded.training_json, shadow_since = excluded.shadow_since, active_since = excluded.active_since`,
  );
  const selectVersion = db.prepare("SELECT * FROM model_versions WHERE repository = ? AND version = ?");
  const selectVersions = db.prepare(
    "SELECT * FROM model_versions WHERE repository = ? ORDER BY created_at DESC, rowid DESC",
  );
  const selectByStatus = db.prepare(
    "SELECT * FROM model_versions WHERE repository = ? AND status = ? LIMIT 1",
  );
  const retireRole = db.prepare(
    "UPDATE model_versions SET status = 'retired' WHERE repository = ? AND status = ? AND version != ?",
  );
  const updateStatus = db.prepare(
    `UPDATE model_versions SET status = @status,
       shadow_since = CASE WHEN @status = 'shadow' THEN @at ELSE shadow_since END,
       active_since = CASE WHEN @status = 'active' THEN @at ELSE active_since END
     WHERE repository = @repository AND version = @version`,
  );
  const setStatus = db.transaction((repository: string, version: string, status: ModelStatus, at: string) => {
    if (status === "active" || status === "shadow") retireRole.run(repository, status, version);
    const changed = updateStatus.run({ repository, version, status, at }).changes;
    if (changed === 0)
      throw new Error(`No model version ${version} for ${repository}; run \`defect models list\`.`);
  });
  const insertDecision = db.prepare(
    `INSERT INTO model_decisions (repository, version, previous_version, action, reason, evidence_json, decided_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const upsertPrediction = db.prepare(
    `INSERT INTO model_predictions (repository, head_sha, pr_number, model_version, role, probability, features_json, scored_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (repository, head_sha, model_version) DO UPDATE SET probability = excluded.probability,
       role = excluded.role, features_json = excluded.features_json, scored_at = excluded.scored_at`,
  );
  const insertAlert = db.prepare(
    `INSERT INTO model_drift_alerts (repository, model_version, feature, metric, value, threshold, sample_size, raised_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const upsertStep = db.prepare(
    `INSERT INTO model_learning_steps (repository, run_key, step, status, detail_json, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (repository, run_key, step) DO UPDATE SET status = excluded.status, detail_json = excluded.detail_json,
       updated_at = excluded.updated_at`,
  );

  return {
    async saveVersion(r) {
      upsertVersion.run({
        ...r,
        bands: r.bands ? JSON.stringify(r.bands) : null,
        metrics: JSON.stringify(r.metrics),
        training: JSON.stringify(r.training),
      });
    },
    async getVersion(repository, version) {
      const row = selectVersion.get(repository, version) as VersionRow | undefined;
      return row ? toVersion(row) : null;
    },
    async listVersions(repository) {
      return (selectVersions.all(repository) as VersionRow[]).map(toVersion);
    },
    async getByStatus(repository, status) {
      const row = selectByStatus.get(repository, status) as VersionRow | undefined;
      return row ? toVersion(row) : null;
    },
    async setStatus(repository, version, status, at) {
      setStatus(repository, version, status, at);
    },
    async updateBands(repository, version, bands) {
      db.prepare("UPDATE model_versions SET bands_json = ? WHERE repository = ? AND version = ?").run(
        JSON.stringify(bands),
        repository,
        version,
      );
    },
    async recordDecision(d: PromotionDecisionRecord) {
      const info = insertDecision.run(
        d.repository,
        d.version,
        d.previousVersion,
        d.action,
        d.reason,
        JSON.stringify(d.evidence),
        d.decidedAt,
      );
      return Number(info.lastInsertRowid);
    },
    async listDecisions(repository, limit = 100) {
      const rows = db
        .prepare("SELECT * FROM model_decisions WHERE repository = ? ORDER BY id DESC LIMIT ?")
        .all(repository, limit) as Record<string, unknown>[];
      return rows.map((r) => ({
        id: r.id as number,
        repository: r.repository as string,
        version: r.version as string,
        previousVersion: r.previous_version as string | null,
        action: r.action as PromotionDecisionRecord["action"],
        reason: r.reason as string,
        evidence: JSON.parse(r.evidence_json as string),
        decidedAt: r.decided_at as string,
      }));
    },
    async recordPrediction(p: ModelPredictionRecord) {
      upsertPrediction.run(
        p.repository,
        p.headSha,
        p.prNumber,
        p.modelVersion,
        p.role,
        p.probability,
        JSON.stringify(p.features),
        p.scoredAt,
      );
    },
    async listPredictions(repository, modelVersion, since = "") {
      const rows = db
        .prepare(
          "SELECT * FROM model_predictions WHERE repository = ? AND model_version = ? AND scored_at >= ? ORDER BY scored_at, head_sha",
        )
        .all(repository, modelVersion, since) as Record<string, unknown>[];
      return rows.map(toPrediction);
    },
    async listRecentPredictions(repository, role, limit) {
      const rows = db
        .prepare(
          "SELECT * FROM model_predictions WHERE repository = ? AND role = ? ORDER BY scored_at DESC, head_sha DESC LIMIT ?",
        )
        .all(repository, role, limit) as Record<string, unknown>[];
      return rows.reverse().map(toPrediction);
    },
    async recordDriftAlert(a: DriftAlertRecord) {
      const info = insertAlert.run(
        a.repository,
        a.modelVersion,
        a.feature,
        a.metric,
        a.value,
        a.threshold,
        a.sampleSize,
        a.raisedAt,
      );
      return Number(info.lastInsertRowid);
    },
    async listDriftAlerts(repository) {
      const rows = db
        .prepare("SELECT * FROM model_drift_alerts WHERE repository = ? ORDER BY id")
        .all(repository) as Record<string, unknown>[];
      return rows.map(toAlert);
    },
    async openDriftAlerts(repository) {
      const rows = db
        .prepare(
          "SELECT * FROM model_drift_alerts WHERE repository = ? AND resolved_at IS NULL ORDER BY id DESC",
        )
        .all(repository) as Record<string, unknown>[];
      return rows.map(toAlert);
    },
    async resolveDriftAlerts(repository, at) {
      return db
        .prepare("UPDATE model_drift_alerts SET resolved_at = ? WHERE repository = ? AND resolved_at IS NULL")
        .run(at, repository).changes;
    },
    async saveStep(s: LearningStepRecord) {
      upsertStep.run(s.repository, s.runKey, s.step, s.status, JSON.stringify(s.detail), s.updatedAt);
    },
    async listSteps(repository, runKey) {
      const rows = db
        .prepare("SELECT * FROM model_learning_steps WHERE repository = ? AND run_key = ? ORDER BY rowid")
        .all(repository, runKey) as Record<string, unknown>[];
      return rows.map((r) => ({
        repository: r.repository as string,
        runKey: r.run_key as string,
        step: r.step as string,
        status: r.status as LearningStepRecord["status"],
        detail: JSON.parse(r.detail_json as string),
        updatedAt: r.updated_at as string,
      }));
    },
    async listRuns(repository) {
      return db
        .prepare(
          `SELECT run_key AS runKey, MAX(updated_at) AS updatedAt, SUM(status = 'done') AS done, SUM(status = 'failed') AS failed
           FROM model_learning_steps WHERE repository = ? GROUP BY run_key ORDER BY updatedAt DESC`,
        )
        .all(repository) as { runKey: string; updatedAt: string; done: number; failed: number }[];
    },
  };
}

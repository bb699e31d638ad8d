import type Database from "better-sqlite3";
import type { RiskBand } from "../../model/types.js";
import type { ScoreStore, StoredScore } from "../scores.js";

/** Schema migrations for scores, applied in order; never edit one that has shipped, append a new one. */
export const scoresMigrations: string[] = [
  `CREATE TABLE check_runs (
     repository TEXT NOT NULL COLLATE NOCASE,
     head_sha TEXT NOT NULL,
     config_hash TEXT NOT NULL,
     model_version TEXT NOT NULL,
     check_run_id INTEGER NOT NULL,
     created_at TEXT NOT NULL,
     PRIMARY KEY (repository, head_sha, config_hash, model_version)
   );
   CREATE TABLE scores (
     repository TEXT NOT NULL COLLATE NOCASE,
     head_sha TEXT NOT NULL,
     config_hash TEXT NOT NULL,
     model_version TEXT NOT NULL,
     number INTEGER,
     base_sha TEXT NOT NULL,
     probability REAL NOT NULL,
     band TEXT NOT NULL,
     check_run_id INTEGER,
     delivery_id TEXT,
     result TEXT NOT NULL,
     scored_at TEXT NOT NULL,
     PRIMARY KEY (repository, head_sha, config_hash, model_version)
   );
   CREATE INDEX scores_pull_request ON scores (repository, number, scored_at);`,
];

interface ScoreRow {
  repository: string;
  head_sha: string;
  config_hash: string;
  model_version: string;
  number: number | null;
  base_sha: string;
  probability: number;
  band: string;
  check_run_id: number | null;
  delivery_id: string | null;
  result: string;
  scored_at: string;
}

export function createSqliteScoreStore(db: Database.Database): ScoreStore {
  const findCheckRun = db.prepare(
    `SELECT check_run_id FROM check_runs
     WHERE repository = @repository AND head_sha = @headSha AND config_hash = @configHash AND model_version = @modelVersion`,
  );
  const saveCheckRun = db.prepare(
    `INSERT OR IGNORE INTO check_runs (repository, head_sha, config_hash, model_version, check_run_id, created_at)
     VALUES (@repository, @headSha, @configHash, @modelVersion, @checkRunId, @createdAt)`,
  );
  const save = db.prepare(
    `INSERT OR REPLACE INTO scores (repository, head_sha, config_hash, model_version, number, base_sha, probability,
       band, check_run_id, delivery_id, result, scored_at)
     VALUES (@repository, @headSha, @configHash, @modelVersion, @number, @baseSha, @probability, @band, @checkRunId,
       @deliveryId, @result, @scoredAt)`,
  );
  // rowid breaks ties between scores saved within the same millisecond.
  const latest = db.prepare(
    "SELECT * FROM scores WHERE repository = ? AND number = ? ORDER BY scored_at DESC, rowid DESC LIMIT 1",
  );
  const forHead = db.prepare(
    "SELECT * FROM scores WHERE repository = ? AND head_sha = ? ORDER BY scored_at DESC, rowid DESC",
  );

  return {
    async findCheckRun(key) {
      const row = findCheckRun.get(key) as { check_run_id: number } | undefined;
      return row ? row.check_run_id : null;
    },
    async saveCheckRun(key, checkRunId) {
      saveCheckRun.run({ ...key, checkRunId, createdAt: new Date().toISOString() });
    },
    async save(score) {
      save.run({
        ...score,
        result: JSON.stringify(score.result),
        scoredAt: score.scoredAt ?? new Date().toISOString(),
      });
    },
    async latestForPullRequest(repository, number) {
      const row = latest.get(repository, number) as ScoreRow | undefined;
      return row ? toScore(row) : null;
    },
    async forHead(repository, headSha) {
      return (forHead.all(repository, headSha) as ScoreRow[]).map(toScore);
    },
  };
}

function toScore(row: ScoreRow): StoredScore {
  return {
    repository: row.repository,
    headSha: row.head_sha,
    configHash: row.config_hash,
    modelVersion: row.model_version,
    number: row.number,
    baseSha: row.base_sha,
    probability: row.probability,
    band: row.band as RiskBand,
    checkRunId: row.check_run_id,
    deliveryId: row.delivery_id,
    result: JSON.parse(row.result),
    scoredAt: row.scored_at,
  };
}

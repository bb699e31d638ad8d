import type Database from "better-sqlite3";
import type { JobRecord, JobStatus, JobStore } from "../jobs.js";

/** Schema migrations for jobs, applied in order; never edit one that has shipped, append a new one. */
export const jobsMigrations: string[] = [
  `CREATE TABLE jobs (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     payload TEXT NOT NULL,
     status TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     max_attempts INTEGER NOT NULL,
     run_after INTEGER NOT NULL,
     last_error TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE INDEX jobs_due ON jobs (status, name, run_after);`,
];

interface JobRow {
  id: string;
  name: string;
  payload: string;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  run_after: number;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export function createSqliteJobStore(db: Database.Database): JobStore {
  const now = () => new Date().toISOString();
  const select = db.prepare("SELECT * FROM jobs WHERE id = ?");
  const insert = db.prepare(
    `INSERT OR IGNORE INTO jobs (id, name, payload, status, attempts, max_attempts, run_after, created_at, updated_at)
     VALUES (@id, @name, @payload, 'queued', 0, @maxAttempts, @runAfter, @at, @at)`,
  );
  const requeueFailed = db.prepare(
    `UPDATE jobs SET status = 'queued', attempts = 0, payload = @payload, max_attempts = @maxAttempts,
       run_after = @runAfter, updated_at = @at WHERE id = @id AND status = 'failed'`,
  );
  const setStatus = db.prepare(
    "UPDATE jobs SET status = @status, last_error = @error, run_after = @runAfter, updated_at = @at WHERE id = @id",
  );
  const requeueRunning = db.prepare(
    "UPDATE jobs SET status = 'queued', updated_at = ? WHERE status = 'running'",
  );
  const countAll = db.prepare("SELECT COUNT(*) AS n FROM jobs");
  const countBy = db.prepare("SELECT COUNT(*) AS n FROM jobs WHERE status = ?");

  const insertTx = db.transaction((row: Record<string, unknown>) => {
    if (insert.run(row).changes === 1) return "created" as const;
    return requeueFailed.run(row).changes === 1 ? ("requeued" as const) : ("exists" as const);
  });
  const claimTx = db.transaction((names: string[], at: number) => {
    const marks = names.map(() => "?").join(",");
    const row = db
      .prepare(
        `SELECT * FROM jobs WHERE status = 'queued' AND name IN (${marks}) AND run_after <= ?
         ORDER BY run_after, created_at LIMIT 1`,
      )
      .get(...names, at) as JobRow | undefined;
    if (!row) return null;
    db.prepare(
      "UPDATE jobs SET status = 'running', attempts = attempts + 1, updated_at = ? WHERE id = ?",
    ).run(now(), row.id);
    return toRecord({ ...row, status: "running", attempts: row.attempts + 1 });
  });

  return {
    async insert(job) {
      const row = {
        id: job.id,
        name: job.name,
        payload: JSON.stringify(job.payload ?? null),
        maxAttempts: job.maxAttempts,
        runAfter: job.runAfter ?? Date.now(),
        at: now(),
      };
      return insertTx(row);
    },
    async claimNext(names, at) {
      if (names.length === 0) return null;
      // IMMEDIATE takes the write lock first, so two processes sharing the file never claim the same job.
      return claimTx.immediate(names, at);
    },
    async complete(id) {
      setStatus.run({ id, status: "done", error: null, runAfter: 0, at: now() });
    },
    async retry(id, error, runAfter) {
      setStatus.run({ id, status: "queued", error, runAfter, at: now() });
    },
    async fail(id, error) {
      setStatus.run({ id, status: "failed", error, runAfter: 0, at: now() });
    },
    async requeueRunning() {
      return requeueRunning.run(now()).changes;
    },
    async get(id) {
      const row = select.get(id) as JobRow | undefined;
      return row ? toRecord(row) : null;
    },
    async nextRunAfter(names) {
      if (names.length === 0) return null;
      const marks = names.map(() => "?").join(",");
      const row = db
        .prepare(`SELECT MIN(run_after) AS at FROM jobs WHERE status = 'queued' AND name IN (${marks})`)
        .get(...names) as { at: number | null };
      return row.at;
    },
    async count(status) {
      const row = (status ? countBy.get(status) : countAll.get()) as { n: number };
      return row.n;
    },
  };
}

function toRecord(row: JobRow): JobRecord {
  return {
    id: row.id,
    name: row.name,
    payload: JSON.parse(row.payload),
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAfter: row.run_after,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

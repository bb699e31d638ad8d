import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Store } from "../types.js";
import { commitsMigrations, createSqliteCommitStore } from "./commits.js";
import { createSqliteDeliveryStore, deliveriesMigrations } from "./deliveries.js";
import { createSqliteInstallationStore, installationsMigrations } from "./installations.js";
import { createSqliteJobStore, jobsMigrations } from "./jobs.js";
import { createSqliteLabelStore, labelsMigrations } from "./labels.js";
import { createSqliteModelStore, modelsMigrations } from "./models.js";
import { createSqliteScoreStore, scoresMigrations } from "./scores.js";

const DOMAINS: Record<string, string[]> = {
  deliveries: deliveriesMigrations,
  installations: installationsMigrations,
  scores: scoresMigrations,
  jobs: jobsMigrations,
  commits: commitsMigrations,
  labels: labelsMigrations,
  models: modelsMigrations,
};

/** Applies each domain's pending migrations inside one transaction per domain. */
function migrate(db: Database.Database): void {
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (domain TEXT NOT NULL, step INTEGER NOT NULL, PRIMARY KEY (domain, step))",
  );
  const applied = db.prepare("SELECT step FROM schema_migrations WHERE domain = ?");
  const record = db.prepare("INSERT INTO schema_migrations (domain, step) VALUES (?, ?)");
  for (const [domain, steps] of Object.entries(DOMAINS)) {
    const done = new Set((applied.all(domain) as { step: number }[]).map((r) => r.step));
    db.transaction(() => {
      steps.forEach((sql, step) => {
        if (done.has(step)) return;
        db.exec(sql);
        record.run(domain, step);
      });
    })();
  }
}

/** Opens (creating when needed) the embedded SQLite store. `:memory:` works for tests. */
export function openSqliteStore(file: string): Store {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  return {
    deliveries: createSqliteDeliveryStore(db),
    installations: createSqliteInstallationStore(db),
    scores: createSqliteScoreStore(db),
    jobs: createSqliteJobStore(db),
    commits: createSqliteCommitStore(db),
    labels: createSqliteLabelStore(db),
    models: createSqliteModelStore(db),
    close: async () => {
      db.close();
    },
  };
}

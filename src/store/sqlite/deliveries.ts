import type Database from "better-sqlite3";
import type { DeliveryRecord, DeliveryStore } from "../deliveries.js";

/** Schema migrations for deliveries, applied in order; never edit one that has shipped, append a new one. */
export const deliveriesMigrations: string[] = [
  `CREATE TABLE deliveries (
     id TEXT PRIMARY KEY,
     event TEXT NOT NULL,
     action TEXT,
     repository TEXT,
     installation_id INTEGER,
     received_at TEXT NOT NULL
   );
   CREATE INDEX deliveries_received_at ON deliveries (received_at);`,
];

interface DeliveryRow {
  id: string;
  event: string;
  action: string | null;
  repository: string | null;
  installation_id: number | null;
  received_at: string;
}

export function createSqliteDeliveryStore(db: Database.Database): DeliveryStore {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO deliveries (id, event, action, repository, installation_id, received_at)
     VALUES (@id, @event, @action, @repository, @installationId, @receivedAt)`,
  );
  const select = db.prepare("SELECT * FROM deliveries WHERE id = ?");
  const prune = db.prepare("DELETE FROM deliveries WHERE received_at < ?");
  return {
    async record(delivery) {
      return insert.run({ ...delivery, receivedAt: new Date().toISOString() }).changes === 1;
    },
    async get(id) {
      const row = select.get(id) as DeliveryRow | undefined;
      return row ? toRecord(row) : null;
    },
    async prune(before) {
      return prune.run(before.toISOString()).changes;
    },
  };
}

function toRecord(row: DeliveryRow): DeliveryRecord {
  return {
    id: row.id,
    event: row.event,
    action: row.action,
    repository: row.repository,
    installationId: row.installation_id,
    receivedAt: row.received_at,
  };
}

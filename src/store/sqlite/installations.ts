import type Database from "better-sqlite3";
import type { InstallationRecord, InstallationStore } from "../installations.js";

/** Schema migrations for installations, applied in order; never edit one that has shipped, append a new one. */
export const installationsMigrations: string[] = [
  `CREATE TABLE installations (
     id INTEGER PRIMARY KEY,
     account TEXT NOT NULL,
     account_type TEXT NOT NULL,
     repository_selection TEXT NOT NULL,
     suspended INTEGER NOT NULL DEFAULT 0,
     deleted INTEGER NOT NULL DEFAULT 0,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE installation_repositories (
     installation_id INTEGER NOT NULL,
     repository TEXT NOT NULL COLLATE NOCASE,
     covered INTEGER NOT NULL,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (installation_id, repository)
   );`,
];

interface InstallationRow {
  id: number;
  account: string;
  account_type: string;
  repository_selection: string;
  suspended: number;
  deleted: number;
  updated_at: string;
}

export function createSqliteInstallationStore(db: Database.Database): InstallationStore {
  const now = () => new Date().toISOString();
  const upsert = db.prepare(
    `INSERT INTO installations (id, account, account_type, repository_selection, updated_at)
     VALUES (@id, @account, @accountType, @repositorySelection, @updatedAt)
     ON CONFLICT (id) DO UPDATE SET account = excluded.account, account_type = excluded.account_type,
       repository_selection = excluded.repository_selection, deleted = 0, updated_at = excluded.updated_at`,
  );
  const setDeleted = db.prepare("UPDATE installations SET deleted = 1, updated_at = ? WHERE id = ?");
  const setSuspended = db.prepare("UPDATE installations SET suspended = ?, updated_at = ? WHERE id = ?");
  const setCovered = db.prepare(
    `INSERT INTO installation_repositories (installation_id, repository, covered, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (installation_id, repository) DO UPDATE SET covered = excluded.covered, updated_at = excluded.updated_at`,
  );
  const select = db.prepare("SELECT * FROM installations WHERE id = ?");
  const coveredRepos = db.prepare(
    "SELECT repository FROM installation_repositories WHERE installation_id = ? AND covered = 1 ORDER BY repository",
  );
  const repoRow = db.prepare(
    "SELECT covered FROM installation_repositories WHERE installation_id = ? AND repository = ?",
  );
  const setMany = db.transaction((id: number, repositories: string[], covered: number) => {
    const at = now();
    for (const repository of repositories) setCovered.run(id, repository, covered, at);
  });

  return {
    async upsert(installation) {
      upsert.run({ ...installation, updatedAt: now() });
    },
    async markDeleted(id) {
      setDeleted.run(now(), id);
    },
    async setSuspended(id, suspended) {
      setSuspended.run(suspended ? 1 : 0, now(), id);
    },
    async addRepositories(id, repositories) {
      setMany(id, repositories, 1);
    },
    async removeRepositories(id, repositories) {
      setMany(id, repositories, 0);
    },
    async get(id) {
      const row = select.get(id) as InstallationRow | undefined;
      return row ? toRecord(row) : null;
    },
    async repositories(id) {
      return (coveredRepos.all(id) as { repository: string }[]).map((r) => r.repository);
    },
    async coverage(id, repository) {
      const installation = select.get(id) as InstallationRow | undefined;
      if (!installation) return "unknown";
      if (installation.deleted) return "not-covered";
      const row = repoRow.get(id, repository) as { covered: number } | undefined;
      if (row) return row.covered ? "covered" : "not-covered";
      return installation.repository_selection === "all" ? "covered" : "unknown";
    },
  };
}

function toRecord(row: InstallationRow): InstallationRecord {
  return {
    id: row.id,
    account: row.account,
    accountType: row.account_type,
    repositorySelection: row.repository_selection === "all" ? "all" : "selected",
    suspended: row.suspended === 1,
    deleted: row.deleted === 1,
    updatedAt: row.updated_at,
  };
}

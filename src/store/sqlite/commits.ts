import type Database from "better-sqlite3";
import type { CommitStore, MinedCommit, MiningState, SkippedCommit } from "../commits.js";

/** Schema migrations for commits, applied in order; never edit one that has shipped, append a new one. */
export const commitsMigrations: string[] = [
  `CREATE TABLE mined_commits (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     repository TEXT NOT NULL,
     sha TEXT NOT NULL,
     date TEXT NOT NULL,
     author TEXT NOT NULL,
     parents TEXT NOT NULL,
     features TEXT NOT NULL,
     tokens BLOB,
     UNIQUE (repository, sha)
   );
   CREATE TABLE skipped_commits (
     repository TEXT NOT NULL,
     sha TEXT NOT NULL,
     reason TEXT NOT NULL,
     detail TEXT NOT NULL,
     PRIMARY KEY (repository, sha)
   );
   CREATE TABLE mining_state (
     repository TEXT PRIMARY KEY,
     last_sha TEXT NOT NULL,
     state BLOB NOT NULL,
     options TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );`,
];

interface CommitRow {
  seq: number;
  repository: string;
  sha: string;
  date: string;
  author: string;
  parents: string;
  features: string;
  tokens: Buffer | null;
}

const toRecord = (r: CommitRow): MinedCommit => ({
  repository: r.repository,
  sha: r.sha,
  date: r.date,
  author: r.author,
  parents: r.parents ? r.parents.split(" ") : [],
  features: JSON.parse(r.features) as MinedCommit["features"],
  tokens: r.tokens,
});

export function createSqliteCommitStore(db: Database.Database): CommitStore {
  const upsert = db.prepare(
    `INSERT INTO mined_commits (repository, sha, date, author, parents, features, tokens)
     VALUES (@repository, @sha, @date, @author, @parents, @features, @tokens)
     ON CONFLICT (repository, sha) DO UPDATE SET date = excluded.date, author = excluded.author,
       parents = excluded.parents, features = excluded.features, tokens = excluded.tokens`,
  );
  const skip = db.prepare(
    `INSERT OR REPLACE INTO skipped_commits (repository, sha, reason, detail) VALUES (@repository, @sha, @reason, @detail)`,
  );
  const saveMany = db.transaction((records: readonly MinedCommit[]) => {
    for (const r of records) {
      upsert.run({
        ...r,
        parents: r.parents.join(" "),
        features: JSON.stringify(r.features),
        tokens: r.tokens,
      });
    }
  });
  const skipMany = db.transaction((records: readonly SkippedCommit[]) => {
    for (const r of records) skip.run(r);
  });
  return {
    async saveCommits(records) {
      saveMany(records);
    },
    async saveSkipped(records) {
      skipMany(records);
    },
    async getCommit(repository, sha) {
      const row = db
        .prepare("SELECT * FROM mined_commits WHERE repository = ? AND sha = ?")
        .get(repository, sha);
      return row ? toRecord(row as CommitRow) : null;
    },
    async listCommits({ repository, after, limit }) {
      const rows = (
        repository === undefined
          ? db.prepare("SELECT * FROM mined_commits WHERE seq > ? ORDER BY seq LIMIT ?").all(after, limit)
          : db
              .prepare("SELECT * FROM mined_commits WHERE repository = ? AND seq > ? ORDER BY seq LIMIT ?")
              .all(repository, after, limit)
      ) as CommitRow[];
      return { records: rows.map(toRecord), next: rows.length === limit ? rows[rows.length - 1].seq : null };
    },
    async countCommits(repository) {
      const row = (
        repository === undefined
          ? db.prepare("SELECT COUNT(*) AS n FROM mined_commits").get()
          : db.prepare("SELECT COUNT(*) AS n FROM mined_commits WHERE repository = ?").get(repository)
      ) as { n: number };
      return row.n;
    },
    async listSkipped(repository) {
      return db
        .prepare(
          "SELECT repository, sha, reason, detail FROM skipped_commits WHERE repository = ? ORDER BY rowid",
        )
        .all(repository) as SkippedCommit[];
    },
    async getMiningState(repository) {
      const row = db.prepare("SELECT * FROM mining_state WHERE repository = ?").get(repository) as
        | { repository: string; last_sha: string; state: Buffer; options: string; updated_at: string }
        | undefined;
      if (!row) return null;
      return {
        repository: row.repository,
        lastSha: row.last_sha,
        state: row.state,
        options: JSON.parse(row.options) as string[],
        updatedAt: row.updated_at,
      } satisfies MiningState;
    },
    async saveMiningState(s) {
      db.prepare(
        `INSERT OR REPLACE INTO mining_state (repository, last_sha, state, options, updated_at) VALUES (?, ?, ?, ?, ?)`,
      ).run(s.repository, s.lastSha, s.state, JSON.stringify(s.options), s.updatedAt);
    },
    async listRepositories() {
      const rows = db
        .prepare("SELECT repository FROM mined_commits UNION SELECT repository FROM mining_state ORDER BY 1")
        .all() as { repository: string }[];
      return rows.map((r) => r.repository);
    },
  };
}

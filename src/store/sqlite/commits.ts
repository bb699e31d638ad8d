import type Database from "better-sqlite3";
import type { CommitStore } from "../commits.js";

/** Schema migrations for commits, applied in order; never edit one that has shipped, append a new one. */
export const commitsMigrations: string[] = [];

export function createSqliteCommitStore(_db: Database.Database): CommitStore {
  return {};
}

import type Database from "better-sqlite3";
import type { ScoreStore } from "../scores.js";

/** Schema migrations for scores, applied in order; never edit one that has shipped, append a new one. */
export const scoresMigrations: string[] = [];

export function createSqliteScoreStore(_db: Database.Database): ScoreStore {
  return {};
}

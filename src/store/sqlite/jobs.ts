import type Database from "better-sqlite3";
import type { JobStore } from "../jobs.js";

/** Schema migrations for jobs, applied in order; never edit one that has shipped, append a new one. */
export const jobsMigrations: string[] = [];

export function createSqliteJobStore(_db: Database.Database): JobStore {
  return {};
}

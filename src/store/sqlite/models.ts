import type Database from "better-sqlite3";
import type { ModelStore } from "../models.js";

/** Schema migrations for models, applied in order; never edit one that has shipped, append a new one. */
export const modelsMigrations: string[] = [];

export function createSqliteModelStore(_db: Database.Database): ModelStore {
  return {};
}

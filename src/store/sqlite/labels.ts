import type Database from "better-sqlite3";
import type { LabelStore } from "../labels.js";

/** Schema migrations for labels, applied in order; never edit one that has shipped, append a new one. */
export const labelsMigrations: string[] = [];

export function createSqliteLabelStore(_db: Database.Database): LabelStore {
  return {};
}

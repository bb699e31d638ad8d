import type Database from "better-sqlite3";
import type { InstallationStore } from "../installations.js";

/** Schema migrations for installations, applied in order; never edit one that has shipped, append a new one. */
export const installationsMigrations: string[] = [];

export function createSqliteInstallationStore(_db: Database.Database): InstallationStore {
  return {};
}

import type Database from "better-sqlite3";
import type { DeliverieStore } from "../deliveries.js";

/** Schema migrations for deliveries, applied in order; never edit one that has shipped, append a new one. */
export const deliveriesMigrations: string[] = [];

export function createSqliteDeliverieStore(_db: Database.Database): DeliverieStore {
  return {};
}

import type { Store } from "../types.js";

/** PostgreSQL store (planned). Fails with a clear message until the implementation lands. */
export async function openPostgresStore(_url: string): Promise<Store> {
  throw new Error(
    "DATABASE_URL points at PostgreSQL, but this build only ships the embedded SQLite store. " +
      "Unset DATABASE_URL (or set it to file:./data/defect-predictor.sqlite) to use SQLite.",
  );
}

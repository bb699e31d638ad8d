import path from "node:path";
import { openSqliteStore } from "./sqlite/open-sqlite-store.js";
import type { Store } from "./types.js";

export type { Store } from "./types.js";

/** Default store file: `./data/defect-predictor.sqlite`, or `$DEFECT_DATA_DIR/defect-predictor.sqlite`. */
export function defaultDatabaseFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.DEFECT_DATA_DIR ?? "data", "defect-predictor.sqlite");
}

/**
 * Picks the store from the environment: `DATABASE_URL=postgres://…` is reserved for the PostgreSQL
 * implementation; a `file:` URL, a path, or nothing opens the embedded SQLite store.
 */
export async function createStore(options: { file?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Store> {
  const env = options.env ?? process.env;
  const url = env.DATABASE_URL;
  if (!options.file && url && /^postgres(ql)?:\/\//.test(url)) {
    const { openPostgresStore } = await import("./postgres/open-postgres-store.js");
    return openPostgresStore(url);
  }
  const file = options.file ?? (url ? url.replace(/^file:/, "") : defaultDatabaseFile(env));
  return openSqliteStore(file);
}

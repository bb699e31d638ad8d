import type { CommitStore } from "./commits.js";
import type { DeliveryStore } from "./deliveries.js";
import type { InstallationStore } from "./installations.js";
import type { JobStore } from "./jobs.js";
import type { LabelStore } from "./labels.js";
import type { ModelStore } from "./models.js";
import type { ScoreStore } from "./scores.js";

/**
 * Everything the app persists, one sub-store per domain. All methods are async so a PostgreSQL
 * implementation can sit behind the same interface; the embedded default is SQLite (better-sqlite3, WAL).
 */
export interface Store {
  deliveries: DeliveryStore;
  installations: InstallationStore;
  scores: ScoreStore;
  jobs: JobStore;
  commits: CommitStore;
  labels: LabelStore;
  models: ModelStore;
  close(): Promise<void>;
}

/** `queued` → `running` → `done`, or back to `queued` (retry with backoff), or `failed` after the last attempt. */
export type JobStatus = "queued" | "running" | "done" | "failed";

/** One durable job of the in-process queue. */
export interface JobRecord {
  /** Caller-chosen id: enqueueing the same id twice is a no-op. */
  id: string;
  /** Queue name, e.g. `score-pull-request`. */
  name: string;
  /** Plain JSON. */
  payload: unknown;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  /** Epoch milliseconds before which the job is not picked up (backoff). */
  runAfter: number;
  lastError: string | null;
  /** ISO 8601. */
  createdAt: string;
  updatedAt: string;
}

/** What `insert` did: a new job, nothing (the id exists and is queued, running or done), or a failed job re-queued. */
export type JobInsertOutcome = "created" | "exists" | "requeued";

/** Persistence for the durable job table behind the in-process queue: jobs survive a restart. */
export interface JobStore {
  insert(job: {
    id: string;
    name: string;
    payload: unknown;
    maxAttempts: number;
    runAfter?: number;
  }): Promise<JobInsertOutcome>;
  /** Atomically takes the oldest due `queued` job of these names, marks it `running` and counts the attempt. */
  claimNext(names: string[], now: number): Promise<JobRecord | null>;
  complete(id: string): Promise<void>;
  /** Puts a job back in the queue after a failed attempt. */
  retry(id: string, error: string, runAfter: number): Promise<void>;
  /** Marks a job failed for good (kept, with its error, for inspection). */
  fail(id: string, error: string): Promise<void>;
  /** After a crash: jobs left `running` by a dead process go back to `queued`. Resolves how many. */
  requeueRunning(): Promise<number>;
  get(id: string): Promise<JobRecord | null>;
  /** Earliest `runAfter` of the queued jobs of these names, or null when none is queued. */
  nextRunAfter(names: string[]): Promise<number | null>;
  count(status?: JobStatus): Promise<number>;
}

import type { JobInsertOutcome } from "../store/jobs.js";

/** A job as its handler sees it. */
export interface Job<P = unknown> {
  id: string;
  name: string;
  payload: P;
  /** 1 for the first try. */
  attempt: number;
  maxAttempts: number;
}

/**
 * Does the work of one job; a rejection means "this attempt failed" (retried with backoff until the last).
 * An error with `retryable: false` is recorded as failed at once.
 */
export type JobHandler<P = unknown> = (job: Job<P>) => Promise<void>;

export interface EnqueueOptions {
  /** Idempotency key: a job with this id that is queued, running or done is not added again. */
  jobId: string;
  /** Default: the queue's `maxAttempts` (3). */
  maxAttempts?: number;
  /** Run no sooner than this many milliseconds from now. */
  delayMs?: number;
}

/**
 * A durable job queue. The in-process implementation keeps jobs in the store's job table; the BullMQ one
 * keeps them in Redis. Both: `enqueue` is idempotent on `jobId`, failures are retried with backoff and then
 * recorded, never an unhandled rejection.
 */
export interface JobQueue {
  /** Adds a job (or does nothing if `jobId` exists; a failed job with that id is queued again). */
  enqueue<P>(
    name: string,
    payload: P,
    options: EnqueueOptions,
  ): Promise<{ jobId: string; outcome: JobInsertOutcome }>;
  /** Registers the handler for a queue name and starts taking its jobs (including ones left from before a restart). */
  process<P>(name: string, handler: JobHandler<P>): void;
  /** Resolves once no job of a registered name is queued or running (retries included). */
  onIdle(): Promise<void>;
  /** Stops taking jobs and waits for the running ones to finish. */
  close(): Promise<void>;
}

/** Backoff before attempt `attempt + 1`, in milliseconds. */
export type Backoff = (attempt: number) => number;

/** 2 s, 4 s, 8 s … capped at 5 minutes. */
export const exponentialBackoff: Backoff = (attempt) => Math.min(2_000 * 2 ** (attempt - 1), 300_000);

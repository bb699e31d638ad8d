import type { Logger } from "pino";
import type { JobStore } from "../store/jobs.js";
import { exponentialBackoff, type Backoff, type Job, type JobHandler, type JobQueue } from "./types.js";

export interface InProcessQueueOptions {
  jobs: JobStore;
  log: Pick<Logger, "info" | "warn" | "error" | "debug">;
  /** Jobs run at the same time (default 2: the scoring work is CPU-bound). */
  concurrency?: number;
  /** Attempts before a job is recorded as failed (default 3). */
  maxAttempts?: number;
  backoff?: Backoff;
}

/**
 * The embedded queue: jobs live in the store's durable job table, so a job queued or running when the
 * process died is picked up again by the next process (`requeueRunning` on start).
 */
export async function createInProcessQueue(options: InProcessQueueOptions): Promise<JobQueue> {
  const { jobs, log } = options;
  const concurrency = options.concurrency ?? 2;
  const defaultMaxAttempts = options.maxAttempts ?? 3;
  const backoff = options.backoff ?? exponentialBackoff;
  const handlers = new Map<string, JobHandler>();
  const running = new Set<Promise<void>>();
  let idleWaiters: (() => void)[] = [];
  let timer: NodeJS.Timeout | undefined;
  let pumping = false;
  let again = false;
  let closed = false;

  const resumed = await jobs.requeueRunning();
  if (resumed > 0)
    log.info({ resumed }, `job queue: resuming ${resumed} job(s) left running by a previous process`);

  async function runOne(record: Awaited<ReturnType<JobStore["claimNext"]>> & object): Promise<void> {
    const handler = handlers.get(record.name)!;
    const job: Job = {
      id: record.id,
      name: record.name,
      payload: record.payload,
      attempt: record.attempts,
      maxAttempts: record.maxAttempts,
    };
    try {
      await handler(job);
      await jobs.complete(job.id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // A handler that has already reported a permanent failure says so with `retryable: false`.
      const retryable = (error as { retryable?: unknown } | null)?.retryable !== false;
      if (retryable && job.attempt < job.maxAttempts) {
        const delay = backoff(job.attempt);
        log.warn(
          { jobId: job.id, attempt: job.attempt, delayMs: delay },
          `job ${job.name} failed (${message}); retrying`,
        );
        await jobs.retry(job.id, message, Date.now() + delay);
      } else {
        log.error(
          { jobId: job.id, attempts: job.attempt },
          `job ${job.name} failed for good after ${job.attempt} attempt(s): ${message}`,
        );
        await jobs.fail(job.id, message);
      }
    }
  }

  async function pump(): Promise<void> {
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    try {
      do {
        again = false;
        const names = [...handlers.keys()];
        while (!closed && running.size < concurrency) {
          const record = await jobs.claimNext(names, Date.now());
          if (!record) break;
          const task: Promise<void> = runOne(record)
            .catch((error: unknown) =>
              log.error({ err: error }, "job queue: could not record a job's outcome"),
            )
            .finally(() => {
              running.delete(task);
              void pump();
            });
          running.add(task);
        }
        // Inside the loop: a job enqueued while this settles sets `again` and is picked up.
        await scheduleOrSettle([...handlers.keys()]);
      } while (again);
    } catch (error) {
      log.error({ err: error }, "job queue: the job table could not be read; will try again");
      schedule(1_000);
    } finally {
      pumping = false;
    }
  }

  async function scheduleOrSettle(names: string[]): Promise<void> {
    if (closed) return;
    const next = await jobs.nextRunAfter(names);
    if (next !== null) schedule(Math.max(0, next - Date.now()));
    else if (running.size === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  function schedule(delay: number): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void pump();
    }, delay);
    timer.unref?.();
  }

  return {
    async enqueue(name, payload, { jobId, maxAttempts, delayMs }) {
      const outcome = await jobs.insert({
        id: jobId,
        name,
        payload,
        maxAttempts: maxAttempts ?? defaultMaxAttempts,
        runAfter: Date.now() + (delayMs ?? 0),
      });
      if (outcome !== "exists" && handlers.has(name)) void pump();
      return { jobId, outcome };
    },
    process(name, handler) {
      if (handlers.has(name)) throw new Error(`job queue: a handler for "${name}" is already registered`);
      handlers.set(name, handler as JobHandler);
      void pump();
    },
    onIdle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        void pump();
      });
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await Promise.all([...running]);
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    },
  };
}

import { Queue, UnrecoverableError, Worker, type ConnectionOptions } from "bullmq";
import type { Logger } from "probot";
import { exponentialBackoff, type JobQueue } from "./types.js";

/** BullMQ options: the Redis URL and how many jobs each worker runs at once. */
export interface BullmqQueueOptions {
  url: string;
  log: Pick<Logger, "info" | "warn" | "error">;
  concurrency?: number;
  maxAttempts?: number;
  /** Key prefix in Redis (tests use their own). */
  prefix?: string;
}

/**
 * The queue on Redis: the same contract as the in-process one. BullMQ ignores an `add` whose `jobId`
 * exists, retries with exponential backoff, and keeps failed jobs (with their error) for inspection.
 */
export async function createBullmqQueue(options: BullmqQueueOptions): Promise<JobQueue> {
  const url = new URL(options.url);
  const connection: ConnectionOptions = {
    host: url.hostname,
    port: Number(url.port || 6379),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.protocol === "rediss:" ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
  const prefix = options.prefix ?? "defect-predictor";
  const queues = new Map<string, Queue>();
  const workers: Worker[] = [];
  const queueFor = (name: string) => {
    let queue = queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection, prefix });
      queues.set(name, queue);
    }
    return queue;
  };

  return {
    async enqueue(name, payload, { jobId, maxAttempts, delayMs }) {
      const queue = queueFor(name);
      const existing = await queue.getJob(jobId);
      if (existing && (await existing.isFailed())) {
        await existing.retry();
        return { jobId, outcome: "requeued" };
      }
      if (existing) return { jobId, outcome: "exists" };
      await queue.add(name, payload, {
        jobId,
        attempts: maxAttempts ?? options.maxAttempts ?? 3,
        backoff: { type: "exponential", delay: exponentialBackoff(1) },
        delay: delayMs ?? 0,
        removeOnComplete: { age: 7 * 24 * 3600 },
        removeOnFail: { age: 30 * 24 * 3600 },
      });
      return { jobId, outcome: "created" };
    },
    process(name, handler) {
      const worker = new Worker(
        name,
        async (job) => {
          try {
            await handler({
              id: job.id ?? "",
              name,
              payload: job.data,
              attempt: job.attemptsMade + 1,
              maxAttempts: job.opts.attempts ?? 1,
            });
          } catch (error) {
            // Same contract as the in-process queue: `retryable: false` fails the job at once.
            if ((error as { retryable?: unknown } | null)?.retryable === false) {
              throw new UnrecoverableError((error as Error).message);
            }
            throw error;
          }
        },
        { connection, prefix, concurrency: options.concurrency ?? 2 },
      );
      worker.on("failed", (job, error) =>
        options.log.warn(
          { jobId: job?.id, attempts: job?.attemptsMade },
          `job ${name} failed: ${error.message}`,
        ),
      );
      worker.on("error", (error) =>
        options.log.error({ err: error }, `BullMQ worker for ${name}: ${error.message}`),
      );
      workers.push(worker);
      queueFor(name);
    },
    async onIdle() {
      for (;;) {
        let busy = 0;
        for (const queue of queues.values()) {
          const counts = await queue.getJobCounts("waiting", "active", "delayed", "prioritized");
          busy += Object.values(counts).reduce((a, b) => a + b, 0);
        }
        if (busy === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}

import type { Logger } from "probot";
import type { Store } from "../store/types.js";
import { createInProcessQueue } from "./create-in-process-queue.js";
import type { JobQueue } from "./types.js";

/**
 * Picks the queue from the environment: `REDIS_URL` → BullMQ on Redis (several worker processes);
 * otherwise the in-process queue on the store's durable job table (one process, zero set-up).
 */
export async function createJobQueue(options: {
  store: Store;
  log: Logger;
  env?: NodeJS.ProcessEnv;
}): Promise<JobQueue> {
  const env = options.env ?? process.env;
  if (env.REDIS_URL) {
    const { createBullmqQueue } = await import("./create-bullmq-queue.js");
    options.log.info("job queue: BullMQ on REDIS_URL");
    return createBullmqQueue({ url: env.REDIS_URL, log: options.log });
  }
  options.log.info("job queue: in-process, jobs kept in the store's job table");
  return createInProcessQueue({ jobs: options.store.jobs, log: options.log });
}

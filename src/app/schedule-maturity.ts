import { MATURE_OUTCOMES } from "./job-names.js";
import type { MatureOutcomesJob } from "./run-learn-jobs.js";
import type { AppDeps } from "./types.js";

/** A repeating task the app starts and stops. */
export interface Schedule {
  /** Runs the task now (also what each timer tick does); resolves when its jobs are queued. */
  tick(): Promise<void>;
  /** Stops the timer; a tick already running finishes. */
  stop(): void;
}

const DAY_MS = 86_400_000;

/**
 * Once a day (and once at start), queues `mature-outcomes` for every repository with outcome labels, so merged
 * changes turn clean once they outlive the maturity window even when no webhook arrives. Job ids carry the
 * date: several app processes, or a restart, queue each repository once a day.
 */
export function scheduleMaturity(
  deps: Pick<AppDeps, "store" | "queue" | "log">,
  options: { intervalMs?: number; now?: () => Date } = {},
): Schedule {
  const now = options.now ?? (() => new Date());
  const tick = async () => {
    const outcomes = await deps.store.labels.listLabels({ source: "outcome" });
    const repositories = [...new Set(outcomes.map((l) => l.repository))].sort();
    const day = now().toISOString().slice(0, 10);
    for (const repository of repositories) {
      const job: MatureOutcomesJob = { repository };
      await deps.queue.enqueue(MATURE_OUTCOMES, job, { jobId: `mature:${repository}:${day}` });
    }
    deps.log.debug(`queued outcome maturing for ${repositories.length} repositories (${day})`);
  };
  const safeTick = () =>
    tick().catch((error: Error) => deps.log.warn(`could not queue outcome maturing: ${error.message}`));
  const timer = setInterval(safeTick, options.intervalMs ?? DAY_MS);
  // The schedule must never keep the process alive on its own (tests, `defect serve` shutting down).
  timer.unref();
  void safeTick();
  return { tick, stop: () => clearInterval(timer) };
}

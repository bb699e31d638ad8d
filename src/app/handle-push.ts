import type { Context, Probot } from "probot";
import { LEARN_FROM_PUSH } from "./job-names.js";
import { recordDelivery } from "./record-delivery.js";
import type { LearnPushJob } from "./run-learn-jobs.js";
import type { AppDeps, PushSummary } from "./types.js";

/**
 * `push`: recorded as a delivery; a push to the default branch queues the labels job (SZZ on fixes pushed
 * without a pull request, reverts, outcomes); then {@link AppDeps.onPush}, when set, gets it too.
 */
export function registerPushHandlers(app: Probot, deps: AppDeps): void {
  app.on("push", (context) => handlePush(toPushSummary(context), deps));
}

export async function handlePush(push: PushSummary, deps: AppDeps): Promise<void> {
  const log = deps.log.child({ deliveryId: push.deliveryId, repository: push.repository });
  const isNew = await recordDelivery(
    {
      id: push.deliveryId,
      event: "push",
      action: null,
      repository: push.repository,
      installationId: push.installationId,
    },
    deps,
  );
  if (!isNew) return;
  await enqueueLearnFromPush(push, deps, log);
  if (deps.onPush) await deps.onPush(push);
}

/** A push of commits to the default branch queues the labels job (fixes, reverts, outcomes of direct pushes). */
async function enqueueLearnFromPush(
  push: PushSummary,
  deps: AppDeps,
  log: { debug(msg: string): void },
): Promise<void> {
  if (push.ref !== `refs/heads/${push.defaultBranch}`) {
    log.debug(`push to ${push.ref}, not the default branch ${push.defaultBranch}: nothing to learn`);
    return;
  }
  if (push.commitShas.length === 0 || /^0+$/.test(push.after)) {
    log.debug(`push to ${push.ref} brings no commits: nothing to learn`);
    return;
  }
  const job: LearnPushJob = {
    installationId: push.installationId,
    push: {
      repository: push.repository,
      ref: push.ref,
      defaultBranch: push.defaultBranch,
      commitShas: push.commitShas,
    },
  };
  const jobId = `learn-push:${push.repository}@${push.after}`;
  const { outcome } = await deps.queue.enqueue(LEARN_FROM_PUSH, job, { jobId });
  log.debug(`${jobId}: ${outcome}`);
}

function toPushSummary(context: Context<"push">): PushSummary {
  const { payload } = context;
  return {
    installationId: payload.installation?.id ?? null,
    repository: payload.repository.full_name,
    ref: payload.ref,
    before: payload.before,
    after: payload.after,
    defaultBranch: payload.repository.default_branch ?? payload.repository.master_branch ?? "main",
    commitShas: payload.commits.map((c) => c.id),
    deliveryId: context.id,
  };
}

import type { Context, Probot } from "probot";
import type { ClosedPullRequest } from "../pipeline/learn-from-merge.js";
import { LEARN_FROM_PULL_REQUEST } from "./job-names.js";
import { recordDelivery } from "./record-delivery.js";
import type { LearnPullRequestJob } from "./run-learn-jobs.js";
import type { AppDeps } from "./types.js";

/** A closed pull request, as plain data. */
export interface ClosedPullRequestWebhook {
  deliveryId: string;
  installationId: number | undefined;
  pr: ClosedPullRequest;
}

/** `pull_request.closed`: queue the labels job (outcome; SZZ on a merged fix) and return. */
export function registerPullRequestClosedHandler(app: Probot, deps: AppDeps): void {
  app.on("pull_request.closed", (context) => handlePullRequestClosed(toClosedPullRequest(context), deps));
}

/** Guard clauses, then one job per (repository, PR, landed commit): a redelivery finds the job there. */
export async function handlePullRequestClosed(event: ClosedPullRequestWebhook, deps: AppDeps): Promise<void> {
  const { pr } = event;
  const log = deps.log.child({ deliveryId: event.deliveryId, repository: pr.repository, number: pr.number });
  if (event.installationId === undefined) {
    log.debug("webhook carries no installation (not sent to an app installation): ignoring");
    return;
  }
  if ((await deps.store.installations.coverage(event.installationId, pr.repository)) === "not-covered") {
    log.info(`installation ${event.installationId} no longer covers ${pr.repository}: not learning from it`);
    return;
  }
  await recordDelivery(
    {
      id: event.deliveryId,
      event: "pull_request",
      action: "closed",
      repository: pr.repository,
      installationId: event.installationId,
    },
    deps,
  );
  const jobId = `learn-pr:${pr.repository}#${pr.number}@${pr.mergeCommitSha ?? pr.headSha}`;
  const job: LearnPullRequestJob = { installationId: event.installationId, pr };
  const { outcome } = await deps.queue.enqueue(LEARN_FROM_PULL_REQUEST, job, { jobId });
  log.debug(`${jobId}: ${outcome}`);
}

function toClosedPullRequest(context: Context<"pull_request.closed">): ClosedPullRequestWebhook {
  const { payload } = context;
  const pr = payload.pull_request;
  return {
    deliveryId: context.id,
    installationId: payload.installation?.id,
    pr: {
      repository: payload.repository.full_name,
      number: pr.number,
      title: pr.title,
      body: pr.body ?? null,
      merged: pr.merged === true,
      mergedAt: pr.merged_at ?? null,
      // Before the merge, merge_commit_sha is GitHub's test merge: only a merged PR's one is a real commit.
      mergeCommitSha: pr.merged === true ? (pr.merge_commit_sha ?? null) : null,
      headSha: pr.head.sha,
    },
  };
}

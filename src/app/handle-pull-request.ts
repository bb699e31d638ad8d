import type { Context, Probot } from "probot";
import type { RepoConfig } from "../config/schema.js";
import type { ConfigReader } from "../config/read-repo-config.js";
import { configReaderFor } from "./config-reader-for.js";
import { enqueueScore } from "./enqueue-score.js";
import { recordDelivery } from "./record-delivery.js";
import type { AppDeps } from "./types.js";

type PullRequestEvent =
  | "pull_request.opened"
  | "pull_request.synchronize"
  | "pull_request.reopened"
  | "pull_request.ready_for_review";

/** The little of a `pull_request` webhook the handler needs, as plain data. */
export interface PullRequestWebhook {
  deliveryId: string;
  trigger: string;
  installationId: number | undefined;
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  state: string;
  draft: boolean;
  userLogin: string;
  userType: string;
  /** False when the head repository (a fork) was deleted. */
  headRepoExists: boolean;
}

/** `pull_request` opened / synchronize / reopened / ready_for_review: guard, then queue a score and return. */
export function registerPullRequestHandlers(app: Probot, deps: AppDeps): void {
  app.on(
    [
      "pull_request.opened",
      "pull_request.synchronize",
      "pull_request.reopened",
      "pull_request.ready_for_review",
    ],
    (context) => handlePullRequest(toPullRequestWebhook(context), configReaderFor(context, deps), deps),
  );
}

/** Guard clauses (each logs why it returns), then one idempotent job. */
export async function handlePullRequest(
  event: PullRequestWebhook,
  readConfig: ConfigReader,
  deps: AppDeps,
): Promise<void> {
  const log = deps.log.child({
    deliveryId: event.deliveryId,
    repository: `${event.owner}/${event.repo}`,
    number: event.number,
  });
  if (event.installationId === undefined) {
    log.debug("webhook carries no installation (not sent to an app installation): ignoring");
    return;
  }
  if (event.state !== "open") {
    log.debug(`pull request is ${event.state}: nothing to score`);
    return;
  }
  if (!event.headRepoExists) {
    log.debug("the pull request's head repository (a fork) was deleted: nothing to score");
    return;
  }
  await recordDelivery(
    {
      id: event.deliveryId,
      event: "pull_request",
      action: event.trigger.split(".")[1] ?? null,
      repository: `${event.owner}/${event.repo}`,
      installationId: event.installationId,
    },
    deps,
  );
  await enqueueScore(
    {
      ...event,
      installationId: event.installationId,
      readConfig,
      skip: (config) => skipReason(config, event),
    },
    deps,
  );
}

function skipReason(config: RepoConfig, event: PullRequestWebhook): string | null {
  if (config.skipDrafts && event.draft)
    return "draft pull request and skipDrafts is on (it is scored when marked ready)";
  if (config.skipBots && (event.userType === "Bot" || event.userLogin.endsWith("[bot]"))) {
    return `opened by the bot ${event.userLogin} and skipBots is on`;
  }
  return null;
}

function toPullRequestWebhook(context: Context<PullRequestEvent>): PullRequestWebhook {
  const { payload } = context;
  const pr = payload.pull_request;
  return {
    deliveryId: context.id,
    trigger: `${context.name}.${payload.action}`,
    installationId: payload.installation?.id,
    owner: payload.repository.owner.login,
    repo: payload.repository.name,
    number: pr.number,
    headSha: pr.head.sha,
    state: pr.state,
    draft: pr.draft ?? false,
    userLogin: pr.user?.login ?? "",
    userType: pr.user?.type ?? "User",
    headRepoExists: Boolean(pr.head.repo),
  };
}

import type { Context, Probot } from "probot";
import { createCommandGitHub } from "../github/create-command-github.js";
import type { GitHubLog, GitHubOctokit } from "../github/types.js";
import {
  respondToCommand,
  type CommandDeps,
  type CommentCommandRequest,
  type ScoreNowRequest,
} from "../pipeline/explain-pull-request.js";
import type { ScoreResult } from "../report/types.js";

/** What the `/defect` commands need from the app's wiring (a subset of the app's dependencies). */
export interface IssueCommentDeps {
  store: CommandDeps["store"];
  queue: CommandDeps["queue"];
  /** Runs the scoring job inline for a pull request that has no score yet; resolves its result (null: not now). */
  scorePullRequest(
    octokit: GitHubOctokit,
    request: ScoreNowRequest,
    log: GitHubLog,
  ): Promise<ScoreResult | null>;
}

type CommentContext = Context<"issue_comment.created" | "issue_comment.edited">;

/** Plain data out of the webhook: the pipeline never sees a Probot context. */
function toRequest(context: CommentContext): CommentCommandRequest {
  const { payload } = context;
  const changes = "changes" in payload ? (payload.changes as { body?: { from?: string } }) : undefined;
  return {
    deliveryId: context.id,
    action: payload.action,
    installationId: payload.installation?.id ?? null,
    owner: payload.repository.owner.login,
    repo: payload.repository.name,
    number: payload.issue.number,
    isPullRequest: Boolean(payload.issue.pull_request),
    commentId: payload.comment.id,
    body: payload.comment.body ?? "",
    previousBody: changes?.body?.from,
    sender: { login: payload.sender.login, type: payload.sender.type },
  };
}

/** `/defect explain|help|feedback|retrain` in pull request comments (created or edited). */
export function registerIssueCommentHandlers(app: Probot, deps: IssueCommentDeps): void {
  app.on(["issue_comment.created", "issue_comment.edited"], async (context) => {
    await respondToCommand(toRequest(context), createCommandGitHub(context.octokit, context.repo()), {
      store: deps.store,
      queue: deps.queue,
      scorePullRequest: (request) => deps.scorePullRequest(context.octokit, request, context.log),
      log: context.log,
    });
  });
}

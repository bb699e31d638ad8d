import { parseCommand, type DefectCommand } from "../app/parse-command.js";
import type { GitHubLog } from "../github/types.js";
import { recordFeedback } from "../labels/record-feedback.js";
import type { JobQueue } from "../queue/types.js";
import { renderExplainComment, renderExplainFile } from "../report/render-explain-comment.js";
import { renderHelp, renderRefusal } from "../report/render-explain-help.js";
import type { ScoreResult } from "../report/types.js";
import type { Store } from "../store/types.js";

/** A comment on a pull request, as plain data (built by the handler from the webhook). */
export interface CommentCommandRequest {
  deliveryId: string;
  action: "created" | "edited";
  installationId: number | null;
  owner: string;
  repo: string;
  /** Issue / pull request number. */
  number: number;
  isPullRequest: boolean;
  commentId: number;
  body: string;
  /** For `edited`: the body before the edit. */
  previousBody?: string;
  sender: { login: string; type: string };
}

/** The GitHub calls a command needs, bound to one repository (see `createCommandGitHub`). */
export interface CommandGitHub {
  headSha(number: number): Promise<string>;
  react(commentId: number): Promise<void>;
  reply(number: number, body: string): Promise<void>;
  /** Creates or updates the one explain comment of the pull request. */
  postExplain(number: number, body: string): Promise<void>;
  hasWriteAccess(login: string): Promise<boolean>;
}

/** A pull request to score now, because `/defect explain` came before its score. */
export interface ScoreNowRequest {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  installationId: number | null;
  deliveryId: string;
}

/** What answering a command needs besides GitHub. */
export interface CommandDeps {
  store: Pick<Store, "scores" | "deliveries" | "labels">;
  queue: Pick<JobQueue, "enqueue">;
  /** Scores the pull request now, the way the scoring job does (check run included), and resolves the result. */
  scorePullRequest(request: ScoreNowRequest): Promise<ScoreResult | null>;
  log: GitHubLog;
}

/** What happened with a comment, for logs and tests. */
export type CommandOutcome =
  { handled: false; why: string } | { handled: true; command: DefectCommand["kind"]; detail?: string };

/**
 * Answers a `/defect` command in a pull request comment:
 * 1. guards: pull requests only, no bots (the app included), a command present and new, each delivery once;
 * 2. 👀 on the comment;
 * 3. the command: explain (from the stored score of the current head, scoring first when there is none),
 *    help, feedback and retrain (write access only).
 */
export async function respondToCommand(
  request: CommentCommandRequest,
  github: CommandGitHub,
  deps: CommandDeps,
): Promise<CommandOutcome> {
  const command = parseCommand(request.body);
  const skip = whyIgnore(request, command);
  if (skip) {
    deps.log.debug({ deliveryId: request.deliveryId }, `comment ignored: ${skip}`);
    return { handled: false, why: skip };
  }
  const fresh = await deps.store.deliveries.record({
    id: request.deliveryId,
    event: "issue_comment",
    action: request.action,
    repository: `${request.owner}/${request.repo}`,
    installationId: request.installationId,
  });
  if (!fresh) {
    deps.log.info({ deliveryId: request.deliveryId }, "comment ignored: this delivery was answered already");
    return { handled: false, why: "redelivery" };
  }
  await github.react(request.commentId);
  return runCommand(command!, request, github, deps);
}

function whyIgnore(request: CommentCommandRequest, command: DefectCommand | null): string | null {
  if (!request.isPullRequest) return "not a pull request";
  if (request.sender.type === "Bot" || request.sender.login.endsWith("[bot]")) return "written by a bot";
  if (!command) return "no /defect command";
  if (
    request.action === "edited" &&
    JSON.stringify(parseCommand(request.previousBody)) === JSON.stringify(command)
  ) {
    return "edit left the command as it was";
  }
  return null;
}

async function runCommand(
  command: DefectCommand,
  request: CommentCommandRequest,
  github: CommandGitHub,
  deps: CommandDeps,
): Promise<CommandOutcome> {
  const { number, sender } = request;
  switch (command.kind) {
    case "help":
      await github.reply(number, renderHelp());
      return { handled: true, command: "help" };
    case "unknown":
      await github.reply(number, renderHelp(command.problem));
      return { handled: true, command: "unknown" };
    case "explain":
      return explain(command.path, request, github, deps);
    case "feedback":
    case "retrain": {
      if (!(await github.hasWriteAccess(sender.login))) {
        await github.reply(number, renderRefusal(sender.login, command.kind));
        return { handled: true, command: command.kind, detail: "refused: no write access" };
      }
      return command.kind === "feedback"
        ? feedback(command, request, github, deps)
        : retrain(request, github, deps);
    }
  }
}

async function explain(
  path: string | undefined,
  request: CommentCommandRequest,
  github: CommandGitHub,
  deps: CommandDeps,
): Promise<CommandOutcome> {
  const repository = `${request.owner}/${request.repo}`;
  const headSha = await github.headSha(request.number);
  const [stored] = await deps.store.scores.forHead(repository, headSha);
  const detail = stored ? "from stored score" : "scored first";
  const result = stored?.result ?? (await deps.scorePullRequest({ ...request, headSha }));
  if (!result) {
    await github.reply(
      request.number,
      `I could not score \`${headSha.slice(0, 7)}\` yet: the **Defect risk** check run on it says why. ` +
        "Ask again with `/defect explain` once it shows a score.",
    );
    return { handled: true, command: "explain", detail: "not scored" };
  }
  await github.postExplain(
    request.number,
    path ? renderExplainFile(result, path) : renderExplainComment(result),
  );
  return { handled: true, command: "explain", detail };
}

async function feedback(
  command: Extract<DefectCommand, { kind: "feedback" }>,
  request: CommentCommandRequest,
  github: CommandGitHub,
  deps: CommandDeps,
): Promise<CommandOutcome> {
  const headSha = await github.headSha(request.number);
  const { outcome } = await recordFeedback(deps.store, {
    repository: `${request.owner}/${request.repo}`,
    pr: request.number,
    headSha,
    label: command.label,
    user: request.sender.login,
    reason: command.reason ?? null,
  });
  await github.reply(
    request.number,
    `Thanks @${request.sender.login}: recorded this pull request (\`${headSha.slice(0, 7)}\`) as **${command.label}**. ` +
      "It becomes a training label at the next retrain.",
  );
  return { handled: true, command: "feedback", detail: String(outcome) };
}

async function retrain(
  request: CommentCommandRequest,
  github: CommandGitHub,
  deps: CommandDeps,
): Promise<CommandOutcome> {
  const repository = `${request.owner}/${request.repo}`;
  const { outcome } = await deps.queue.enqueue(
    "retrain",
    // The learning loop's payload (src/learning/learning-jobs.ts): it names who asked in the new model's trigger.
    {
      repository,
      requestedBy: request.sender.login,
      ...(request.installationId !== null ? { installationId: request.installationId } : {}),
    },
    // One retrain per request: a redelivered or repeated comment does not queue a second one.
    { jobId: `retrain:${repository}:${request.commentId}` },
  );
  await github.reply(
    request.number,
    `Retraining of this repository's model is queued (requested by @${request.sender.login}); ` +
      "the check run names the model version that scored each pull request.",
  );
  return { handled: true, command: "retrain", detail: outcome };
}

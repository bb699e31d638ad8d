import type { Probot } from "probot";
import type { ScorePullRequestJob } from "../pipeline/score-pull-request.js";
import { registerCheckRunHandlers } from "./handle-check-run.js";
import { registerInstallationHandlers } from "./handle-installation.js";
import { registerPullRequestClosedHandler } from "./handle-pull-request-closed.js";
import { registerPullRequestHandlers } from "./handle-pull-request.js";
import { registerPushHandlers } from "./handle-push.js";
import { SCORE_PULL_REQUEST } from "./job-names.js";
import { registerLearnJobs } from "./run-learn-jobs.js";
import { runScoreJob } from "./run-score-job.js";
import type { AppDeps } from "./types.js";

/** Wires every webhook this half of the app handles, and the workers of the scoring and labels jobs. */
export function registerAppHandlers(app: Probot, deps: AppDeps): void {
  registerPullRequestHandlers(app, deps);
  registerCheckRunHandlers(app, deps);
  registerInstallationHandlers(app, deps);
  registerPushHandlers(app, deps);
  registerPullRequestClosedHandler(app, deps);
  registerLearnJobs(deps);
  deps.queue.process<ScorePullRequestJob>(SCORE_PULL_REQUEST, (job) => runScoreJob(job, deps));
}

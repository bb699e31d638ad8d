import type { Probot } from "probot";
import { registerLearningJobs } from "../learning/learning-jobs.js";
import type { ScorePullRequestJob } from "../pipeline/score-pull-request.js";
import { registerCheckRunHandlers } from "./handle-check-run.js";
import { registerInstallationHandlers } from "./handle-installation.js";
import { registerPullRequestClosedHandler } from "./handle-pull-request-closed.js";
import { registerPullRequestHandlers } from "./handle-pull-request.js";
import { registerPushHandlers } from "./handle-push.js";
import { learningConfigFor } from "./learning-config-for.js";
import { SCORE_PULL_REQUEST } from "./job-names.js";
import { registerLearnJobs } from "./run-learn-jobs.js";
import { runScoreJob } from "./run-score-job.js";
import type { AppDeps } from "./types.js";

/** Wires every webhook this half of the app handles, and the workers of the scoring, labels and learning jobs. */
export function registerAppHandlers(app: Probot, deps: AppDeps): void {
  registerPullRequestHandlers(app, deps);
  registerCheckRunHandlers(app, deps);
  registerInstallationHandlers(app, deps);
  registerPushHandlers(app, deps);
  registerPullRequestClosedHandler(app, deps);
  registerLearnJobs(deps);
  deps.queue.process<ScorePullRequestJob>(SCORE_PULL_REQUEST, (job) => runScoreJob(job, deps));
  const { learning } = deps;
  if (learning) {
    // bootstrap-repository, retrain (also what `/defect retrain` queues) and evaluate-shadow.
    registerLearningJobs(
      deps.queue,
      (payload) =>
        learning({ repository: payload.repository, installationId: payload.installationId ?? null }),
      learningConfigFor(deps),
    );
  }
}

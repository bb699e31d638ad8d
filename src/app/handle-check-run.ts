import type { Context, Probot } from "probot";
import { configReaderFor } from "./config-reader-for.js";
import { enqueueScore } from "./enqueue-score.js";
import { recordDelivery } from "./record-delivery.js";
import type { AppDeps } from "./types.js";

/** Our check runs carry this `external_id` prefix (set in src/pipeline/score-pull-request.ts). */
const OWN_EXTERNAL_ID = /^defect-predictor(:|$)/;

/** A re-run request, as plain data: the check run (or suite) and the pull requests it belongs to. */
export interface RerunWebhook {
  deliveryId: string;
  trigger: string;
  installationId: number | undefined;
  owner: string;
  repo: string;
  headSha: string;
  /** Set for `check_run.rerequested`: the run to reuse. */
  checkRunId?: number;
  /** Whether the run is one of ours (a `check_suite` re-run is always for our suite). */
  ours: boolean;
  pullRequests: number[];
}

/** `check_run.rerequested` and `check_suite.rerequested` ("Re-run"): score the pull request(s) again. */
export function registerCheckRunHandlers(app: Probot, deps: AppDeps): void {
  app.on("check_run.rerequested", (context) =>
    handleRerun(fromCheckRun(context), configReaderFor(context, deps), deps),
  );
  app.on("check_suite.rerequested", (context) =>
    handleRerun(fromCheckSuite(context), configReaderFor(context, deps), deps),
  );
}

export async function handleRerun(
  event: RerunWebhook,
  readConfig: Parameters<typeof enqueueScore>[0]["readConfig"],
  deps: AppDeps,
): Promise<void> {
  const log = deps.log.child({ deliveryId: event.deliveryId, repository: `${event.owner}/${event.repo}` });
  if (event.installationId === undefined) {
    log.debug("webhook carries no installation: ignoring");
    return;
  }
  if (!event.ours) {
    log.debug(`${event.trigger} for a check run this app did not create: ignoring`);
    return;
  }
  if (event.pullRequests.length === 0) {
    log.info(
      `${event.trigger} on ${event.headSha.slice(0, 12)} is not linked to an open pull request of this repository ` +
        "(a fork's PR, or a closed one): nothing to re-run",
    );
    return;
  }
  const [name, action] = event.trigger.split(".");
  await recordDelivery(
    {
      id: event.deliveryId,
      event: name,
      action: action ?? null,
      repository: `${event.owner}/${event.repo}`,
      installationId: event.installationId,
    },
    deps,
  );
  for (const number of event.pullRequests) {
    await enqueueScore(
      {
        ...event,
        installationId: event.installationId,
        number,
        readConfig,
        jobSuffix: event.pullRequests.length > 1 ? `:${number}` : "",
      },
      deps,
    );
  }
}

function fromCheckRun(context: Context<"check_run.rerequested">): RerunWebhook {
  const { payload } = context;
  const run = payload.check_run;
  return {
    deliveryId: context.id,
    trigger: "check_run.rerequested",
    installationId: payload.installation?.id,
    owner: payload.repository.owner.login,
    repo: payload.repository.name,
    headSha: run.head_sha,
    checkRunId: run.id,
    ours: OWN_EXTERNAL_ID.test(run.external_id ?? ""),
    pullRequests: run.pull_requests.map((pr) => pr.number),
  };
}

function fromCheckSuite(context: Context<"check_suite.rerequested">): RerunWebhook {
  const { payload } = context;
  return {
    deliveryId: context.id,
    trigger: "check_suite.rerequested",
    installationId: payload.installation?.id,
    owner: payload.repository.owner.login,
    repo: payload.repository.name,
    headSha: payload.check_suite.head_sha,
    // GitHub sends check_suite events only to the app that owns the suite.
    ours: true,
    pullRequests: payload.check_suite.pull_requests.map((pr) => pr.number),
  };
}

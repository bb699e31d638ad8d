import { Probot, ProbotOctokit } from "probot";
import type { RepoConfig } from "../../src/config/schema.js";
import { afterScore, type AfterScoreOutcome } from "../../src/pipeline/after-score.js";
import type { ScoreResult } from "../../src/report/types.js";
import { createMemoryLogger, testPrivateKey } from "../helpers/create-test-app.js";

/**
 * A Probot app that does, on `pull_request.synchronize`, what the scoring job does once its check run is
 * complete: `afterScore` with the repository config. Retry and throttling off, real app JWTs.
 */
export async function createAfterScoreApp(
  score: () => ScoreResult,
  config: Pick<RepoConfig, "comments" | "labels">,
): Promise<{ probot: Probot; outcome: () => AfterScoreOutcome | undefined }> {
  let outcome: AfterScoreOutcome | undefined;
  const probot = new Probot({
    appId: 1,
    privateKey: testPrivateKey(),
    log: createMemoryLogger().log,
    Octokit: ProbotOctokit.defaults((options: object) => ({
      ...options,
      retry: { enabled: false },
      throttle: { enabled: false },
    })),
  });
  await probot.load((app) =>
    app.on("pull_request.synchronize", async (context) => {
      const { owner, repo } = context.repo();
      const ref = {
        owner,
        repo,
        number: context.payload.number,
        headSha: context.payload.pull_request.head.sha,
      };
      outcome = await afterScore(context.octokit, ref, score(), config, context.log);
    }),
  );
  return { probot, outcome: () => outcome };
}

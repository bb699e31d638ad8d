import type { RepoConfig } from "../config/schema.js";
import { learnFromScore, repositoryModel } from "../learning/learning-jobs.js";
import type { RiskModel } from "../model/types.js";
import type { ScoreResult } from "../report/types.js";
import type { AppDeps } from "./types.js";

/** The learning loop's part in one score: which model scores, and what happens between scoring and the check run. */
export interface ScoreLearning {
  /** The repository's active model when it has one, else the app's default. */
  model: () => Promise<RiskModel>;
  /**
   * The repository's rules (`rules:`), shadow score, drift check (`learning.drift`) and learning notes; never
   * throws for learning problems (they are logged).
   */
  afterScoring?: (result: ScoreResult, config: RepoConfig) => Promise<ScoreResult>;
}

/** Without a learning loop (`AppDeps.learning` unset) every repository is scored by the default model. */
export function learningForScore(
  deps: Pick<AppDeps, "learning" | "model" | "queue">,
  repository: string,
  installationId: number | null,
): ScoreLearning {
  if (!deps.learning) return { model: deps.model };
  const learning = deps.learning({ repository, installationId });
  return {
    model: () => repositoryModel(learning, repository, deps.model),
    afterScoring: (result, config) =>
      learnFromScore(learning, {
        result,
        queue: deps.queue,
        rules: config.rules,
        config: config.learning,
        ...(installationId !== null ? { installationId } : {}),
      }),
  };
}

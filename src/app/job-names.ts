/** Queue name of the job that scores a pull request (src/pipeline/score-pull-request.ts). */
export const SCORE_PULL_REQUEST = "score-pull-request";
/** Labels from a closed pull request: its outcome, and SZZ when it fixed a bug (src/pipeline/learn-from-merge.ts). */
export const LEARN_FROM_PULL_REQUEST = "learn-from-pull-request";
/** Labels from commits pushed straight to the default branch. */
export const LEARN_FROM_PUSH = "learn-from-push";
/** Re-assesses maturing outcomes of one repository, so merged changes become clean after the window. */
export const MATURE_OUTCOMES = "mature-outcomes";

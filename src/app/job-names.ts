/** Queue name of the job that scores a pull request (src/pipeline/score-pull-request.ts). */
export const SCORE_PULL_REQUEST = "score-pull-request";

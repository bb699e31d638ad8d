/** The run key of a repository's bootstrap; one per repository, so a redelivered install resumes it. */
export const BOOTSTRAP_RUN_KEY = "bootstrap";

/** Retrain runs are numbered: `retrain-1`, `retrain-2`, … */
export const RETRAIN_RUN_PREFIX = "retrain-";

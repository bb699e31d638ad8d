import type { ApplicationFunction, Probot } from "probot";
import { assertWebhookSecret } from "./app/assert-webhook-secret.js";
import { createAppDeps } from "./app/create-app-deps.js";
import { registerIssueCommentHandlers } from "./app/handle-issue-comment.js";
import { registerAppHandlers } from "./app/register-app-handlers.js";
import { scheduleMaturity } from "./app/schedule-maturity.js";
import type { AppDeps } from "./app/types.js";

// The Probot entry. Do not add logic to this file: it wires handlers to their dependencies.

/** The app with its dependencies given (tests pass a real SQLite store, a real queue and a fixed model). */
export function defectPredictorApp(deps: AppDeps): (app: Probot) => void {
  return (app) => {
    registerAppHandlers(app, deps);
    registerIssueCommentHandlers(app, deps);
  };
}

/** What `probot run` and `defect serve` load: dependencies from the environment. */
const app: ApplicationFunction = async (probot) => {
  assertWebhookSecret(process.env);
  const deps = await createAppDeps(probot);
  defectPredictorApp(deps)(probot);
  scheduleMaturity(deps);
};

export default app;

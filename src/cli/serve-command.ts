import { run } from "probot";
import { createAppLogger } from "../app/create-app-logger.js";
import type { CliCommand } from "./main.js";
import { assertWebhookSecret } from "../app/assert-webhook-secret.js";

const USAGE = `Usage: defect serve [--port N] [--host ADDRESS]

Runs the GitHub App: receives webhooks, runs the scoring queue, answers /defect commands.
With no APP_ID yet, it starts Probot's setup page that registers the app from app.yml (manifest flow)
and writes APP_ID, PRIVATE_KEY and WEBHOOK_SECRET into .env.

Environment (see .env.example):
  APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH   the GitHub App's id and private key
  WEBHOOK_SECRET                            required outside NODE_ENV=development/test
  WEBHOOK_PROXY_URL                         smee.io channel for local development
  GHE_HOST, GHE_PROTOCOL                    GitHub Enterprise Server host (e.g. ghe.example.com) and protocol
  DATABASE_URL, DEFECT_DATA_DIR             store (default ./data/defect-predictor.sqlite)
  REDIS_URL                                 BullMQ queue on Redis instead of the in-process queue
  LOG_LEVEL, LOG_FORMAT                     logging (payloads, tokens and keys are always redacted)
  PORT, HOST                                where to listen (default localhost:3000; 0.0.0.0 in Docker)`;

/** `defect serve`: Probot's server with the app's redacting logger. */
export const command: CliCommand = {
  summary: "Run the GitHub App (webhooks, scoring queue); first run registers it via the manifest flow",
  usage: USAGE,
  options: { port: { type: "string" }, host: { type: "string" } },
  async run(values) {
    if (typeof values.port === "string") process.env.PORT = values.port;
    if (typeof values.host === "string") process.env.HOST = values.host;
    // Before Probot reads its own settings: the missing secret is the error a new deployment most needs to see.
    assertWebhookSecret(process.env);
    const log = await createAppLogger(process.env);
    const { default: app } = await import("../index.js");
    // run() reads APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, GHE_HOST… from the environment (and .env).
    const server = await run(app, { log });
    // Containers stop with SIGTERM: stop taking webhooks; a job cut short resumes on the next start.
    process.once("SIGTERM", () => {
      log.info("SIGTERM: stopping the server");
      server.stop().finally(() => process.exit(0));
    });
    return 0;
  },
};

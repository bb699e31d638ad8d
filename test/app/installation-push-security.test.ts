import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { assertWebhookSecret, MissingWebhookSecretError } from "../../src/app/assert-webhook-secret.js";
import { appLoggerOptions } from "../../src/app/create-app-logger.js";
import type { PushSummary } from "../../src/app/types.js";
import { useGitHubMock } from "../helpers/github-mock.js";
import {
  mockInstallationToken,
  webhookPayload,
  type LoosePayload,
} from "../helpers/pull-request-fixtures.js";
import { useTestApp } from "./helpers/use-test-app.js";

const github = useGitHubMock();
const app = useTestApp();

describe("installation webhooks", () => {
  it("records an installation, its repositories, and its removal", async () => {
    const created = webhookPayload<LoosePayload>("installation", (e) => e.action === "created");
    await app().receive("installation", created);
    const id = created.installation.id as number;
    expect(await app().store.installations.get(id)).toMatchObject({ account: "Codertocat", deleted: false });
    expect(await app().store.installations.coverage(id, "Codertocat/Hello-World")).toBe("covered");

    const added = webhookPayload<LoosePayload>("installation_repositories", (e) => e.action === "added");
    await app().receive("installation_repositories", added);
    expect(await app().store.installations.repositories(id)).toEqual([
      "Codertocat/Hello-World",
      "Codertocat/Space",
    ]);

    const deleted = webhookPayload<LoosePayload>("installation", (e) => e.action === "deleted");
    deleted.installation.id = id; // adapted: the same installation as above
    await app().receive("installation", deleted);
    expect(await app().store.installations.coverage(id, "Codertocat/Hello-World")).toBe("not-covered");
    expect(github().requests).toHaveLength(0);
  });
});

describe("push webhooks", () => {
  it("are recorded and handed to the push hook as plain data, once per delivery", async () => {
    const pushes: PushSummary[] = [];
    app().deps.onPush = async (push) => void pushes.push(push);
    const push = webhookPayload<LoosePayload>(
      "push",
      (e) => e.ref === "refs/heads/master" && Boolean(e.installation),
    );
    // The push to the default branch also queues the labels job once: its commit is not on GitHub (404).
    const { api } = github();
    mockInstallationToken(api);
    api.get(`/repos/Codertocat/Hello-World/commits/${push.after}`).reply(404, { message: "Not Found" });
    await app().receive("push", push, "push-1");
    await app().receive("push", push, "push-1");
    expect(pushes).toHaveLength(1);
    expect(pushes[0]).toMatchObject({
      repository: "Codertocat/Hello-World",
      ref: "refs/heads/master",
      installationId: 1,
      deliveryId: "push-1",
    });
    expect(await app().store.deliveries.get("push-1")).toMatchObject({ event: "push" });
  });
});

describe("security", () => {
  it("refuses to start without WEBHOOK_SECRET outside development and test, saying what to set", () => {
    expect(() => assertWebhookSecret({ NODE_ENV: "production" })).toThrow(MissingWebhookSecretError);
    expect(() => assertWebhookSecret({})).toThrow(
      /Set WEBHOOK_SECRET to the webhook secret of your GitHub App/,
    );
    expect(() => assertWebhookSecret({ NODE_ENV: "production", WEBHOOK_SECRET: "s3cret" })).not.toThrow();
    expect(() => assertWebhookSecret({ NODE_ENV: "development" })).not.toThrow();
  });

  it("the app's logger blanks payloads, tokens and keys, including a bad-signature error's payload", () => {
    const out: string[] = [];
    const stream = new Writable({
      write(chunk, _e, done) {
        out.push(chunk.toString());
        done();
      },
    });
    const log = pino(appLoggerOptions({ LOG_LEVEL: "debug" }), stream);
    const error = Object.assign(
      new Error("[@octokit/webhooks] signature does not match event payload and secret"),
      {
        event: { id: "d", name: "push", payload: '{"secret_code":"SENSITIVE"}' },
      },
    );
    log.error(error, "Go to the app settings and verify the webhook secret");
    // What @octokit/webhooks' middleware logs: an AggregateError whose `event` is the first error.
    log.error(Object.assign(new AggregateError([error], error.message), { event: error }));
    log.debug({ event: { id: "d", name: "push", payload: { code: "SENSITIVE" } } }, "Webhook received");
    log.info({ token: "ghs_SENSITIVE", auth: { privateKey: "-----BEGIN SENSITIVE" } }, "auth");
    const text = out.join("");
    expect(text).toContain("verify the webhook secret");
    expect(text).not.toContain("SENSITIVE");
    expect(text).toContain("[redacted]");
  });
});

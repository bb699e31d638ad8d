/** The app was asked to start outside development without a webhook secret. */
export class MissingWebhookSecretError extends Error {
  constructor() {
    super(
      "WEBHOOK_SECRET is not set. Outside NODE_ENV=development or test the app refuses to start without it, because " +
        'Probot would otherwise accept deliveries signed with the secret "development". Set WEBHOOK_SECRET to the ' +
        "webhook secret of your GitHub App (github.com → Settings → Developer settings → GitHub Apps → your app → " +
        "Webhook secret), or set NODE_ENV=development for local work.",
    );
    this.name = "MissingWebhookSecretError";
  }
}

/** Throws {@link MissingWebhookSecretError} when WEBHOOK_SECRET is unset outside development and test. */
export function assertWebhookSecret(env: NodeJS.ProcessEnv): void {
  if (env.NODE_ENV === "development" || env.NODE_ENV === "test") return;
  if (!env.WEBHOOK_SECRET || env.WEBHOOK_SECRET.trim() === "") throw new MissingWebhookSecretError();
}

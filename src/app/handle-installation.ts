import type { Context, Probot } from "probot";
import { BOOTSTRAP_JOB, enqueueLearningJob } from "../learning/learning-jobs.js";
import { recordDelivery } from "./record-delivery.js";
import type { AppDeps } from "./types.js";

/** An installation webhook, as plain data. */
export interface InstallationWebhook {
  deliveryId: string;
  action: string;
  installationId: number;
  account: string;
  accountType: string;
  repositorySelection: "all" | "selected";
  added: string[];
  removed: string[];
}

/**
 * `installation` and `installation_repositories`: record which repositories each installation covers, and queue
 * the bootstrap of the repositories it gains.
 */
export function registerInstallationHandlers(app: Probot, deps: AppDeps): void {
  app.on("installation", (context) => recordInstallation(fromInstallation(context), deps));
  app.on("installation_repositories", (context) =>
    recordInstallation(fromInstallationRepositories(context), deps),
  );
}

export async function recordInstallation(event: InstallationWebhook, deps: AppDeps): Promise<void> {
  const { installations } = deps.store;
  const log = deps.log.child({ deliveryId: event.deliveryId, installationId: event.installationId });
  const kind = event.action.startsWith("repositories_") ? "installation_repositories" : "installation";
  await recordDelivery(
    {
      id: event.deliveryId,
      event: kind,
      action: event.action.replace("repositories_", ""),
      repository: null,
      installationId: event.installationId,
    },
    deps,
  );
  if (event.action === "deleted") {
    await installations.markDeleted(event.installationId);
    log.info(
      `installation ${event.installationId} (${event.account}) was removed: its repositories are no longer scored`,
    );
    return;
  }
  if (event.action === "suspend" || event.action === "unsuspend") {
    await installations.setSuspended(event.installationId, event.action === "suspend");
    log.info(`installation ${event.installationId} (${event.account}) ${event.action}ed`);
    return;
  }
  await installations.upsert({
    id: event.installationId,
    account: event.account,
    accountType: event.accountType,
    repositorySelection: event.repositorySelection,
  });
  if (event.added.length) await installations.addRepositories(event.installationId, event.added);
  if (event.removed.length) await installations.removeRepositories(event.installationId, event.removed);
  await queueBootstraps(event, deps, log);
  log.info(
    { added: event.added.length, removed: event.removed.length },
    `installation ${event.installationId} (${event.account}) ${event.action}: ${event.added.length} repositories added, ` +
      `${event.removed.length} removed`,
  );
}

/**
 * Each repository an installation gains gets one bootstrap job (mirror → mine → label → train), when the
 * learning loop is set up. The job id is per repository: a redelivered install event queues nothing new.
 */
async function queueBootstraps(
  event: InstallationWebhook,
  deps: AppDeps,
  log: { info(msg: string): void; debug(msg: string): void },
): Promise<void> {
  if (event.added.length === 0) return;
  if (!deps.learning) {
    log.debug("no learning loop is set up: the new repositories are scored by the default model");
    return;
  }
  for (const repository of event.added) {
    await enqueueLearningJob(
      deps.queue,
      BOOTSTRAP_JOB,
      { repository, installationId: event.installationId, trigger: `installation ${event.action}` },
      new Date(),
    );
  }
  log.info(`queued the bootstrap of ${event.added.length} repositories (mirror, mine, label, train)`);
}

function fromInstallation(context: Context<"installation">): InstallationWebhook {
  const { payload } = context;
  const account = payload.installation.account as { login?: string; slug?: string; type?: string } | null;
  return {
    deliveryId: context.id,
    action: payload.action,
    installationId: payload.installation.id,
    account: account?.login ?? account?.slug ?? "unknown",
    accountType: account?.type ?? "Enterprise",
    repositorySelection: payload.installation.repository_selection,
    added: payload.action === "created" ? (payload.repositories ?? []).map((r) => r.full_name) : [],
    removed: [],
  };
}

function fromInstallationRepositories(context: Context<"installation_repositories">): InstallationWebhook {
  const { payload } = context;
  const account = payload.installation.account as { login?: string; slug?: string; type?: string } | null;
  return {
    deliveryId: context.id,
    action: `repositories_${payload.action}`,
    installationId: payload.installation.id,
    account: account?.login ?? account?.slug ?? "unknown",
    accountType: account?.type ?? "Enterprise",
    repositorySelection: payload.repository_selection,
    added: payload.repositories_added.map((r) => r.full_name),
    removed: payload.repositories_removed.map((r) => r.full_name ?? "").filter(Boolean),
  };
}

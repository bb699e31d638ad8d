import type { Context, Probot } from "probot";
import { recordDelivery } from "./record-delivery.js";
import type { AppDeps, PushSummary } from "./types.js";

/**
 * `push`: recorded as a delivery and handed to {@link AppDeps.onPush} — the hook point
 * where the labels work (SZZ on bug fixes, reverts) plugs in. Nothing else happens here.
 */
export function registerPushHandlers(app: Probot, deps: AppDeps): void {
  app.on("push", (context) => handlePush(toPushSummary(context), deps));
}

export async function handlePush(push: PushSummary, deps: AppDeps): Promise<void> {
  const log = deps.log.child({ deliveryId: push.deliveryId, repository: push.repository });
  const isNew = await recordDelivery(
    {
      id: push.deliveryId,
      event: "push",
      action: null,
      repository: push.repository,
      installationId: push.installationId,
    },
    deps,
  );
  if (!isNew) return;
  if (!deps.onPush) {
    log.debug(`push to ${push.ref} recorded; no push hook is set up`);
    return;
  }
  await deps.onPush(push);
}

function toPushSummary(context: Context<"push">): PushSummary {
  const { payload } = context;
  return {
    installationId: payload.installation?.id ?? null,
    repository: payload.repository.full_name,
    ref: payload.ref,
    before: payload.before,
    after: payload.after,
    defaultBranch: payload.repository.default_branch ?? payload.repository.master_branch ?? "main",
    commitShas: payload.commits.map((c) => c.id),
    deliveryId: context.id,
  };
}

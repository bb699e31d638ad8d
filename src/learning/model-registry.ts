import { createHash } from "node:crypto";
import path from "node:path";
import type { BandThresholds, RiskModel } from "../model/types.js";
import type { ModelStore, ModelVersionRecord } from "../store/models.js";

/**
 * Every repository model version is kept: artifacts under `<dataDir>/models/<owner>/<repo>/<version>/`,
 * status and history in the models store. One version is `active` (shown), at most one `shadow` (scored,
 * hidden); promotion and rollback are single store transactions and each is recorded as a decision.
 */

/** No version to roll back to or promote. The message says what to do. */
export class ModelRegistryError extends Error {
  override name = "ModelRegistryError";
}

/** `owner/name` → [owner, name]; a local path → ["local", "<basename>-<hash>"] so two clones never collide. */
export function repositorySlug(repository: string): [string, string] {
  const m = /^([\w.-]+)\/([\w.-]+)$/.exec(repository);
  if (m) return [m[1], m[2]];
  const hash = createHash("sha256").update(path.resolve(repository)).digest("hex").slice(0, 8);
  const base =
    path
      .basename(path.resolve(repository))
      .replace(/\.git$/, "")
      .replace(/[^\w.-]/g, "_") || "repo";
  return ["local", `${base}-${hash}`];
}

/** `<dataDir>/models/<owner>/<repo>`: every version of a repository lives below it. */
export function repositoryModelsRoot(dataDir: string, repository: string): string {
  return path.join(dataDir, "models", ...repositorySlug(repository));
}

export function repositoryModelDir(dataDir: string, repository: string, version: string): string {
  return path.join(repositoryModelsRoot(dataDir, repository), version);
}

/**
 * Name prefix of the next version, `<repo>-r<n>`; the trainer appends date and checksum
 * (e.g. `widgets-r3-2026.12.04-1a2b3c4`), so versions are readable, ordered and unique per repository.
 */
export function nextVersionName(repository: string, existing: readonly ModelVersionRecord[]): string {
  const name = repositorySlug(repository)[1].replace(/-[0-9a-f]{8}$/, "");
  return `${name}-r${existing.length + 1}`;
}

/** Makes `version` active (retiring the previous one) and records why. */
export async function promoteVersion(
  store: ModelStore,
  input: {
    repository: string;
    version: string;
    action: "promote" | "manual-promote";
    reason: string;
    evidence: Record<string, unknown>;
    bands?: BandThresholds | null;
    at: Date;
  },
): Promise<void> {
  const record = await store.getVersion(input.repository, input.version);
  if (!record) {
    throw new ModelRegistryError(
      `No model version "${input.version}" for ${input.repository}; run \`defect models list --repo …\` to see them.`,
    );
  }
  const previous = await store.getByStatus(input.repository, "active");
  if (input.bands) await store.updateBands(input.repository, input.version, input.bands);
  await store.setStatus(input.repository, input.version, "active", input.at.toISOString());
  await store.recordDecision({
    repository: input.repository,
    version: input.version,
    previousVersion: previous?.version ?? null,
    action: input.action,
    reason: input.reason,
    evidence: input.evidence,
    decidedAt: input.at.toISOString(),
  });
}

/**
 * Rolls back: the active version is retired and the version active before it comes back; with no earlier
 * repository version (or `toDefault`), the repository returns to the shipped default model. Returns the
 * version now active (null: the default model).
 */
export async function rollbackRepository(
  store: ModelStore,
  repository: string,
  at: Date,
  options: { toDefault?: boolean; reason?: string; evidence?: Record<string, unknown> } = {},
): Promise<string | null> {
  const active = await store.getByStatus(repository, "active");
  if (!active) {
    throw new ModelRegistryError(
      `${repository} is already on the shipped default model; there is nothing to roll back.`,
    );
  }
  // The version to return to is the one this version replaced when it was promoted (a stack, so repeated
  // rollbacks walk back through the promotions rather than bouncing between two versions).
  const promotion = (await store.listDecisions(repository, 1000)).find(
    (d) => d.version === active.version && (d.action === "promote" || d.action === "manual-promote"),
  );
  const earlier =
    !options.toDefault && promotion?.previousVersion
      ? await store.getVersion(repository, promotion.previousVersion)
      : null;
  await store.setStatus(repository, active.version, "retired", at.toISOString());
  if (earlier) await store.setStatus(repository, earlier.version, "active", at.toISOString());
  await store.recordDecision({
    repository,
    version: earlier?.version ?? "default",
    previousVersion: active.version,
    action: "rollback",
    reason:
      options.reason ??
      (earlier
        ? `Rolled back from ${active.version} to ${earlier.version}.`
        : `Rolled back from ${active.version} to the shipped default model.`),
    evidence: options.evidence ?? {},
    decidedAt: at.toISOString(),
  });
  return earlier?.version ?? null;
}

/** A model with the repository's re-derived band thresholds in place of the manifest's. */
function withBands(model: RiskModel, bands: BandThresholds | null): RiskModel {
  if (!bands) return model;
  return {
    version: model.version,
    featureNames: model.featureNames,
    bands,
    predict: (rows) => model.predict(rows),
  };
}

const cache = new Map<string, Promise<RiskModel>>();

/** Loads a version's artifacts once per process (scoring every PR must not reload weights). */
export function loadVersionModel(
  record: ModelVersionRecord,
  load: (dir: string) => Promise<RiskModel>,
): Promise<RiskModel> {
  const key = `${record.artifactDir}\u0000${JSON.stringify(record.bands)}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = load(record.artifactDir).then((m) => withBands(m, record.bands));
    hit.catch(() => cache.delete(key));
    cache.set(key, hit);
  }
  return hit;
}

/** The model that scores the repository now: its active version, else the default model. */
export async function resolveActiveModel(
  store: ModelStore,
  repository: string,
  load: (dir: string) => Promise<RiskModel>,
  defaultModel: () => Promise<RiskModel>,
): Promise<{ model: RiskModel; record: ModelVersionRecord | null }> {
  const record = await store.getByStatus(repository, "active");
  if (!record) return { model: await defaultModel(), record: null };
  return { model: await loadVersionModel(record, load), record };
}

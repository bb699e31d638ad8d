import { CONFIDENCE } from "./confidence.js";
import type { LabelInput } from "./types.js";

/** A change that reached (or did not reach) the default branch. */
export interface MergedChange {
  commitSha: string;
  prNumber?: number | null;
  /** When it landed (merge time or push time), Unix seconds; null when it was closed without merge. */
  mergedAt: number | null;
}

const DAY = 86_400;

/**
 * The outcome label of a change at time `now` (Unix seconds): closed without merge → `unmerged` (kept
 * apart, never clean); merged and implicated by a bug label → `unlabeled` (the bug label speaks); merged
 * less than `maturityDays` ago → `unlabeled` (too young to say); otherwise → `clean`.
 */
export function assessOutcome(
  repository: string,
  change: MergedChange,
  implicated: ReadonlySet<string>,
  now: number,
  maturityDays: number,
): LabelInput {
  const base = {
    repository,
    commitSha: change.commitSha,
    prNumber: change.prNumber ?? null,
    source: "outcome" as const,
    origin: "",
  };
  if (change.mergedAt === null) {
    return {
      ...base,
      label: "unmerged",
      confidence: CONFIDENCE.outcomeFact,
      details: { state: "closed-unmerged" },
    };
  }
  const mergedAt = new Date(change.mergedAt * 1000).toISOString();
  if (implicated.has(change.commitSha)) {
    return {
      ...base,
      label: "unlabeled",
      confidence: CONFIDENCE.outcomeFact,
      details: { state: "implicated", mergedAt },
    };
  }
  const matureAt = change.mergedAt + maturityDays * DAY;
  if (now < matureAt) {
    return {
      ...base,
      label: "unlabeled",
      confidence: CONFIDENCE.outcomeFact,
      details: { state: "maturing", mergedAt, matureAt: new Date(matureAt * 1000).toISOString() },
    };
  }
  return {
    ...base,
    label: "clean",
    confidence: CONFIDENCE.outcomeClean,
    details: { state: "mature", mergedAt, maturityDays },
    observedAt: new Date(matureAt * 1000).toISOString(),
  };
}

import type { Store } from "../store/types.js";
import { CONFIDENCE } from "./confidence.js";
import type { RecordOutcome } from "./types.js";

/** What `/defect feedback bug|clean` carries (the command checks write access before calling). */
export interface FeedbackInput {
  /** `owner/name`. */
  repository: string;
  /** Pull request number. */
  pr: number;
  /** Head commit of the pull request when the feedback was given: the label lands on it. */
  headSha: string;
  label: "bug" | "clean";
  /** GitHub login of the person giving feedback. */
  user: string;
  /** Free text after the command, if any. */
  reason?: string | null;
}

/**
 * Records a user's verdict on a pull request as a label with source `feedback` (confidence 1). One
 * active verdict per user and commit: the same verdict again changes nothing, a changed mind supersedes
 * the earlier one (kept as history). Throws with what to fix when the input is malformed.
 */
export async function recordFeedback(
  store: Pick<Store, "labels">,
  input: FeedbackInput,
): Promise<{ outcome: RecordOutcome; id: number }> {
  if (input.label !== "bug" && input.label !== "clean") {
    throw new Error(
      `Feedback label must be "bug" or "clean", got "${String(input.label)}". Usage: /defect feedback bug|clean [reason]`,
    );
  }
  if (!/^[0-9a-f]{40}$/i.test(input.headSha)) {
    throw new Error(`Feedback needs the pull request's full head sha, got "${input.headSha}".`);
  }
  if (!Number.isInteger(input.pr) || input.pr <= 0)
    throw new Error(`Feedback needs a pull request number, got ${input.pr}.`);
  if (!input.user) throw new Error("Feedback needs the GitHub login of the person giving it.");
  return store.labels.recordLabel({
    repository: input.repository,
    commitSha: input.headSha.toLowerCase(),
    prNumber: input.pr,
    label: input.label,
    source: "feedback",
    confidence: CONFIDENCE.feedback,
    origin: `user:${input.user}`,
    fixSha: null,
    details: { user: input.user, reason: input.reason ?? null },
  });
}

/** What a revert says it undoes. Empty arrays and a null subject mean "not a revert". */
export interface RevertEvidence {
  isRevert: boolean;
  /** Full or abbreviated shas from "This reverts commit X." lines. */
  revertedShas: string[];
  /** The quoted subject of `Revert "…"` (GitHub's revert button; `git revert` too). */
  revertedSubject: string | null;
  /** Pull requests from GitHub's revert PR body "Reverts owner/repo#123". */
  revertedPullRequests: number[];
}

const THIS_REVERTS = /This reverts commit ([0-9a-f]{7,40})/gi;
const REVERT_SUBJECT = /^Revert\s+"(.+)"\s*$/i;
const REVERTS_PR = /^Reverts\s+(?:[\w.-]+\/[\w.-]+)?#(\d+)\s*$/gim;

/** Reads a commit message or PR title + body for what it reverts. */
export function detectRevert(message: string): RevertEvidence {
  const revertedShas = [...new Set([...message.matchAll(THIS_REVERTS)].map((m) => m[1].toLowerCase()))];
  const subject = message.split("\n")[0]?.trim() ?? "";
  let revertedSubject = REVERT_SUBJECT.exec(subject)?.[1] ?? null;
  // Reverting a revert restores the original: the inner change is not being called bad.
  if (revertedSubject && /^Revert\s+"/i.test(revertedSubject)) {
    return { isRevert: false, revertedShas: [], revertedSubject: null, revertedPullRequests: [] };
  }
  const revertedPullRequests = [...message.matchAll(REVERTS_PR)].map((m) => Number(m[1]));
  if (!revertedSubject && revertedShas.length === 0 && /^Revert\b/i.test(subject)) {
    revertedSubject = subject.replace(/^Revert:?\s*/i, "").trim() || null;
  }
  return {
    isRevert: revertedShas.length > 0 || revertedSubject !== null || revertedPullRequests.length > 0,
    revertedShas,
    revertedSubject,
    revertedPullRequests,
  };
}

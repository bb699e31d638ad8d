/**
 * How much each kind of label is trusted (0..1). The SZZ figures are the precisions Rosa et al.
 * (ICSE 2021, "Evaluating SZZ Implementations Through a Developer-informed Oracle") measured:
 * R-SZZ (the most recent candidate only) .66, plain blame of every candidate (B-SZZ / PyDriller) .39.
 * A non-most-recent candidate is kept below the B-SZZ average because the most recent one takes
 * most of that precision. The rest are judgement calls, written down in docs/labels.md.
 */
export const CONFIDENCE = {
  /** R-SZZ's pick: the most recent commit among the blamed ones. */
  szzMostRecent: 0.66,
  /** Any other blamed commit of the same fix. */
  szzOther: 0.3,
  /** Named in "This reverts commit X" (git revert, GitHub's revert button). */
  revertBySha: 0.9,
  /** Found by the quoted subject of `Revert "…"` only. */
  revertBySubject: 0.75,
  /** Merged, and nothing implicated it during the maturity window. */
  outcomeClean: 0.8,
  /** A person with write access said so. */
  feedback: 1,
  /** Facts, not judgements: still unlabeled, or closed without merge. */
  outcomeFact: 1,
} as const;

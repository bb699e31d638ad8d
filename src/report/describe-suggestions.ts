import type { ChangedFile } from "../change/types.js";
import type { FeatureValues } from "../features/types.js";
import type { Reason } from "./types.js";
import type { FileHistoryFacts } from "./describe-types.js";
import { formatCount, plural, subsystemOf, valueOf } from "./describe-numbers.js";
import { subsystems } from "./describe-groups.js";

/** What the suggestions look at: the change's reasons (weights by group), its files and values. */
export interface SuggestionInput {
  reasons: Reason[];
  values: FeatureValues;
  files: ChangedFile[];
  /** Per-file risk, to point at the riskiest file. */
  fileRisk: Record<string, number>;
  fileHistory?: Record<string, FileHistoryFacts>;
}

/** A change this big is worth splitting when size or spread is what raises its risk. */
const SPLIT_FILES = 8;
const SPLIT_LINES = 400;
const TEST_PATH = /(^|\/)(tests?|__tests__|spec)\/|[._-](test|spec)\.[^/]+$|_test\.go$|Test\.java$/i;
/** Source code a test can exercise (not lockfiles, docs or config). */
const CODE_PATH =
  /\.(c|cc|cpp|cs|cxx|go|h|hpp|java|js|jsx|kt|m|mjs|cjs|php|py|rb|rs|scala|swift|ts|tsx|mts|cts|vue|svelte)$/i;

/**
 * Suggestions that would lower the risk, for a change that scores above the baseline, and only where the
 * attributions say the matching factor raised it:
 * split the PR (size/diffusion), add tests beside the riskiest file, ask an experienced reviewer (experience),
 * look hard at files whose recent changes were often fixed (history).
 */
export function describeSuggestions(input: SuggestionInput): string[] {
  const weight = (key: string) => input.reasons.find((r) => r.key === key)?.weight ?? 0;
  const out: string[] = [];
  // A change that already scores below a typical clean change here gets no advice: it would only be noise.
  const raised = input.reasons.reduce((sum, r) => sum + r.weight, 0) > 0;
  if (!raised) return out;
  const nf = valueOf(input.values, "nf") ?? input.files.length;
  const lines = (valueOf(input.values, "la") ?? 0) + (valueOf(input.values, "ld") ?? 0);
  if ((weight("size") > 0 || weight("diffusion") > 0) && (nf >= SPLIT_FILES || lines >= SPLIT_LINES)) {
    const parts = [...new Set(input.files.map((f) => subsystemOf(f.path)))].sort();
    const how =
      parts.length > 1
        ? `the changes under ${subsystems(input.files.map((f) => f.path))} could be reviewed separately`
        : "smaller steps are easier to review";
    out.push(`Split the PR: it changes ${plural(nf, "file")} and ${plural(lines, "line")}; ${how}.`);
  }
  const riskiest = input.files
    .filter((f) => CODE_PATH.test(f.path) && !TEST_PATH.test(f.path) && !f.binary && f.status !== "removed")
    .sort((a, b) => (input.fileRisk[b.path] ?? 0) - (input.fileRisk[a.path] ?? 0))[0];
  if (riskiest && !input.files.some((f) => TEST_PATH.test(f.path))) {
    out.push(`Add tests beside \`${riskiest.path}\`: no test file changes in this PR.`);
  }
  if (weight("experience") > 0) {
    const sexp = valueOf(input.values, "sexp");
    const note =
      sexp === null
        ? ""
        : sexp === 0
          ? " (it is the author's first change there)"
          : ` (the author has ${plural(sexp, "earlier change")} there)`;
    out.push(
      `Ask someone who often changes ${subsystems(
        input.files.map((f) => f.path),
        "or",
      )} to review${note}.`,
    );
  }
  if (weight("history") > 0 && input.fileHistory) {
    const flaky = Object.entries(input.fileHistory)
      .filter(([path, f]) => f.laterFixed >= 2 && input.files.some((c) => c.path === path))
      .sort((a, b) => b[1].laterFixed - a[1].laterFixed)[0];
    if (flaky) {
      const [path, f] = flaky;
      out.push(
        `Review \`${path}\` with extra care: ${formatCount(f.laterFixed)} of its last ${formatCount(f.recentChanges)} changes were later fixed.`,
      );
    }
  }
  return out;
}

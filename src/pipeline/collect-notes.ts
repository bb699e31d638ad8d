import type { Change, ChangedFile } from "../change/types.js";
import type { ExtractionError } from "../features/registry.js";

const MAX_LISTED = 5;

function list(paths: readonly string[]): string {
  const shown = paths.slice(0, MAX_LISTED).map((p) => `\`${p}\``);
  const more = paths.length - shown.length;
  return shown.join(", ") + (more > 0 ? ` and ${more} more` : "");
}

/** The reader-facing notes of a score: what was not seen, not scored normally, or failed. */
export function collectNotes(input: {
  original: Change;
  scored: Change;
  ignored: readonly ChangedFile[];
  diffOnly: readonly string[];
  maxFilesScored: number;
  errors: readonly ExtractionError[];
  explainError?: string;
}): string[] {
  const { original, scored, ignored, diffOnly, errors } = input;
  const notes: string[] = [];
  if (original.files.length === 0)
    notes.push("The change has no changed files; the score reflects an empty change.");
  const beyond = original.totalFiles - original.files.length;
  if (beyond > 0) {
    notes.push(
      `GitHub lists at most 3,000 files of a pull request: ${beyond} more file(s) were not seen or scored.`,
    );
  }
  if (ignored.length > 0) {
    notes.push(
      `${ignored.length} file(s) matched the ignored paths and were left out: ${list(ignored.map((f) => f.path))}.`,
    );
  }
  const binary = scored.files.filter((f) => f.patchOmitted === "binary" || f.binary);
  if (binary.length > 0)
    notes.push(
      `${binary.length} binary file(s) have no line-level diff: ${list(binary.map((f) => f.path))}.`,
    );
  const omitted = scored.files.filter((f) => f.patchOmitted && f.patchOmitted !== "binary" && !f.binary);
  if (omitted.length > 0) {
    notes.push(
      `GitHub omitted the patch of ${omitted.length} file(s) (too large): their line counts are used, ` +
        `their hunks are not: ${list(omitted.map((f) => f.path))}.`,
    );
  }
  if (diffOnly.length > 0) {
    notes.push(
      `${diffOnly.length} file(s) beyond the ${input.maxFilesScored} most-changed were scored on diff features only.`,
    );
  }
  for (const e of errors)
    notes.push(`Feature extractor "${e.extractor}" failed: ${e.message}; its features were left unknown.`);
  if (input.explainError)
    notes.push(`Reasons are unavailable: the explanation failed (${input.explainError}).`);
  return notes;
}

import type { ChangedFile } from "../../change/types.js";
import type { FeatureContext, FeatureExtractor, FeatureSpec, FeatureValues } from "../types.js";
import { compareFileVersions, type FileDelta } from "./compare-file-versions.js";
import { measureJsComplexity, type FileMetrics } from "./measure-js-complexity.js";
import { measureLexicalComplexity } from "./measure-lexical-complexity.js";

const JS_TS = /\.(js|jsx|mjs|cjs|ts|tsx|mts|cts)$/i;
const LEXICAL = /\.(java|py|go|c|cc|cpp|cxx|h|hpp|cs|rb|php|scala|kt|kts|swift|rs|groovy)$/i;

const spec = (name: string, description: string, unit: string): FeatureSpec => ({
  name,
  group: "ast",
  description,
  unit,
  transform: "none",
});

const SPECS: FeatureSpec[] = [
  spec("ast_cc_before", "Cyclomatic complexity of the changed code files before the change (sum).", "paths"),
  spec("ast_cc_after", "Cyclomatic complexity of the changed code files after the change (sum).", "paths"),
  spec("ast_cc_delta", "Change of cyclomatic complexity (after − before).", "paths"),
  spec(
    "ast_nesting_delta",
    "Largest increase of a file's maximum nesting depth (may be negative).",
    "levels",
  ),
  spec("ast_functions_touched", "JS/TS functions containing a changed line.", "functions"),
  spec("ast_touched_cc_delta", "Complexity change of the touched JS/TS functions (sum).", "paths"),
  spec("ast_functions_added", "JS/TS functions that exist only after the change.", "functions"),
  spec("ast_functions_removed", "JS/TS functions that exist only before the change.", "functions"),
  spec("ast_parse_failures", "Changed JS/TS files that did not parse on either side.", "files"),
  spec("ast_files_lexical", "Changed files of other languages measured lexically.", "files"),
];

function measure(code: string | null, path: string, lexical: boolean): FileMetrics | null {
  if (code === null) return null;
  return lexical ? measureLexicalComplexity(code) : measureJsComplexity(code, path);
}

async function fileDelta(
  ctx: FeatureContext,
  file: ChangedFile,
): Promise<{ delta: FileDelta | null; failed: boolean }> {
  const lexical = !JS_TS.test(file.path);
  const [before, after] = await Promise.all([ctx.contents!.before(file), ctx.contents!.after(file)]);
  try {
    const beforePath = file.previousPath ?? file.path;
    return {
      delta: compareFileVersions(
        file,
        measure(before, beforePath, lexical),
        measure(after, file.path, lexical),
      ),
      failed: false,
    };
  } catch {
    return { delta: null, failed: true };
  }
}

/** AST complexity features of the change's code files; null everywhere when no file contents are available. */
export const astComplexityExtractor: FeatureExtractor = {
  name: "ast-complexity",
  features: SPECS,
  async extract(ctx) {
    const values: FeatureValues = Object.fromEntries(SPECS.map((s) => [s.name, null]));
    if (!ctx.contents) return values;
    const files = ctx.change.files.filter((f) => !f.binary && (JS_TS.test(f.path) || LEXICAL.test(f.path)));
    const totals = {
      before: 0,
      after: 0,
      nesting: 0,
      touched: 0,
      touchedCc: 0,
      added: 0,
      removed: 0,
      failures: 0,
      lexical: 0,
    };
    let nesting: number | null = null;
    for (const file of files) {
      const { delta, failed } = await fileDelta(ctx, file);
      if (failed || !delta) {
        totals.failures++;
        continue;
      }
      if (!JS_TS.test(file.path)) totals.lexical++;
      totals.before += delta.ccBefore;
      totals.after += delta.ccAfter;
      nesting = nesting === null ? delta.nestingDelta : Math.max(nesting, delta.nestingDelta);
      totals.touched += delta.touched;
      totals.touchedCc += delta.touchedCcDelta;
      totals.added += delta.added;
      totals.removed += delta.removed;
    }
    return {
      ast_cc_before: totals.before,
      ast_cc_after: totals.after,
      ast_cc_delta: totals.after - totals.before,
      ast_nesting_delta: nesting ?? 0,
      ast_functions_touched: totals.touched,
      ast_touched_cc_delta: totals.touchedCc,
      ast_functions_added: totals.added,
      ast_functions_removed: totals.removed,
      ast_parse_failures: totals.failures,
      ast_files_lexical: totals.lexical,
    };
  },
};

/** The ast extractors, registered by the default registry. Owned by the miner (src/features/ast/). */
export const astExtractors: FeatureExtractor[] = [astComplexityExtractor];

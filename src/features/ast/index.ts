import type { ChangedFile } from "../../change/types.js";
import type { FeatureContext, FeatureExtractor, FeatureSpec, FeatureValues } from "../types.js";
import { compareFileVersions, type FileDelta } from "./compare-file-versions.js";
import { measureJsComplexity, type FileMetrics } from "./measure-js-complexity.js";
import { measureLexicalComplexity } from "./measure-lexical-complexity.js";
import { measureTreeSitterComplexity, treeSitterLanguage } from "./measure-tree-sitter-complexity.js";

const JS_TS = /\.(js|jsx|mjs|cjs|ts|tsx|mts|cts)$/i;
const LEXICAL = /\.(c|cc|cpp|cxx|h|hpp|cs|rb|php|scala|kt|kts|swift|rs|groovy)$/i;

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
  spec(
    "ast_functions_touched",
    "Functions (JS/TS, Java, Python, Go) containing a changed line.",
    "functions",
  ),
  spec("ast_touched_cc_delta", "Complexity change of the touched functions (sum).", "paths"),
  spec("ast_functions_added", "Functions that exist only after the change.", "functions"),
  spec("ast_functions_removed", "Functions that exist only before the change.", "functions"),
  spec(
    "ast_parse_failures",
    "Changed parsed-language files that failed to parse on one side or both.",
    "files",
  ),
  spec("ast_files_lexical", "Changed files of languages without a parser here, measured lexically.", "files"),
];

type Kind = "js" | "tree-sitter" | "lexical";

function kindOf(path: string): Kind | null {
  if (JS_TS.test(path)) return "js";
  if (treeSitterLanguage(path)) return "tree-sitter";
  return LEXICAL.test(path) ? "lexical" : null;
}

/** True for languages whose functions are parsed here (JS/TS, Java, Python, Go), not measured lexically. */
export function hasFunctionParser(path: string): boolean {
  const kind = kindOf(path);
  return kind === "js" || kind === "tree-sitter";
}

/**
 * Metrics of one version of a file by its language (null for no contents or an unmeasured language).
 * @throws the parser's error on a syntax error.
 */
export async function measureFileVersion(code: string | null, path: string): Promise<FileMetrics | null> {
  const kind = kindOf(path);
  return kind ? measure(code, path, kind) : null;
}

async function measure(code: string | null, path: string, kind: Kind): Promise<FileMetrics | null> {
  if (code === null) return null;
  if (kind === "js") return measureJsComplexity(code, path);
  if (kind === "tree-sitter") return measureTreeSitterComplexity(code, treeSitterLanguage(path)!);
  return measureLexicalComplexity(code);
}

async function fileDelta(
  ctx: FeatureContext,
  file: ChangedFile,
): Promise<{ delta: FileDelta | null; failed: boolean }> {
  const kind = kindOf(file.path)!;
  const [before, after] = await Promise.all([ctx.contents!.before(file), ctx.contents!.after(file)]);
  try {
    const beforePath = file.previousPath ?? file.path;
    const [b, a] = [await measure(before, beforePath, kind), await measure(after, file.path, kind)];
    return { delta: compareFileVersions(file, b, a), failed: false };
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
    const files = ctx.change.files.filter((f) => !f.binary && kindOf(f.path) !== null);
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
      if (kindOf(file.path) === "lexical") totals.lexical++;
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

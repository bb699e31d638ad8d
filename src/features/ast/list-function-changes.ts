import type { ChangedFile } from "../../change/types.js";
import type { FunctionChange } from "../../report/describe-types.js";
import type { FileContentProvider } from "../types.js";
import { pairTouchedFunctions } from "./compare-file-versions.js";
import type { FileMetrics } from "./measure-js-complexity.js";
import { hasFunctionParser, measureFileVersion } from "./index.js";

const METRIC = "cyclomatic complexity";

/**
 * The touched functions of one changed file as {@link FunctionChange} records: cyclomatic complexity before
 * (null for a function the change added) and after. Functions the change removed are left out (there is no
 * "after" to show). Pure: pairs the functions the way the AST features do ({@link pairTouchedFunctions}).
 */
export function listFunctionChanges(
  file: ChangedFile,
  before: FileMetrics | null,
  after: FileMetrics | null,
): FunctionChange[] {
  const out: FunctionChange[] = [];
  for (const f of pairTouchedFunctions(file, before, after).touched) {
    if (!f.after) continue;
    out.push({
      path: file.path,
      name: f.name,
      metric: METRIC,
      before: f.before?.complexity ?? null,
      after: f.after.complexity,
      startLine: f.after.startLine,
      endLine: f.after.endLine,
    });
  }
  return out;
}

/**
 * Reads both versions of a file and lists its function changes. Files in languages without a function parser,
 * binary files and files that fail to parse give none: the detail is optional, the score does not need it.
 */
export async function readFunctionChanges(
  file: ChangedFile,
  contents: FileContentProvider,
): Promise<FunctionChange[]> {
  if (file.binary || !hasFunctionParser(file.path)) return [];
  const [before, after] = await Promise.all([contents.before(file), contents.after(file)]);
  try {
    const b = await measureFileVersion(before, file.previousPath ?? file.path);
    const a = await measureFileVersion(after, file.path);
    return listFunctionChanges(file, b, a);
  } catch {
    // A syntax error on either side: the AST features already count it as a parse failure.
    return [];
  }
}

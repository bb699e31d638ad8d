import type { FeatureValues } from "../features/types.js";

/** Per-function AST detail from the miner, when it has it (e.g. cyclomatic complexity of `acquire()` 4 → 16). */
export interface FunctionChange {
  path: string;
  /** Function or method name as written, e.g. `acquire` or `Pool.acquire`. */
  name: string;
  /** Metric name in plain words, e.g. `cyclomatic complexity`, `nesting depth`, `parameters`. */
  metric: string;
  /** Value before the change; null for a new function. */
  before: number | null;
  after: number;
  /** New-side lines of the function, to tie the detail to the hunks that touch it. */
  startLine?: number;
  endLine?: number;
}

/** What earlier changes to one file turned into (from the labels store / SZZ). */
export interface FileHistoryFacts {
  /** How many of the file's last changes were looked at (e.g. 10). */
  recentChanges: number;
  /** How many of those were later fixed (bug-inducing by SZZ or feedback). */
  laterFixed: number;
}

/** Everything a sentence may draw on for one explained vector (the whole change or one file). */
export interface DescribeContext {
  scope: "change" | "file";
  values: FeatureValues;
  attributions: Record<string, number>;
  /** Changed paths (the file's own path for scope "file"), to name directories and subsystems. */
  paths: string[];
  /** Earlier changes of this repository, for "larger than 92 % of changes here". */
  history?: FeatureValues[];
  functionChanges?: FunctionChange[];
  /** Keyed by path. */
  fileHistory?: Record<string, FileHistoryFacts>;
}

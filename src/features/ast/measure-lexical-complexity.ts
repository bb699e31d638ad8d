import type { FileMetrics } from "./measure-js-complexity.js";

/**
 * A lexical approximation for languages without a parser here (Java, Python, Go, C, …): comments and string
 * literals are blanked, then decision keywords and operators are counted (`if`, `for`, `while`, `case`,
 * `catch`, `elif`, `except`, `&&`, `||`, `?` followed by space), and nesting is the deepest brace depth, or
 * for brace-less files (Python) the deepest indentation in steps of the file's smallest indent. Functions are
 * not identified (the per-function features stay out of the sums for these files).
 */
const DECISION = /\b(if|elif|for|foreach|while|case|catch|except)\b|&&|\|\||\?\s/g;

export function measureLexicalComplexity(code: string): FileMetrics {
  const text = code
    .replace(/\/\*[\s\S]*?\*\//g, " ")
    .replace(/(^|[^:])\/\/.*$/gm, "$1")
    .replace(/^\s*#.*$/gm, "")
    .replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '""');
  const complexity = 1 + (text.match(DECISION)?.length ?? 0);
  let depth = 0;
  let maxDepth = 0;
  let braces = 0;
  for (const ch of text) {
    if (ch === "{") {
      braces++;
      depth++;
      if (depth > maxDepth) maxDepth = depth;
    } else if (ch === "}") depth = Math.max(0, depth - 1);
  }
  if (braces === 0) {
    const indents = text
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => l.match(/^[ \t]*/)![0].replace(/\t/g, "    ").length);
    const step = Math.min(...indents.filter((n) => n > 0), Infinity);
    maxDepth = Number.isFinite(step) ? Math.max(...indents) / step : 0;
  }
  return { complexity, maxNesting: maxDepth, functions: [] };
}

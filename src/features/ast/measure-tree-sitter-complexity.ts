import { createRequire } from "node:module";
import path from "node:path";
import Parser from "web-tree-sitter";
import type { FileMetrics, FunctionMetrics } from "./measure-js-complexity.js";

/** What counts in one language's syntax tree (tree-sitter node type names). */
interface LanguageRules {
  grammar: string;
  /** Node types that are one decision point each. */
  decisions: Set<string>;
  /** Binary-expression node types whose `&&` / `||` operator is a decision point. */
  binary: Set<string>;
  /** Node types that open a nesting level. */
  nesting: Set<string>;
  functions: Set<string>;
  /** Types whose name qualifies the functions inside (`Class.method`). */
  classes: Set<string>;
}

const rules = (r: {
  [K in keyof LanguageRules]: K extends "grammar" ? string : string[];
}): LanguageRules => ({
  grammar: r.grammar,
  decisions: new Set(r.decisions),
  binary: new Set(r.binary),
  nesting: new Set(r.nesting),
  functions: new Set(r.functions),
  classes: new Set(r.classes),
});

const LANGUAGES: Record<string, LanguageRules> = {
  java: rules({
    grammar: "java",
    decisions: [
      "if_statement",
      "for_statement",
      "enhanced_for_statement",
      "while_statement",
      "do_statement",
      "catch_clause",
      "ternary_expression",
      "switch_label",
    ],
    binary: ["binary_expression"],
    nesting: [
      "if_statement",
      "for_statement",
      "enhanced_for_statement",
      "while_statement",
      "do_statement",
      "switch_expression",
      "try_statement",
      "catch_clause",
    ],
    functions: ["method_declaration", "constructor_declaration", "lambda_expression"],
    classes: ["class_declaration", "interface_declaration", "enum_declaration", "record_declaration"],
  }),
  python: rules({
    grammar: "python",
    decisions: [
      "if_statement",
      "elif_clause",
      "for_statement",
      "while_statement",
      "except_clause",
      "conditional_expression",
      "boolean_operator",
      "case_clause",
      "if_clause",
    ],
    binary: [],
    nesting: [
      "if_statement",
      "for_statement",
      "while_statement",
      "try_statement",
      "except_clause",
      "with_statement",
      "match_statement",
    ],
    functions: ["function_definition", "lambda"],
    classes: ["class_definition"],
  }),
  go: rules({
    grammar: "go",
    decisions: ["if_statement", "for_statement", "expression_case", "type_case", "communication_case"],
    binary: ["binary_expression"],
    nesting: [
      "if_statement",
      "for_statement",
      "expression_switch_statement",
      "type_switch_statement",
      "select_statement",
    ],
    functions: ["function_declaration", "method_declaration", "func_literal"],
    classes: [],
  }),
};

const EXTENSIONS: Record<string, string> = { ".java": "java", ".py": "python", ".go": "go" };

/** The tree-sitter language of a path, or null when none is supported here. */
export function treeSitterLanguage(file: string): string | null {
  return EXTENSIONS[path.extname(file).toLowerCase()] ?? null;
}

let init: Promise<void> | null = null;
const parsers = new Map<string, Promise<Parser>>();

/** Loads a grammar from tree-sitter-wasms (shipped inside the package: nothing is downloaded). */
function parserFor(language: string): Promise<Parser> {
  let pending = parsers.get(language);
  if (!pending) {
    pending = (async () => {
      init ??= Parser.init();
      await init;
      const require = createRequire(import.meta.url);
      const dir = path.dirname(require.resolve("tree-sitter-wasms/package.json"));
      const grammar = await Parser.Language.load(
        path.join(dir, "out", `tree-sitter-${LANGUAGES[language].grammar}.wasm`),
      );
      const parser = new Parser();
      parser.setLanguage(grammar);
      return parser;
    })();
    parsers.set(language, pending);
  }
  return pending;
}

/**
 * Java, Python and Go with a real parser: McCabe complexity per file and per function, deepest nesting.
 * @throws when the tree has syntax errors: callers count a parse failure, as for JS/TS.
 */
export async function measureTreeSitterComplexity(code: string, language: string): Promise<FileMetrics> {
  const r = LANGUAGES[language];
  const parser = await parserFor(language);
  const tree = parser.parse(code);
  try {
    if (tree.rootNode.hasError) throw new Error(`syntax error in ${language} source`);
    const result: FileMetrics = { complexity: 1, maxNesting: 0, functions: [] };
    const visit = (
      node: Parser.SyntaxNode,
      fn: FunctionMetrics | null,
      depth: number,
      cls: string | null,
    ) => {
      let current = fn;
      let className = cls;
      if (r.classes.has(node.type)) className = node.childForFieldName("name")?.text ?? cls;
      if (r.functions.has(node.type)) {
        const own = node.childForFieldName("name")?.text ?? "<anonymous>";
        current = {
          name: className && own !== "<anonymous>" ? `${className}.${own}` : own,
          startLine: node.startPosition.row + 1,
          endLine: node.endPosition.row + 1,
          complexity: 1,
        };
        result.functions.push(current);
      }
      const decision =
        (r.decisions.has(node.type) && !(node.type === "switch_label" && node.text.startsWith("default"))) ||
        (r.binary.has(node.type) && ["&&", "||"].includes(node.childForFieldName("operator")?.type ?? ""));
      if (decision) {
        result.complexity++;
        if (current) current.complexity++;
      }
      const nested = r.nesting.has(node.type) ? depth + 1 : depth;
      if (nested > result.maxNesting) result.maxNesting = nested;
      for (const child of node.namedChildren) visit(child, current, nested, className);
    };
    visit(tree.rootNode, null, 0, null);
    return result;
  } finally {
    tree.delete();
  }
}

import { parse, type TSESTree } from "@typescript-eslint/typescript-estree";

/** One function of a file, as its complexity metrics see it. */
export interface FunctionMetrics {
  /** `name` or `Class.method`; `<anonymous>` for unnamed functions. */
  name: string;
  startLine: number;
  endLine: number;
  /** McCabe: 1 + decision points inside the function (nested functions excluded). */
  complexity: number;
}

/** Complexity of a whole file. */
export interface FileMetrics {
  /** 1 + every decision point in the file. */
  complexity: number;
  /** Deepest nesting of control structures (if/loops/switch/try/catch). */
  maxNesting: number;
  functions: FunctionMetrics[];
}

type Node = TSESTree.Node;

const FUNCTION_TYPES = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"]);
const NESTING_TYPES = new Set([
  "IfStatement",
  "ForStatement",
  "ForInStatement",
  "ForOfStatement",
  "WhileStatement",
  "DoWhileStatement",
  "SwitchStatement",
  "TryStatement",
  "CatchClause",
]);

function isDecision(node: Node): boolean {
  switch (node.type) {
    case "IfStatement":
    case "ConditionalExpression":
    case "ForStatement":
    case "ForInStatement":
    case "ForOfStatement":
    case "WhileStatement":
    case "DoWhileStatement":
    case "CatchClause":
      return true;
    case "SwitchCase":
      return node.test !== null;
    case "LogicalExpression":
      return true;
    default:
      return false;
  }
}

function functionName(node: Node, parent: Node | undefined, className: string | null): string {
  const own = "id" in node && node.id && "name" in node.id ? (node.id.name as string) : null;
  if (own) return className && parent?.type === "MethodDefinition" ? `${className}.${own}` : own;
  if (parent?.type === "VariableDeclarator" && parent.id.type === "Identifier") return parent.id.name;
  if (
    (parent?.type === "MethodDefinition" || parent?.type === "Property") &&
    parent.key.type === "Identifier"
  ) {
    return className && parent.type === "MethodDefinition"
      ? `${className}.${parent.key.name}`
      : parent.key.name;
  }
  if (parent?.type === "PropertyDefinition" && parent.key.type === "Identifier") {
    return className ? `${className}.${parent.key.name}` : parent.key.name;
  }
  return "<anonymous>";
}

/**
 * Parses JavaScript or TypeScript (JSX allowed) and measures cyclomatic complexity per file and per function.
 * @throws the parser's error on a syntax error: callers count it as a parse failure.
 */
export function measureJsComplexity(code: string, path: string): FileMetrics {
  const ast = parse(code, {
    loc: true,
    range: false,
    jsx: !/\.(ts|mts|cts)$/.test(path),
    comment: false,
    jsDocParsingMode: "none",
  });
  const result: FileMetrics = { complexity: 1, maxNesting: 0, functions: [] };
  const visit = (
    node: Node,
    parent: Node | undefined,
    fn: FunctionMetrics | null,
    depth: number,
    cls: string | null,
  ) => {
    let current = fn;
    let className = cls;
    if (node.type === "ClassDeclaration" || node.type === "ClassExpression") className = node.id?.name ?? cls;
    if (FUNCTION_TYPES.has(node.type)) {
      current = {
        name: functionName(node, parent, className),
        startLine: node.loc.start.line,
        endLine: node.loc.end.line,
        complexity: 1,
      };
      result.functions.push(current);
    }
    if (isDecision(node)) {
      result.complexity++;
      if (current) current.complexity++;
    }
    const nested = NESTING_TYPES.has(node.type) ? depth + 1 : depth;
    if (nested > result.maxNesting) result.maxNesting = nested;
    for (const key of Object.keys(node)) {
      if (key === "parent" || key === "loc" || key === "range") continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const child of value)
          if (child && typeof child.type === "string") visit(child, node, current, nested, className);
      } else if (value && typeof (value as Node).type === "string") {
        visit(value as Node, node, current, nested, className);
      }
    }
  };
  visit(ast as unknown as Node, undefined, null, 0, null);
  return result;
}

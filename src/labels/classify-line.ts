/** Why a deleted line is not blamed; null when it is. */
export type LineSkipReason = "blank" | "comment" | "whitespace" | "punctuation";

type CommentStyle = "c" | "hash" | "sql" | "markup" | "lisp";

const STYLE_BY_EXTENSION: Record<string, CommentStyle[]> = {};
function styles(exts: string, ...s: CommentStyle[]) {
  for (const e of exts.split(" ")) STYLE_BY_EXTENSION[e] = s;
}
styles(
  "java scala kt kts groovy gradle c h cc cpp cxx hpp hh cs go rs swift js jsx mjs cjs ts tsx mts cts dart php css scss less proto thrift",
  "c",
);
styles("py pyi sh bash zsh rb pl pm r yaml yml toml properties conf cfg ini mk cmake dockerfile tf", "hash");
styles("sql lua hs", "sql");
styles("xml html htm xhtml vue svg jsp md", "markup");
styles("clj cljs el lisp scm", "lisp");
STYLE_BY_EXTENSION["php"] = ["c", "hash"];
STYLE_BY_EXTENSION["scss"] = ["c"];

function styleOf(path: string): CommentStyle[] {
  const base = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  if (base === "dockerfile" || base === "makefile" || base.endsWith(".dockerfile")) return ["hash"];
  const dot = base.lastIndexOf(".");
  return dot < 0 ? [] : (STYLE_BY_EXTENSION[base.slice(dot + 1)] ?? []);
}

/**
 * True when a line holds only a comment (or a piece of a block comment) in the language of `path`.
 * Line-level on purpose: a line that mixes code and a trailing comment is code, and is blamed.
 */
export function isCommentOnly(text: string, path: string): boolean {
  const t = text.trim();
  if (!t) return false;
  for (const style of styleOf(path)) {
    switch (style) {
      case "c":
        if (t.startsWith("//") || t.startsWith("/*") || t.startsWith("*") || t.endsWith("*/")) return true;
        break;
      case "hash":
        if (t.startsWith("#") && !t.startsWith("#!") && !t.startsWith("#{")) return true;
        break;
      case "sql":
        if (t.startsWith("--")) return true;
        break;
      case "markup":
        if (t.startsWith("<!--") || t.endsWith("-->")) return true;
        break;
      case "lisp":
        if (t.startsWith(";")) return true;
        break;
    }
  }
  return false;
}

const squash = (s: string) => s.replace(/\s+/g, "");

// A line of brackets alone (`}`, `});`) or a block closer (`fi`, `end`) carries no behaviour of its own,
// and diffs re-align such lines freely: blaming one accuses whoever last touched the block's end.
const PUNCTUATION_ONLY = /^(?:[{}()[\];,.]+|fi|done|esac|end)$/;

/**
 * Classifies the deleted lines of one block of changes. A deleted line whose text, without whitespace,
 * reappears among the block's added lines was only re-indented or re-spaced: blaming it would accuse the
 * wrong commit. Used for GitHub patches, which cannot be asked for a whitespace-blind diff; local diffs use
 * `git diff -w` and pass no added lines, so lines moved within a block are still blamed.
 */
export function classifyDeletedLines(
  deleted: readonly string[],
  added: readonly string[],
  path: string,
): (LineSkipReason | null)[] {
  const addedSquashed = new Map<string, number>();
  for (const a of added) addedSquashed.set(squash(a), (addedSquashed.get(squash(a)) ?? 0) + 1);
  return deleted.map((text) => {
    if (text.trim() === "") return "blank";
    if (isCommentOnly(text, path)) return "comment";
    if (PUNCTUATION_ONLY.test(text.trim())) return "punctuation";
    const key = squash(text);
    const left = addedSquashed.get(key) ?? 0;
    if (left > 0) {
      addedSquashed.set(key, left - 1);
      return "whitespace";
    }
    return null;
  });
}

/** Small markdown helpers shared by the renderers. */

/** A path or text safe inside a markdown table cell, as code. */
export function codeCell(text: string): string {
  const fence = text.includes("`") ? "``" : "`";
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text.replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ")}${pad}${fence}`;
}

/** Plain text safe inside a markdown table cell. */
export function textCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ");
}

/** A probability with two decimals (0.73). */
export function formatRisk(p: number): string {
  return p.toFixed(2);
}

/** A signed attribution (+0.12 / −0.03). */
export function formatWeight(w: number): string {
  return `${w >= 0 ? "+" : "−"}${Math.abs(w).toFixed(2)}`;
}

/**
 * Joins blocks of lines into at most `limit` characters. When they do not fit, whole lines are dropped from the
 * end and `note(dropped)` is appended, so a table is never cut mid-row and the reader sees that it was cut.
 */
export function fitLines(
  lines: readonly string[],
  limit: number,
  note: (droppedLines: number) => string,
): string {
  const full = lines.join("\n");
  if (full.length <= limit) return full;
  const kept: string[] = [];
  let length = 0;
  for (let i = 0; i < lines.length; i++) {
    const tail = `\n\n${note(lines.length - i)}`;
    const add = (kept.length > 0 ? 1 : 0) + lines[i].length;
    if (length + add + tail.length > limit) {
      const text = kept.join("\n") + tail;
      // Even the note alone may not fit a tiny limit; a cut note is still better than an error.
      return text.length <= limit ? text : text.slice(0, limit);
    }
    kept.push(lines[i]);
    length += add;
  }
  return kept.join("\n");
}

/**
 * Splits a line of code into tokens for the token model: identifiers split on camelCase, PascalCase,
 * snake_case and digits (lower-cased), keywords as they are, numbers as `<num>`, string literals as `<str>`,
 * and operators/punctuation (multi-character operators kept whole). Language-agnostic on purpose.
 */
const TOKEN =
  /("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`)|(\d[\w.]*)|([A-Za-z_$][\w$]*)|(===|!==|==|!=|<=|>=|&&|\|\||\?\?|=>|->|::|\+\+|--|\+=|-=|\*=|\/=|<<|>>|[^\s\w])/g;

/** Splits `parseHTTPResponse_v2` into `parse`, `http`, `response`, `v`, `2`. */
export function splitIdentifier(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .replace(/([A-Za-z])(\d)/g, "$1 $2")
    .split(/[\s_$]+/)
    .filter(Boolean)
    .map((p) => p.toLowerCase());
}

export function tokenizeLine(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(TOKEN)) {
    if (m[1] !== undefined) out.push("<str>");
    else if (m[2] !== undefined) out.push("<num>");
    else if (m[3] !== undefined) out.push(...splitIdentifier(m[3]));
    else out.push(m[4]);
  }
  return out;
}

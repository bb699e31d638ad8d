const C_ESCAPES: Record<string, number> = {
  a: 0x07,
  b: 0x08,
  t: 0x09,
  n: 0x0a,
  v: 0x0b,
  f: 0x0c,
  r: 0x0d,
  '"': 0x22,
  "\\": 0x5c,
};

/**
 * Reads one C-quoted path as git prints it (`"dir/na\303\257ve \"x\".txt"`) starting at `start`, which must be
 * the opening quote. Octal escapes are bytes of UTF-8; invalid sequences decode lossily (U+FFFD), never throw.
 * Returns the path and the index just past the closing quote (or the end of the string when it is missing).
 */
export function readQuotedPath(text: string, start: number): { path: string; end: number } {
  const bytes: number[] = [];
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') return { path: Buffer.from(bytes).toString("utf8"), end: i + 1 };
    if (ch === "\\" && i + 1 < text.length) {
      const next = text[i + 1];
      if (next >= "0" && next <= "7") {
        let j = i + 1;
        let value = 0;
        while (j < text.length && j < i + 4 && text[j] >= "0" && text[j] <= "7")
          value = value * 8 + Number(text[j++]);
        bytes.push(value & 0xff);
        i = j;
        continue;
      }
      const escaped = C_ESCAPES[next];
      if (escaped !== undefined) {
        bytes.push(escaped);
        i += 2;
        continue;
      }
    }
    for (const b of Buffer.from(ch, "utf8")) bytes.push(b);
    i += 1;
  }
  return { path: Buffer.from(bytes).toString("utf8"), end: text.length };
}

/** Unquotes a path if git quoted it; unquoted paths come back as they are. */
export function unquoteGitPath(raw: string): string {
  return raw.startsWith('"') ? readQuotedPath(raw, 0).path : raw;
}

/**
 * Reads the path of a `--- a/x` / `+++ b/x` / `rename from x` line's value. `/dev/null` gives null. Git appends a
 * tab after unquoted names that contain spaces, and other tools append a tab and a timestamp: both are cut.
 */
export function readHeaderPath(value: string, prefix: string): string | null {
  let path: string;
  if (value.startsWith('"')) path = readQuotedPath(value, 0).path;
  else {
    const tab = value.indexOf("\t");
    path = tab >= 0 ? value.slice(0, tab) : value;
  }
  if (path === "/dev/null") return null;
  return prefix && path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/**
 * Splits the two names of a `diff --git a/x b/y` line (the part after `diff --git `). Exact when the names are
 * quoted or equal; for an unquoted rename with spaces it is a best guess, which the `rename from`/`---` lines
 * that follow correct.
 */
export function splitDiffGitNames(rest: string): { oldPath: string; newPath: string } {
  if (rest.startsWith('"')) {
    const first = readQuotedPath(rest, 0);
    const second = rest.slice(first.end).trimStart();
    return { oldPath: stripPrefix(first.path, "a/"), newPath: readHeaderPath(second, "b/") ?? "" };
  }
  if (rest.endsWith('"')) {
    const open = rest.lastIndexOf(' "');
    if (open >= 0) {
      return {
        oldPath: stripPrefix(rest.slice(0, open), "a/"),
        newPath: stripPrefix(readQuotedPath(rest, open + 1).path, "b/"),
      };
    }
  }
  // Same name on both sides (the common case): "a/" + P + " b/" + P.
  if ((rest.length - 5) % 2 === 0) {
    const half = (rest.length - 5) / 2;
    const left = rest.slice(2, 2 + half);
    if (rest.startsWith("a/") && rest.slice(2 + half, 5 + half) === " b/" && rest.slice(5 + half) === left) {
      return { oldPath: left, newPath: left };
    }
  }
  const split = rest.indexOf(" b/");
  if (split >= 0) return { oldPath: stripPrefix(rest.slice(0, split), "a/"), newPath: rest.slice(split + 3) };
  const space = rest.indexOf(" ");
  return space >= 0
    ? { oldPath: rest.slice(0, space), newPath: rest.slice(space + 1) }
    : { oldPath: rest, newPath: rest };
}

function stripPrefix(path: string, prefix: string): string {
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

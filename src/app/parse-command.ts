/** A `/defect …` command found in a comment. */
export type DefectCommand =
  | { kind: "explain"; path?: string }
  | { kind: "help" }
  | { kind: "feedback"; label: "bug" | "clean"; reason?: string }
  | { kind: "retrain" }
  /** Addressed to us but not understood: answered with help and `problem`. */
  | { kind: "unknown"; problem: string };

const PREFIX = /^\/defect(?:\s+|$)(.*)$/i;

/**
 * Finds the first `/defect` command in a comment body: a line that starts with `/defect`, outside quotes (`>`)
 * and fenced code blocks, so quoting an earlier command never runs it again. Returns null when there is none.
 */
export function parseCommand(body: string | null | undefined): DefectCommand | null {
  let fenced = false;
  for (const raw of (body ?? "").split(/\r?\n/)) {
    const line = raw.trim();
    if (/^(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced || line.startsWith(">")) continue;
    const match = PREFIX.exec(line);
    if (match) return parseArguments(match[1].trim());
  }
  return null;
}

function parseArguments(rest: string): DefectCommand {
  const [verb = "", ...args] = rest.split(/\s+/).filter(Boolean);
  switch (verb.toLowerCase()) {
    case "":
    case "help":
      return { kind: "help" };
    case "explain": {
      const path = args.join(" ").replace(/^`|`$/g, "");
      return path ? { kind: "explain", path } : { kind: "explain" };
    }
    case "feedback": {
      const label = (args[0] ?? "").toLowerCase();
      if (label !== "bug" && label !== "clean") {
        return {
          kind: "unknown",
          problem: "`/defect feedback` takes `bug` or `clean`, then an optional reason.",
        };
      }
      const reason = args.slice(1).join(" ").trim();
      return reason ? { kind: "feedback", label, reason } : { kind: "feedback", label };
    }
    case "retrain":
      return { kind: "retrain" };
    default:
      return { kind: "unknown", problem: `\`${verb.slice(0, 40)}\` is not a command I know.` };
  }
}

import type { DescribeContext } from "./describe-types.js";
import { comparePhrase, formatCount, plural, subsystemOf, sumOf, valueOf } from "./describe-numbers.js";

/** Builds the sentence for one feature group, with the numbers that make it true; null when nothing is known. */
export type GroupSentence = (ctx: DescribeContext) => string | null;

const withComparison = (text: string, phrase: string | null): string =>
  phrase ? `${text} — ${phrase}` : text;

/** la / ld / lt: how much changed, in files how big. */
export const describeSize: GroupSentence = (ctx) => {
  const la = valueOf(ctx.values, "la");
  const ld = valueOf(ctx.values, "ld");
  const lt = valueOf(ctx.values, "lt");
  if (la === null && ld === null && lt === null) return null;
  const parts: string[] = [];
  if (la !== null || ld !== null) {
    parts.push(`adds ${plural(la ?? 0, "line")} and deletes ${formatCount(ld ?? 0)}`);
  }
  if (lt !== null) {
    const where = ctx.scope === "file" ? "a file" : "files";
    parts.push(`${parts.length ? "in " : "touches "}${where} that had ${plural(lt, "line")} before`);
  }
  const changed = (la ?? 0) + (ld ?? 0);
  return withComparison(
    parts.join(" "),
    la !== null && ld !== null
      ? comparePhrase(changed, ctx.history, (r) => sumOf(r, ["la", "ld"]), [
          "more changed lines than",
          "fewer changed lines than",
        ])
      : null,
  );
};

/** ns / nd / nf / entropy: how spread out the change is. */
export const describeDiffusion: GroupSentence = (ctx) => {
  const nf = valueOf(ctx.values, "nf");
  const nd = valueOf(ctx.values, "nd");
  const ns = valueOf(ctx.values, "ns");
  const entropy = valueOf(ctx.values, "entropy");
  if (nf === null && nd === null && ns === null && entropy === null) return null;
  const parts: string[] = [];
  // A file's vector may be the file alone (nf 1) or carry its PR's spread: the sentence must say which.
  const lead =
    ctx.scope !== "file" ? "touches" : nf === 1 ? "scored on its own:" : "part of a change that touches";
  if (nf !== null) parts.push(`${lead} ${plural(nf, "file")}`);
  if (nd !== null) parts.push(`${parts.length ? "in" : "touches"} ${plural(nd, "directory", "directories")}`);
  if (ns !== null && ns > 1) parts.push(`across ${plural(ns, "subsystem")}`);
  if (entropy !== null && (nf ?? 2) > 1) {
    parts.push(
      `${parts.length ? "with" : "has"} edits spread ${entropy >= 1 ? "widely" : "unevenly"} (entropy ${entropy.toFixed(2)})`,
    );
  }
  const words: [string, string] = ["more files than", "fewer files than"];
  return withComparison(
    parts.join(" "),
    nf !== null ? comparePhrase(nf, ctx.history, (r) => valueOf(r, "nf"), words) : null,
  );
};

/** exp / rexp / sexp: how familiar the author is with the repository and with these subsystems. */
export const describeExperience: GroupSentence = (ctx) => {
  const exp = valueOf(ctx.values, "exp");
  const sexp = valueOf(ctx.values, "sexp");
  const rexp = valueOf(ctx.values, "rexp");
  if (exp === null && sexp === null && rexp === null) return null;
  // Kamei's subsystem is the root directory, so that is what "under …" names: the numbers are about it.
  const where = subsystems(ctx.paths, "or");
  if (exp === 0) return "first change by this author in this repository";
  if (sexp === 0) return `first change by this author under ${where}`;
  if (exp === null && sexp === null)
    return `author's recency-weighted experience here is ${formatCount(rexp!)}`;
  const parts: string[] = [];
  if (exp !== null) parts.push(`author has ${plural(exp, "earlier change")} here`);
  if (sexp !== null)
    parts.push(
      `${exp !== null ? `${formatCount(sexp)} of them` : `author has ${plural(sexp, "earlier change")}`} under ${where}`,
    );
  return parts.join(", ");
};

/** "less than a day ago", "1 day ago", "12 days ago". */
function daysAgo(age: number): string {
  return age < 1 ? "less than a day ago" : `${plural(Math.round(age), "day")} ago`;
}

/** ndev / nuc / age: how busy and how recent the touched files' history is. */
export const describeHistory: GroupSentence = (ctx) => {
  const ndev = valueOf(ctx.values, "ndev");
  const nuc = valueOf(ctx.values, "nuc");
  const age = valueOf(ctx.values, "age");
  const facts = ctx.paths.map((p) => ({ path: p, facts: ctx.fileHistory?.[p] })).filter((f) => f.facts);
  if (ndev === null && nuc === null && age === null && facts.length === 0) return null;
  const subject = ctx.scope === "file" ? "the file was" : "the touched files were";
  const parts: string[] = [];
  if (nuc === 0)
    parts.push(
      ctx.scope === "file" ? "the file has no earlier changes" : "the touched files have no earlier changes",
    );
  else {
    if (nuc !== null || ndev !== null) {
      const who = ndev !== null ? ` by ${plural(ndev, "developer")}` : "";
      parts.push(`${subject} changed${nuc !== null ? ` in ${plural(nuc, "earlier change")}` : ""}${who}`);
    }
    if (age !== null) parts.push(`${parts.length ? "last" : `${subject} last`} changed ${daysAgo(age)}`);
  }
  const worst = facts.sort((a, b) => b.facts!.laterFixed - a.facts!.laterFixed)[0];
  if (worst && worst.facts!.laterFixed > 0) {
    const which = ctx.scope === "file" ? "this file" : `\`${worst.path}\``;
    parts.push(
      `${worst.facts!.laterFixed} of the last ${worst.facts!.recentChanges} changes to ${which} were later fixed`,
    );
  }
  return parts.length ? parts.join("; ") : null;
};

/** fix: whether the change says it fixes a bug. */
export const describePurpose: GroupSentence = (ctx) => {
  const fix = valueOf(ctx.values, "fix");
  if (fix === null) return null;
  return fix > 0 ? "is a bug fix" : "is not a bug fix";
};

/** ast_*: structural change; per-function detail when the miner gives it. */
export const describeAst: GroupSentence = (ctx) => {
  const detail = (ctx.functionChanges ?? [])
    .filter((f) => ctx.paths.includes(f.path) && f.after !== (f.before ?? 0))
    .sort((a, b) => Math.abs(b.after - (b.before ?? 0)) - Math.abs(a.after - (a.before ?? 0)))
    .slice(0, 2)
    .map((f) => `\`${f.path}\`: ${describeFunctionDelta(f.metric, f.before, f.after)} in \`${f.name}()\``);
  if (detail.length) return detail.join("; ");
  return describeNamed(ctx, "ast_", "AST");
};

/** tok_* and any feature this module has no words for: name and value, strongest first. */
export const describeTokens: GroupSentence = (ctx) => {
  const w = ctx.attributions["tok_*"];
  if (w === undefined || w === 0) return describeNamed(ctx, "tok_", "tokens");
  const distinct = Object.entries(ctx.values).filter(
    ([n, v]) => n.startsWith("tok_") && typeof v === "number" && v > 0,
  ).length;
  return (
    `the code it adds and deletes (${plural(distinct, "distinct hashed token")}) ` +
    `resembles ${w > 0 ? "earlier bug-inducing" : "earlier clean"} changes in this repository`
  );
};

/** "cyclomatic complexity +12" or "new, cyclomatic complexity 9". */
export function describeFunctionDelta(metric: string, before: number | null, after: number): string {
  if (before === null) return `new, ${metric} ${formatCount(after)}`;
  const delta = after - before;
  return `${metric} ${delta >= 0 ? "+" : "−"}${formatCount(Math.abs(delta))}`;
}

function describeNamed(ctx: DescribeContext, prefix: string, label: string): string | null {
  const named = Object.entries(ctx.attributions)
    .filter(([n, w]) => n.startsWith(prefix) && w !== 0 && valueOf(ctx.values, n) !== null)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .slice(0, 2)
    .map(([n]) => `${n.slice(prefix.length).replace(/_/g, " ")} ${formatCount(valueOf(ctx.values, n)!)}`);
  return named.length ? `${label}: ${named.join(", ")}` : null;
}

/** A single feature without a group sentence. */
export function describeSingle(ctx: DescribeContext, name: string): string | null {
  const v = valueOf(ctx.values, name);
  return v === null ? null : `\`${name}\` is ${formatCount(v)}`;
}

/** The subsystems (root directories) of the paths, as a short list joined with `conjunction` at the end. */
export function subsystems(paths: string[], conjunction: "and" | "or" = "and"): string {
  const names = [...new Set(paths.map(subsystemOf))].sort();
  if (names.length === 0) return "these directories";
  const shown = names.slice(0, 3).map((n) => (n === "/" ? "the repository root" : `\`${n}\``));
  if (names.length > 3) return `${shown.join(", ")} ${conjunction} ${names.length - 3} more`;
  return shown.length > 1 ? `${shown.slice(0, -1).join(", ")} ${conjunction} ${shown.at(-1)}` : shown[0];
}

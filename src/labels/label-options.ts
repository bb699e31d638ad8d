import { createHash } from "node:crypto";
import { z } from "zod";

/**
 * Everything the labeler can be told, in one schema (types, defaults and docs in one place). The config
 * owner can embed it as the `labels:` section of .github/defect-predictor.yml.
 */
export const labelOptionsSchema = z
  .object({
    /** Words in a commit message or PR title that mark a bug fix (matched as whole words, case-insensitive). */
    fixKeywords: z
      .array(z.string().min(1))
      .default([
        "fix",
        "fixes",
        "fixed",
        "fixing",
        "bug",
        "bugs",
        "bugfix",
        "hotfix",
        "defect",
        "fault",
        "regression",
        "crash",
      ]),
    /** Issue-tracker label names that mark a linked issue as a bug (case-insensitive). */
    bugIssueLabels: z
      .array(z.string().min(1))
      .default([
        "bug",
        "type: bug",
        "type/bug",
        "kind/bug",
        "kind: bug",
        "bug report",
        "defect",
        "regression",
      ]),
    /** Jira-style project keys whose references (`ZEPPELIN-123`) count as issue references; empty = any key. */
    jiraProjects: z.array(z.string()).default([]),
    /** A commit touching more files than this is never blamed as bug-inducing (ApacheJIT: 100). */
    maxInducerFiles: z.number().int().positive().default(100),
    /** A commit adding + deleting more lines than this is never blamed as bug-inducing (ApacheJIT: 10,000). */
    maxInducerLines: z.number().int().positive().default(10_000),
    /** A fix touching more files than this is not traced (it is a refactoring more than a fix). */
    maxFixFiles: z.number().int().positive().default(100),
    /**
     * Subjects that mark a mass-formatting commit; such a commit touching at least `massFormatMinFiles`
     * files is ignored by blame, like an entry in .git-blame-ignore-revs.
     */
    massFormatPattern: z
      .string()
      .default(
        "\\b(reformat(ted|ting)?|re-format|code ?style|format(ting)? (code|sources?|files)|apply (prettier|black|spotless|gofmt|clang-format)|(prettier|black|spotless|gofmt|clang-format|checkstyle) (fix|apply|run))\\b",
      ),
    massFormatMinFiles: z.number().int().positive().default(20),
    /**
     * Path globs (picomatch) whose deleted lines are not blamed. Default: prose documentation, whose lines
     * a fix may touch but which cannot induce a bug in the code (set `[]` to blame every file).
     */
    ignorePaths: z.array(z.string()).default(["**/*.md", "**/*.markdown", "**/*.rst", "**/*.adoc"]),
    /**
     * How blame follows lines: `none` follows whole-file renames only (git's default), `M` also lines moved
     * within a file, `C` also lines moved or copied from other files changed in the same commit (slower).
     */
    moveDetection: z.enum(["none", "M", "C"]).default("none"),
    /** Days a merged change must live without being implicated before it is labelled clean. */
    maturityDays: z.number().nonnegative().default(90),
    /** Blame processes run at once (the mirror is on one disk; two is the sweet spot on two cores). */
    concurrency: z.number().int().positive().default(2),
  })
  .strict();

/** Parsed labeler options (all defaults applied). */
export type LabelOptions = z.infer<typeof labelOptionsSchema>;

/** Parses user-supplied options; unknown keys are an error that names them. */
export function parseLabelOptions(input: unknown = {}): LabelOptions {
  const parsed = labelOptionsSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new Error(`Invalid label options: ${issues}. See docs/labels.md for the accepted keys.`);
  }
  return parsed.data;
}

/** A short hash of the options that change SZZ results: a fix run under other options is re-run. */
export function szzOptionsKey(o: LabelOptions): string {
  const relevant = [
    o.maxInducerFiles,
    o.maxInducerLines,
    o.maxFixFiles,
    o.massFormatPattern,
    o.massFormatMinFiles,
    o.ignorePaths,
    o.moveDetection,
  ];
  return createHash("sha1").update(JSON.stringify(relevant)).digest("hex").slice(0, 12);
}

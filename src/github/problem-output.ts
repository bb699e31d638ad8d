import type { ConfigProblem } from "../config/parse-repo-config.js";
import { CONFIG_PATH } from "../config/schema.js";
import type { CheckRunOutput } from "./check-runs.js";

/** Check-run output for a repository whose config file is invalid: which key, what is wrong, how to fix it. */
export function invalidConfigOutput(problems: ConfigProblem[]): CheckRunOutput {
  const first = problems[0];
  const more = problems.length > 1 ? ` (+${problems.length - 1} more)` : "";
  const rows = problems.map((p) => `| \`${cell(p.key)}\` | ${cell(p.message)} | ${cell(p.fix)} |`);
  return {
    title: `Invalid ${CONFIG_PATH}: \`${first?.key ?? "(file)"}\` ${first?.message ?? ""}${more}`.slice(
      0,
      255,
    ),
    summary: [
      `The configuration on the default branch could not be used, so this pull request was **not scored**.`,
      "",
      "| Key | Problem | How to fix |",
      "|---|---|---|",
      ...rows,
      "",
      `Fix \`${CONFIG_PATH}\` on the default branch, then re-run this check. The JSON Schema in ` +
        "`schema/defect-predictor.schema.json` lets an editor check the file as you type.",
    ].join("\n"),
  };
}

/** Check-run output for a scoring that failed (GitHub error, model error…); says whether it will be retried. */
export function failureOutput(message: string, willRetry: boolean): CheckRunOutput {
  return {
    title: willRetry ? "Defect risk: retrying after an error" : "Defect risk could not be computed",
    summary: [
      message,
      "",
      willRetry
        ? "The app will try again shortly; this check run will be updated."
        : "Re-run this check (or push a commit) to try again. The pull request itself is fine: this is not a finding about the code.",
    ].join("\n"),
  };
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

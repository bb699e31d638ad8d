import type { CheckRunAnnotation } from "../report/render-check-run.js";
import { GITHUB_OUTPUT_LIMIT } from "../report/render-options.js";
import type { GitHubOctokit, RepoRef } from "./types.js";

export type { CheckRunAnnotation } from "../report/render-check-run.js";

/** GitHub takes at most 50 annotations per request; later batches go in updates, which append. */
export const ANNOTATIONS_PER_REQUEST = 50;

/** GitHub's limit for `output.summary` and `output.text`. */
export const OUTPUT_TEXT_LIMIT = GITHUB_OUTPUT_LIMIT;

export interface CheckRunOutput {
  title: string;
  summary: string;
  text?: string;
  annotations?: CheckRunAnnotation[];
}

export type CheckRunConclusion = "neutral" | "failure" | "success" | "skipped" | "cancelled";

/** Creates a check run `in_progress` on `headSha`; resolves its id. */
export async function createCheckRun(
  octokit: GitHubOctokit,
  ref: RepoRef & { name: string; headSha: string; externalId: string; output?: CheckRunOutput },
): Promise<number> {
  const { data } = await octokit.rest.checks.create({
    owner: ref.owner,
    repo: ref.repo,
    name: ref.name,
    head_sha: ref.headSha,
    external_id: ref.externalId,
    status: "in_progress",
    started_at: new Date().toISOString(),
    ...(ref.output ? { output: fitOutput(ref.output) } : {}),
  });
  return data.id;
}

/** Puts an existing check run back `in_progress` (a re-run or a redelivery reuses it). */
export async function restartCheckRun(
  octokit: GitHubOctokit,
  ref: RepoRef & { checkRunId: number; name: string; output?: CheckRunOutput },
): Promise<void> {
  await octokit.rest.checks.update({
    owner: ref.owner,
    repo: ref.repo,
    check_run_id: ref.checkRunId,
    name: ref.name,
    status: "in_progress",
    started_at: new Date().toISOString(),
    ...(ref.output ? { output: fitOutput(ref.output) } : {}),
  });
}

/**
 * Completes a check run. Annotations beyond the first 50 go first, 50 per update, while it is still in
 * progress; the last request sets the conclusion with the last batch, so a reader never sees a completed
 * run that is still gaining annotations. Resolves the number of requests made.
 */
export async function completeCheckRun(
  octokit: GitHubOctokit,
  ref: RepoRef & { checkRunId: number; conclusion: CheckRunConclusion; output: CheckRunOutput },
): Promise<number> {
  const output = fitOutput(ref.output);
  const annotations = output.annotations ?? [];
  const batches: CheckRunAnnotation[][] = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  }
  const last = batches.pop() ?? [];
  for (const batch of batches) {
    await octokit.rest.checks.update({
      owner: ref.owner,
      repo: ref.repo,
      check_run_id: ref.checkRunId,
      output: { title: output.title, summary: output.summary, annotations: batch },
    });
  }
  await octokit.rest.checks.update({
    owner: ref.owner,
    repo: ref.repo,
    check_run_id: ref.checkRunId,
    status: "completed",
    conclusion: ref.conclusion,
    completed_at: new Date().toISOString(),
    output: {
      title: output.title,
      summary: output.summary,
      ...(output.text ? { text: output.text } : {}),
      ...(last.length ? { annotations: last } : {}),
    },
  });
  return batches.length + 1;
}

/** Keeps summary and text inside GitHub's limit, cutting with a note rather than failing the request. */
export function fitOutput(output: CheckRunOutput): CheckRunOutput {
  const fitted: CheckRunOutput = { ...output, summary: fitText(output.summary) };
  if (output.text !== undefined) fitted.text = fitText(output.text);
  return fitted;
}

function fitText(text: string): string {
  if (text.length <= OUTPUT_TEXT_LIMIT) return text;
  const note =
    "\n\n… cut here: GitHub shows at most 65,535 characters. Run `npx defect score` locally for the full report.";
  let cut = text.slice(0, OUTPUT_TEXT_LIMIT - note.length);
  // Do not leave half a surrogate pair at the cut.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + note;
}

import { renderHunkComment, HUNK_MARKER } from "../report/render-explain-hunk-comment.js";
import type { HunkRisk } from "../report/types.js";
import type { GitHubOctokit, PullRequestRef } from "./types.js";

/** Review-comment settings (the `comments` section of the repository config). */
export interface ReviewCommentSettings {
  minRisk: number;
  /** Most comments of ours on the PR, counting the ones already there. */
  max: number;
}

/** What {@link postReviewComments} did. */
export interface ReviewCommentsOutcome {
  /** Id of the review created, or null when nothing new was posted. */
  reviewId: number | null;
  created: number;
  updated: number;
  unchanged: number;
}

interface ExistingComment {
  id: number;
  path: string;
  body: string;
  line: number | null;
  start_line?: number | null;
}

/**
 * Comments on the riskiest hunks at or above `minRisk`, as ONE review with event `COMMENT` (never
 * `REQUEST_CHANGES`: a prediction is a hint, not a verdict). On later commits it does not repeat itself: an
 * earlier comment of ours (hidden marker) on the same file whose lines overlap the hunk is updated when its text
 * differs and left alone otherwise; only the rest are new, never more than `max` of ours on current lines.
 */
export async function postReviewComments(
  octokit: GitHubOctokit,
  ref: PullRequestRef & { headSha: string },
  hunks: HunkRisk[],
  settings: ReviewCommentSettings,
): Promise<ReviewCommentsOutcome> {
  const outcome: ReviewCommentsOutcome = { reviewId: null, created: 0, updated: 0, unchanged: 0 };
  const risky = hunks.filter((h) => h.risk >= settings.minRisk).sort((a, b) => b.risk - a.risk);
  if (risky.length === 0 || settings.max <= 0) return outcome;
  const { owner, repo, number } = ref;
  const existing = (
    (await octokit.paginate(octokit.rest.pulls.listReviewComments, {
      owner,
      repo,
      pull_number: number,
      per_page: 100,
    })) as ExistingComment[]
  ).filter((c) => c.body.includes(HUNK_MARKER));
  const fresh: HunkRisk[] = [];
  for (const hunk of risky) {
    const match = existing.find((c) => overlaps(c, hunk));
    if (!match) {
      fresh.push(hunk);
      continue;
    }
    const body = renderHunkComment(hunk);
    if (match.body === body) outcome.unchanged++;
    else {
      await octokit.rest.pulls.updateReviewComment({ owner, repo, comment_id: match.id, body });
      outcome.updated++;
    }
  }
  // Outdated comments (line null) no longer show beside the code, so they do not use up the budget.
  const room = Math.max(0, settings.max - existing.filter((c) => c.line !== null).length);
  const toPost = fresh.slice(0, room);
  if (toPost.length === 0) return outcome;
  const { data } = await octokit.rest.pulls.createReview({
    owner,
    repo,
    pull_number: number,
    commit_id: ref.headSha,
    event: "COMMENT",
    body: `Defect risk: ${toPost.length === 1 ? "one hunk" : `${toPost.length} hunks`} worth a closer look.`,
    comments: toPost.map((h) => ({
      path: h.path,
      line: h.endLine,
      side: h.side,
      ...(h.startLine < h.endLine ? { start_line: h.startLine, start_side: h.side } : {}),
      body: renderHunkComment(h),
    })),
  });
  outcome.reviewId = data.id;
  outcome.created = toPost.length;
  return outcome;
}

/** Same file, and the comment's current lines (null once outdated) fall inside the hunk's range. */
function overlaps(comment: ExistingComment, hunk: HunkRisk): boolean {
  if (comment.path !== hunk.path || comment.line === null) return false;
  const start = comment.start_line ?? comment.line;
  return start <= hunk.endLine && comment.line >= hunk.startLine;
}

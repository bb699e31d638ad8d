import { EXPLAIN_MARKER } from "../report/render-explain-comment.js";
import type { GitHubOctokit, PullRequestRef } from "./types.js";

/** What {@link postExplainComment} did. */
export interface PostedComment {
  id: number;
  action: "created" | "updated" | "unchanged";
}

/**
 * Keeps ONE explain comment per pull request: finds the app's earlier comment by its hidden marker and edits it
 * in place (or leaves it when the text is the same), else creates it. Only comments written by a bot are
 * considered, so a human quoting the marker never gets their comment overwritten (GitHub would refuse anyway).
 */
export async function postExplainComment(
  octokit: GitHubOctokit,
  ref: PullRequestRef,
  body: string,
): Promise<PostedComment> {
  const { owner, repo, number } = ref;
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: number,
    per_page: 100,
  });
  const mine = comments.find((c) => c.user?.type === "Bot" && (c.body ?? "").includes(EXPLAIN_MARKER));
  if (!mine) {
    const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body });
    return { id: data.id, action: "created" };
  }
  if (mine.body === body) return { id: mine.id, action: "unchanged" };
  await octokit.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
  return { id: mine.id, action: "updated" };
}

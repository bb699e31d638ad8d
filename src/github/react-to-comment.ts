import type { GitHubOctokit, RepoRef } from "./types.js";

/** Puts 👀 on a comment: "seen, working on it". */
export async function reactToComment(octokit: GitHubOctokit, ref: RepoRef, commentId: number): Promise<void> {
  await octokit.rest.reactions.createForIssueComment({ ...ref, comment_id: commentId, content: "eyes" });
}

/** Replies on the pull request's conversation with a new comment. */
export async function postReply(
  octokit: GitHubOctokit,
  ref: RepoRef,
  issueNumber: number,
  body: string,
): Promise<number> {
  const { data } = await octokit.rest.issues.createComment({ ...ref, issue_number: issueNumber, body });
  return data.id;
}

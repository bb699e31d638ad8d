import type { CommandGitHub } from "../pipeline/explain-pull-request.js";
import { hasWriteAccess } from "./get-permission.js";
import { postExplainComment } from "./post-explain-comment.js";
import { postReply, reactToComment } from "./react-to-comment.js";
import type { GitHubOctokit, RepoRef } from "./types.js";

/** The GitHub calls of `/defect` commands, bound to one repository and an installation's Octokit. */
export function createCommandGitHub(octokit: GitHubOctokit, ref: RepoRef): CommandGitHub {
  return {
    async headSha(number) {
      const { data } = await octokit.rest.pulls.get({ ...ref, pull_number: number });
      return data.head.sha;
    },
    react: (commentId) => reactToComment(octokit, ref, commentId),
    reply: async (number, body) => {
      await postReply(octokit, ref, number, body);
    },
    postExplain: async (number, body) => {
      await postExplainComment(octokit, { ...ref, number }, body);
    },
    hasWriteAccess: (login) => hasWriteAccess(octokit, ref, login),
  };
}

import { githubStatus } from "./describe-github-error.js";
import type { GitHubOctokit, RepoRef } from "./types.js";

/** Permissions that may give feedback and ask for a retrain. */
const WRITE = new Set(["admin", "maintain", "write"]);

/**
 * Whether `username` can push to the repository, from the collaborator permission API
 * (`GET /repos/{owner}/{repo}/collaborators/{username}/permission`). A user GitHub does not know as a
 * collaborator (404) has no write access; any other failure propagates.
 */
export async function hasWriteAccess(
  octokit: GitHubOctokit,
  ref: RepoRef,
  username: string,
): Promise<boolean> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...ref, username });
    const role = (data as { role_name?: string }).role_name;
    return WRITE.has(data.permission) || (role !== undefined && WRITE.has(role));
  } catch (error) {
    if (githubStatus(error) === 404) return false;
    throw error;
  }
}

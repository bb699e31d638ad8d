import type { RiskBand } from "../model/types.js";
import { githubStatus } from "./describe-github-error.js";
import type { GitHubOctokit, PullRequestRef } from "./types.js";

/** What {@link syncRiskLabel} did. */
export type LabelAction = "added" | "removed" | "none";

/**
 * Keeps the high-risk label in step with the score: added when the band is `high`, removed when it no longer
 * is. Reads the PR's labels first so it never adds twice nor removes a label that is not there; a label removed
 * by someone else meanwhile (404) counts as removed.
 */
export async function syncRiskLabel(
  octokit: GitHubOctokit,
  ref: PullRequestRef,
  band: RiskBand,
  label: string,
): Promise<LabelAction> {
  const { owner, repo, number } = ref;
  const labels = await octokit.paginate(octokit.rest.issues.listLabelsOnIssue, {
    owner,
    repo,
    issue_number: number,
    per_page: 100,
  });
  const present = labels.some((l) => l.name.toLowerCase() === label.toLowerCase());
  if (band === "high" && !present) {
    await octokit.rest.issues.addLabels({ owner, repo, issue_number: number, labels: [label] });
    return "added";
  }
  if (band !== "high" && present) {
    try {
      await octokit.rest.issues.removeLabel({ owner, repo, issue_number: number, name: label });
    } catch (error) {
      if (githubStatus(error) !== 404) throw error;
    }
    return "removed";
  }
  return "none";
}

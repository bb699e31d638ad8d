import { describe, expect, it } from "vitest";
import { detectFix, parseIssueReferences, parseJiraKeys } from "../../src/labels/detect-fix.js";
import { detectRevert } from "../../src/labels/detect-revert.js";
import { parseLabelOptions } from "../../src/labels/label-options.js";
import { parseFixList } from "../../src/labels/list-commits.js";
import { pullRequestFromMessage } from "../../src/labels/map-commit-to-pr.js";
import { classifyDeletedLines, isCommentOnly } from "../../src/labels/classify-line.js";

const options = parseLabelOptions();

describe("fix detection", () => {
  it("finds fix keywords in the subject as whole words only", () => {
    expect(detectFix("Fix NPE in scheduler", options)).toMatchObject({ isFix: true, keywords: ["fix"] });
    expect(detectFix("Add prefix support\n\nfixes nothing here", options).isFix).toBe(false);
    expect(detectFix("Debug output for bugfix-branch", options).keywords).toEqual([]);
    expect(detectFix("Improve docs", { ...options, fixKeywords: ["improve"] }).isFix).toBe(true);
  });

  it("reads closing references, cross-repository ones and Jira keys", () => {
    expect(parseIssueReferences("Fixes #12, closes octo/repo#45 and resolves: #7")).toEqual([
      { keyword: "fixes", owner: null, repo: null, number: 12 },
      { keyword: "closes", owner: "octo", repo: "repo", number: 45 },
      { keyword: "resolves", owner: null, repo: null, number: 7 },
    ]);
    expect(detectFix("Tidy up\n\nFixes #3", options)).toMatchObject({ isFix: true, keywords: [] });
    expect(detectFix("New API\n\nCloses #3", options).isFix).toBe(false);
    expect(parseJiraKeys("[ZEPPELIN-123] and SPARK-9, ZEPPELIN-123 again")).toEqual([
      "ZEPPELIN-123",
      "SPARK-9",
    ]);
    expect(parseJiraKeys("[ZEPPELIN-123] and SPARK-9", ["ZEPPELIN"])).toEqual(["ZEPPELIN-123"]);
  });

  it("does not take Apache's 'Closes #N from user/branch' for an issue, but for the PR", () => {
    const message =
      "[ZEPPELIN-5] Add thing\n\nCloses #1234 from someone/branch and squashes the following commits";
    expect(parseIssueReferences(message)).toEqual([]);
    expect(pullRequestFromMessage(message)).toBe(1234);
    expect(pullRequestFromMessage("Merge pull request #77 from a/b\n\nFix it")).toBe(77);
    expect(pullRequestFromMessage("Fix the thing (#88)")).toBe(88);
    expect(pullRequestFromMessage("Fix the thing")).toBeNull();
  });

  it("uses the PR title in a merge commit's body, not the branch name", () => {
    expect(detectFix("Merge pull request #5 from a/fix-things\n\nAdd a feature", options).isFix).toBe(false);
    expect(detectFix("Merge pull request #5 from a/feature\n\nFix a crash", options).isFix).toBe(true);
  });
});

describe("revert detection", () => {
  it("reads git's and GitHub's revert messages", () => {
    const sha = "0123456789abcdef0123456789abcdef01234567";
    expect(detectRevert(`Revert "Add cache"\n\nThis reverts commit ${sha}.`)).toEqual({
      isRevert: true,
      revertedShas: [sha],
      revertedSubject: "Add cache",
      revertedPullRequests: [],
    });
    expect(detectRevert('Revert "Add cache"\n\nReverts octo/repo#42')).toMatchObject({
      revertedPullRequests: [42],
    });
    expect(detectRevert('Revert "Revert "Add cache""\n\nThis reverts commit abcdef1.').isRevert).toBe(false);
    expect(detectRevert("Add revert button").isRevert).toBe(false);
  });
});

describe("inputs", () => {
  it("parses a fixes file and names the bad line", () => {
    expect(
      parseFixList(
        "# from Jira\nABCDEF1\n\nabcdef1\n0123456789abcdef0123456789abcdef01234567,2020-01-02T00:00:00Z\nbeef 86400\n",
      ),
    ).toEqual([
      { sha: "abcdef1" },
      { sha: "0123456789abcdef0123456789abcdef01234567", issueOpenedAt: 1577923200 },
      { sha: "beef", issueOpenedAt: 86400 },
    ]);
    expect(() => parseFixList("abc123\nnot-a-hash\n")).toThrow(/Line 2 .*not a commit hash/);
    expect(() => parseFixList("abc123 yesterday\n")).toThrow(/Line 1 .*not a date/);
  });

  it("recognises comment-only lines by language", () => {
    expect(isCommentOnly("  // note", "a.java")).toBe(true);
    expect(isCommentOnly(" * @param x", "a.ts")).toBe(true);
    expect(isCommentOnly("x = 1  # note", "a.py")).toBe(false);
    expect(isCommentOnly("# heading", "a.py")).toBe(true);
    expect(isCommentOnly("# heading", "a.java")).toBe(false);
    expect(isCommentOnly("<!-- x -->", "pom.xml")).toBe(true);
  });

  it("pairs a re-indented line with its added twin (GitHub patches) but only once", () => {
    expect(
      classifyDeletedLines(
        ["  foo(a, b);", "  foo(a, b);", "", "// x", "bar();"],
        ["    foo(a,b);", "baz();"],
        "a.ts",
      ),
    ).toEqual(["whitespace", null, "blank", "comment", null]);
  });
});

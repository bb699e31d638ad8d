import { stat } from "node:fs/promises";
import { GitError, runGit } from "./run-git.js";

/** The local repository or a ref could not be read; the message says what to pass instead. */
export class LocalChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LocalChangeError";
  }
}

/** The commits a local change goes between, and why that base was chosen. */
export interface LocalRange {
  baseSha: string;
  headSha: string;
  /** True when head is a root commit: the base is the empty tree. */
  isRoot: boolean;
  /** How the base was chosen, for the report ("merge-base with refs/remotes/origin/main"). */
  baseReason: string;
}

/** Git's empty tree (SHA-1 repositories): the base of a root commit. */
export const EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

const DEFAULT_BRANCH_CANDIDATES = [
  "refs/remotes/origin/HEAD",
  "refs/remotes/origin/main",
  "refs/remotes/origin/master",
  "refs/heads/main",
  "refs/heads/master",
];

/**
 * Resolves base and head to commit SHAs. With an explicit base: one `git rev-parse`. Without: the default
 * branch is origin/HEAD (else origin/main, origin/master, main, master; in a bare repository, HEAD's own
 * branch); the base is the merge-base of head with it, or head's first parent when head is on the default
 * branch — two or three processes.
 */
export async function resolveLocalRange(
  cwd: string,
  base: string | undefined,
  head: string,
): Promise<LocalRange> {
  if (!(await isDirectory(cwd))) {
    throw new LocalChangeError(`${cwd} is not a directory; pass --repo PATH to a git repository`);
  }
  for (const ref of [base, head]) {
    if (ref !== undefined && (ref === "" || ref.startsWith("-"))) {
      throw new LocalChangeError(`"${ref}" is not a valid ref; pass a branch, tag or commit SHA`);
    }
  }
  if (base !== undefined) {
    const [baseSha, headSha] = lines(
      await git(
        cwd,
        ["rev-parse", `${base}^{commit}`, `${head}^{commit}`],
        `--base ${base} or --head ${head}`,
      ),
    );
    return { baseSha, headSha, isRoot: false, baseReason: `--base ${base}` };
  }
  // --symbolic-full-name prints nothing for a bare SHA, so the optional head ref goes last.
  const [bare, headSha, currentSha, currentRef, headRef = ""] = lines(
    await git(
      cwd,
      [
        "rev-parse",
        "--is-bare-repository",
        `${head}^{commit}`,
        "HEAD^{commit}",
        "--symbolic-full-name",
        "HEAD",
        head,
      ],
      `--head ${head}`,
    ),
  );
  // In a bare clone or mirror, HEAD names the remote's default branch; remote-tracking refs rarely exist there.
  const defaultBranch =
    bare === "true" && currentRef.startsWith("refs/heads/")
      ? { ref: currentRef, sha: currentSha }
      : await findDefaultBranch(cwd);
  const onDefault =
    !defaultBranch ||
    headSha === defaultBranch.sha ||
    headRef === defaultBranch.ref ||
    headRef === defaultBranch.ref.replace(/^refs\/remotes\/origin\//, "refs/heads/");
  if (onDefault) {
    const where = defaultBranch
      ? `on ${shortRef(defaultBranch.ref)} (the default branch)`
      : "in a repository with no default branch";
    return firstParentRange(cwd, head, headSha, where);
  }
  const mergeBase = (
    await git(cwd, ["merge-base", defaultBranch.sha, headSha], head).catch((error: unknown) => {
      if (error instanceof LocalChangeError) {
        throw new LocalChangeError(
          `${head} shares no history with ${shortRef(defaultBranch.ref)}; pass --base REF to say what to compare with`,
        );
      }
      throw error;
    })
  ).trim();
  if (mergeBase === headSha) {
    // Head is already part of the default branch: score it as the commit it is.
    return firstParentRange(cwd, head, headSha, `an ancestor of ${shortRef(defaultBranch.ref)}`);
  }
  return {
    baseSha: mergeBase,
    headSha,
    isRoot: false,
    baseReason: `merge-base with ${shortRef(defaultBranch.ref)}`,
  };
}

async function firstParentRange(
  cwd: string,
  head: string,
  headSha: string,
  where: string,
): Promise<LocalRange> {
  const [, parent] = (await git(cwd, ["rev-list", "--parents", "-n", "1", headSha], head)).trim().split(" ");
  if (!parent) return { baseSha: EMPTY_TREE, headSha, isRoot: true, baseReason: "root commit (empty tree)" };
  return { baseSha: parent, headSha, isRoot: false, baseReason: `first parent of ${head}, ${where}` };
}

async function findDefaultBranch(cwd: string): Promise<{ ref: string; sha: string } | null> {
  const out = await git(
    cwd,
    ["for-each-ref", "--format=%(refname)%00%(objectname)%00%(symref)", ...DEFAULT_BRANCH_CANDIDATES],
    "refs",
  );
  const refs = new Map<string, { sha: string; symref: string }>();
  for (const line of lines(out)) {
    const [ref, sha, symref] = line.split("\0");
    refs.set(ref, { sha, symref });
  }
  for (const candidate of DEFAULT_BRANCH_CANDIDATES) {
    const hit = refs.get(candidate);
    if (hit) return { ref: hit.symref || candidate, sha: hit.sha };
  }
  return null;
}

function shortRef(ref: string): string {
  return ref.replace(/^refs\/(heads|remotes)\//, "");
}

function lines(text: string): string[] {
  return text.split("\n").filter((l) => l !== "");
}

async function git(cwd: string, args: string[], what: string): Promise<string> {
  try {
    return await runGit(args, { cwd });
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    if (/not a git repository/i.test(error.stderr)) {
      throw new LocalChangeError(
        `${cwd} is not a git repository; pass --repo PATH (a clone or a bare repository)`,
      );
    }
    const stderr = error.stderr.trim().split("\n");
    const reason = stderr.find((l) => l.startsWith("fatal:")) ?? stderr[0];
    throw new LocalChangeError(
      `could not resolve ${what} in ${cwd} (${reason}); pass a branch, tag or commit that exists there`,
    );
  }
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

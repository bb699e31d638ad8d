import fs from "node:fs";
import path from "node:path";
import { GitError, runGit } from "./run-git.js";

/** Where and what to mirror. */
export interface MirrorOptions {
  /** Writable data directory; mirrors live in `<dataDir>/mirrors/<owner>/<name>.git`. */
  dataDir: string;
  owner: string;
  name: string;
  /** Installation token (or a function returning a fresh one); sent as an HTTP header, never in a URL or log. */
  token?: string | (() => Promise<string>);
  /** Clone URL; default `https://github.com/<owner>/<name>.git` (tests pass a local path). */
  url?: string;
}

/** Cloning or fetching the mirror failed. The message never contains the token. */
export class MirrorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MirrorError";
  }
}

/** The folder of a repository's mirror under the data directory. */
export function mirrorPath(options: Pick<MirrorOptions, "dataDir" | "owner" | "name">): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, "_");
  return path.join(options.dataDir, "mirrors", safe(options.owner), `${safe(options.name)}.git`);
}

/**
 * The token travels as `http.extraheader` through GIT_CONFIG_* environment variables: not on the command line
 * (visible in `ps`), not in the remote URL (stored in the mirror's config), not in any message we print.
 */
async function authEnv(token: MirrorOptions["token"]): Promise<NodeJS.ProcessEnv> {
  if (!token) return {};
  const value = typeof token === "string" ? token : await token();
  const basic = Buffer.from(`x-access-token:${value}`).toString("base64");
  return {
    GIT_CONFIG_COUNT: "1",
    GIT_CONFIG_KEY_0: "http.extraheader",
    GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${basic}`,
  };
}

function redact(error: unknown, token: MirrorOptions["token"], action: string): MirrorError {
  const detail =
    error instanceof GitError ? error.stderr.trim().split("\n").slice(-2).join(" | ") : String(error);
  const safe = typeof token === "string" && token ? detail.split(token).join("***") : detail;
  return new MirrorError(
    `${action} failed: ${safe}. Check that the app installation can read the repository and that the data directory is writable.`,
  );
}

/**
 * Makes sure an up-to-date bare mirror of the repository exists: `git clone --mirror` the first time,
 * `git fetch --prune` afterwards. Returns the mirror's path.
 */
export async function updateMirror(options: MirrorOptions): Promise<string> {
  const dir = mirrorPath(options);
  const url = options.url ?? `https://github.com/${options.owner}/${options.name}.git`;
  const env = await authEnv(options.token);
  if (!fs.existsSync(path.join(dir, "HEAD"))) {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    try {
      await runGit(["clone", "--mirror", "--quiet", url, dir], { cwd: path.dirname(dir), env });
    } catch (error) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw redact(error, options.token, `git clone --mirror of ${options.owner}/${options.name}`);
    }
    return dir;
  }
  try {
    await runGit(["fetch", "--prune", "--quiet", "origin"], { cwd: dir, env });
  } catch (error) {
    throw redact(error, options.token, `git fetch of ${options.owner}/${options.name}`);
  }
  return dir;
}

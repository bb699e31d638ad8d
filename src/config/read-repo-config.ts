import { CONFIG_FILE, CONFIG_PATH } from "./schema.js";
import type { RawConfig } from "./parse-repo-config.js";

/**
 * Reads a config file by name from `.github/` on the default branch: Probot's `context.config`
 * (which also follows `_extends` and the organisation's `.github` repository). Resolves `null` when absent.
 */
export type ConfigReader = (fileName: string) => Promise<unknown>;

const PLUGIN_ERROR = "[@probot/octokit-plugin-config]";

/**
 * Reads `.github/defect-predictor.yml` through Probot's config loader. The default branch only, so a pull
 * request cannot change its own rules. A file that is not YAML becomes `unparsable` (shown in the check
 * run); a GitHub error (403, 5xx…) is rethrown for the caller to report.
 */
export async function readRepoConfig(read: ConfigReader): Promise<RawConfig> {
  try {
    const value = await read(CONFIG_FILE);
    return value === null || value === undefined ? { kind: "missing" } : { kind: "file", value };
  } catch (error) {
    const message = (error as Error).message ?? "";
    if (!message.includes(PLUGIN_ERROR)) throw error;
    const cause = (error as Error).cause as Error | undefined;
    const detail = message.includes("invalid YAML")
      ? `invalid YAML${cause?.message ? `: ${cause.message.split("\n")[0]}` : ""}`
      : message.replace(PLUGIN_ERROR, "").replace(/\s+/g, " ").trim();
    return { kind: "unparsable", message: `${CONFIG_PATH} could not be read: ${detail}` };
  }
}

/**
 * The same reader as `context.config`, for jobs that run after the webhook returned: Probot's config plugin
 * (`octokit.config.get`) on the default branch, `null` when neither the repository nor the organisation's
 * `.github` repository has the file.
 */
export function octokitConfigReader(
  octokit: {
    config: {
      get(params: {
        owner: string;
        repo: string;
        path: string;
      }): Promise<{ config: unknown; files: { config: unknown }[] }>;
    };
  },
  repo: { owner: string; repo: string },
): ConfigReader {
  return async (fileName) => {
    const { config, files } = await octokit.config.get({ ...repo, path: `.github/${fileName}` });
    return files.every((file) => file.config === null) ? null : config;
  };
}

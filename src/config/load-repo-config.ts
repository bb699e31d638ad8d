import { parseRepoConfig, type ConfigResult, type RawConfig } from "./parse-repo-config.js";
import { readRepoConfig, type ConfigReader } from "./read-repo-config.js";

/** Reads `.github/defect-predictor.yml` (default branch) and validates it once: the raw file and the result. */
export async function loadRepoConfig(read: ConfigReader): Promise<{ raw: RawConfig; result: ConfigResult }> {
  const raw = await readRepoConfig(read);
  return { raw, result: parseRepoConfig(raw) };
}

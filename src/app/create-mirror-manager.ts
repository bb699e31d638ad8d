import fs from "node:fs";
import path from "node:path";
import { updateMirror } from "../git/mirror-repository.js";
import { createKeyedLock } from "../queue/create-keyed-lock.js";

/** Where mirrors live and how they are fetched; see {@link mirrorSettingsFromEnv}. */
export interface MirrorSettings {
  /** Data directory; mirrors live in `<dataDir>/mirrors/<owner>/<name>.git`. */
  dataDir: string;
  /**
   * Base of the clone URLs: `https://github.com`, `https://<GHE_HOST>`, or a local folder holding
   * `<owner>/<name>.git` (tests). The clone URL is `<cloneBaseUrl>/<owner>/<name>.git`.
   */
  cloneBaseUrl: string;
  /** False when mirroring is off (`DEFECT_MIRROR=off`) or the data directory is not writable. */
  enabled: boolean;
  /** Why mirroring is off, for the start-up log; null when it is on. */
  disabledBecause: string | null;
}

/** Up-to-date local mirrors of the repositories the app serves, one fetch at a time per repository. */
export interface MirrorManager {
  readonly settings: MirrorSettings;
  /**
   * Clones (first time) or fetches the repository's mirror with the installation's token and returns its path.
   * Two callers for one repository wait for each other; throws `MirrorError` (token-free message) on failure.
   */
  fetch(repository: string, installationId: number | null): Promise<string>;
}

/** Reads the mirror settings: DEFECT_DATA_DIR (default ./data), DEFECT_MIRROR (on|off), GHE_HOST/GHE_PROTOCOL. */
export function mirrorSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): MirrorSettings {
  const dataDir = path.resolve(env.DEFECT_DATA_DIR || "./data");
  const host = env.GHE_HOST?.trim();
  const cloneBaseUrl = host ? `${env.GHE_PROTOCOL?.trim() || "https"}://${host}` : "https://github.com";
  const switchValue = (env.DEFECT_MIRROR ?? "on").trim().toLowerCase();
  if (!["on", "off", ""].includes(switchValue)) {
    throw new Error(`DEFECT_MIRROR must be "on" or "off" (got "${env.DEFECT_MIRROR}"); fix it in .env`);
  }
  if (switchValue === "off") {
    return { dataDir, cloneBaseUrl, enabled: false, disabledBecause: "DEFECT_MIRROR=off" };
  }
  const problem = writableProblem(path.join(dataDir, "mirrors"));
  return { dataDir, cloneBaseUrl, enabled: problem === null, disabledBecause: problem };
}

function writableProblem(dir: string): string | null {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
    return null;
  } catch (error) {
    return `${dir} is not writable (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  }
}

/** `owner/name` → the clone URL under the settings' base. */
export function cloneUrlFor(settings: Pick<MirrorSettings, "cloneBaseUrl">, repository: string): string {
  return `${settings.cloneBaseUrl.replace(/\/+$/, "")}/${repository}.git`;
}

/**
 * The mirror manager. `token` returns a fresh installation token; it is asked only for http(s) URLs (a local
 * path needs none) and handed to git through the environment, never a URL or a log line.
 */
export function createMirrorManager(
  settings: MirrorSettings,
  token: (installationId: number) => Promise<string>,
): MirrorManager {
  const withRepositoryLock = createKeyedLock();
  return {
    settings,
    fetch(repository, installationId) {
      const [owner, name] = repository.split("/");
      if (!owner || !name) throw new Error(`"${repository}" is not owner/name: cannot mirror it`);
      const url = cloneUrlFor(settings, repository);
      const remote = /^https?:\/\//.test(url);
      return withRepositoryLock(repository, () =>
        updateMirror({
          dataDir: settings.dataDir,
          owner,
          name,
          url,
          ...(remote && installationId !== null ? { token: () => token(installationId) } : {}),
        }),
      );
    },
  };
}

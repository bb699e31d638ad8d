import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createHistorySource } from "../../src/app/create-history-source.js";
import { createMirrorManager, type MirrorSettings } from "../../src/app/create-mirror-manager.js";
import type { AppDeps } from "../../src/app/types.js";

/** A local "GitHub" for mirrors: `<base>/<owner>/<name>.git` bare repositories, and a data directory. */
export interface MirrorFixture {
  /** What the app clones from (the test's stand-in for https://github.com). */
  cloneBaseUrl: string;
  dataDir: string;
  /** Publishes a local repository as `owner/name` (a bare copy under the clone base). */
  publish(repository: string, sourceDir: string): void;
  /** Dependencies that mirror from the clone base into the data directory (pass to `createTestApp`'s `extend`). */
  extend(deps: AppDeps): Partial<AppDeps>;
  remove(): void;
}

export function createMirrorFixture(): MirrorFixture {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "defect-app-mirrors-"));
  const cloneBaseUrl = path.join(root, "remote");
  const dataDir = path.join(root, "data");
  fs.mkdirSync(cloneBaseUrl, { recursive: true });
  const settings: MirrorSettings = { dataDir, cloneBaseUrl, enabled: true, disabledBecause: null };
  return {
    cloneBaseUrl,
    dataDir,
    publish(repository, sourceDir) {
      const target = path.join(cloneBaseUrl, `${repository}.git`);
      fs.rmSync(target, { recursive: true, force: true });
      fs.mkdirSync(path.dirname(target), { recursive: true });
      execFileSync("git", ["clone", "--bare", "--quiet", sourceDir, target]);
    },
    extend(deps) {
      const mirrors = createMirrorManager(settings, async () => {
        throw new Error("a local clone base needs no token");
      });
      return { mirrors, history: createHistorySource({ mirrors, commits: deps.store.commits }) };
    },
    remove() {
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installationToken } from "../../src/app/create-app-deps.js";
import { historyApiBudgetFromEnv } from "../../src/app/create-history-source.js";
import {
  cloneUrlFor,
  createMirrorManager,
  mirrorSettingsFromEnv,
} from "../../src/app/create-mirror-manager.js";
import { createScriptedRepo, lines, type ScriptedRepo } from "../labels/scripted-repo.js";
import { createTestApp } from "../helpers/create-test-app.js";
import { useGitHubMock } from "../helpers/github-mock.js";
import { createMirrorFixture, type MirrorFixture } from "../helpers/mirror-fixtures.js";
import { mockInstallationToken } from "../helpers/pull-request-fixtures.js";

const github = useGitHubMock();
let source: ScriptedRepo;
let fixture: MirrorFixture;
beforeAll(() => {
  source = createScriptedRepo();
  source.commit("initial", { "a.ts": lines(3) }, 0);
  fixture = createMirrorFixture();
  fixture.publish("octo/app", source.dir);
});
afterAll(() => {
  source.remove();
  fixture.remove();
});

describe("mirror settings from the environment", () => {
  it("mirrors under DEFECT_DATA_DIR by default, from github.com or the GHE host", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "defect-settings-"));
    try {
      const github = mirrorSettingsFromEnv({ DEFECT_DATA_DIR: dataDir });
      expect(github).toMatchObject({ dataDir, enabled: true, disabledBecause: null });
      expect(cloneUrlFor(github, "octo/app")).toBe("https://github.com/octo/app.git");
      const ghe = mirrorSettingsFromEnv({
        DEFECT_DATA_DIR: dataDir,
        GHE_HOST: "ghe.example.com",
        GHE_PROTOCOL: "http",
      });
      expect(cloneUrlFor(ghe, "octo/app")).toBe("http://ghe.example.com/octo/app.git");
      expect(mirrorSettingsFromEnv({ DEFECT_DATA_DIR: dataDir, DEFECT_MIRROR: "off" })).toMatchObject({
        enabled: false,
        disabledBecause: "DEFECT_MIRROR=off",
      });
      fs.writeFileSync(path.join(dataDir, "file"), "");
      const blocked = mirrorSettingsFromEnv({ DEFECT_DATA_DIR: path.join(dataDir, "file") });
      expect(blocked.enabled).toBe(false);
      expect(blocked.disabledBecause).toMatch(/is not writable/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("refuses unknown DEFECT_MIRROR and DEFECT_HISTORY_API_BUDGET values, saying what to set", () => {
    expect(() => mirrorSettingsFromEnv({ DEFECT_MIRROR: "maybe" })).toThrow(
      /DEFECT_MIRROR must be "on" or "off"/,
    );
    expect(historyApiBudgetFromEnv({})).toBe(60);
    expect(historyApiBudgetFromEnv({ DEFECT_HISTORY_API_BUDGET: "25" })).toBe(25);
    expect(() => historyApiBudgetFromEnv({ DEFECT_HISTORY_API_BUDGET: "lots" })).toThrow(/whole number/);
  });
});

describe("mirror manager", () => {
  it("lets two jobs ask for the same new mirror at once: one clones, the other then fetches", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "defect-lock-"));
    try {
      const mirrors = createMirrorManager(
        { dataDir, cloneBaseUrl: fixture.cloneBaseUrl, enabled: true, disabledBecause: null },
        async () => "unused",
      );
      const [a, b] = await Promise.all([mirrors.fetch("octo/app", 1), mirrors.fetch("octo/app", 1)]);
      expect(a).toBe(path.join(dataDir, "mirrors", "octo", "app.git"));
      expect(b).toBe(a);
      expect(fs.existsSync(path.join(a, "HEAD"))).toBe(true);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("gets the installation token from the app's authentication", async () => {
    const app = await createTestApp();
    try {
      mockInstallationToken(github().api, 7);
      expect(await installationToken(app.deps.github)(7)).toBe("ghs_test_token");
    } finally {
      await app.close();
    }
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Probot } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAppDeps } from "../../src/app/create-app-deps.js";
import type { AppDeps } from "../../src/app/types.js";
import { MirrorUnavailableError } from "../../src/learning/create-learning-deps.js";
import { createMemoryLogger, testPrivateKey } from "../helpers/create-test-app.js";

let dataDir: string;
let deps: AppDeps | undefined;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "defect-deps-"));
});
afterEach(async () => {
  await deps?.queue.close();
  await deps?.store.close();
  deps = undefined;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function probot() {
  return new Probot({ appId: 1, privateKey: testPrivateKey(), secret: "s", log: createMemoryLogger().log });
}

describe("createAppDeps (the production wiring)", () => {
  it("mirrors under the data directory by default and wires history and learning", async () => {
    deps = await createAppDeps(probot(), { DEFECT_DATA_DIR: dataDir });
    expect(deps.mirrors?.settings).toMatchObject({
      dataDir,
      cloneBaseUrl: "https://github.com",
      enabled: true,
    });
    expect(deps.history?.("octo/app", { installationId: 1 })).toBeDefined();
    expect(deps.learning?.({ repository: "octo/app", installationId: 1 }).dataDir).toBe(dataDir);
  });

  it("with DEFECT_MIRROR=off reads history through the API and refuses to bootstrap, saying what to set", async () => {
    deps = await createAppDeps(probot(), { DEFECT_DATA_DIR: dataDir, DEFECT_MIRROR: "off" });
    expect(deps.mirrors).toBeNull();
    // No Octokit, no API history; with one, the API provider.
    expect(deps.history?.("octo/app", { installationId: 1 })).toBeUndefined();
    const octokit = { request: async () => ({ data: [] }) } as never;
    expect(deps.history?.("octo/app", { installationId: 1, octokit })).toBeDefined();
    const learning = deps.learning!({ repository: "octo/app", installationId: 1 });
    await expect(learning.mirror("octo/app")).rejects.toThrow(MirrorUnavailableError);
    await expect(learning.mirror("octo/app")).rejects.toThrow(/set DEFECT_MIRROR=on/);
  });
});

import { describe, expect, it } from "vitest";
import type { Change } from "../../src/change/types.js";
import { readLocalFacts } from "../../src/pipeline/read-local-facts.js";

const change = { repository: "octo/repo", baseSha: "a", headSha: "b" } as Change;

function recordingLog() {
  const warnings: string[] = [];
  return { warnings, warn: (_obj: object, msg?: string) => void warnings.push(msg ?? "") };
}

describe("readLocalFacts", () => {
  it("gives nothing, and says nothing, when no mirror is set up", async () => {
    const log = recordingLog();
    expect(await readLocalFacts(undefined, change, log)).toEqual({ facts: null });
    expect(log.warnings).toEqual([]);
  });

  it("passes the mirror's facts through", async () => {
    const facts = { fileHistory: async () => ({ "a.ts": { recentChanges: 3, laterFixed: 1 } }) };
    const got = await readLocalFacts(async () => facts, change, recordingLog());
    expect(got.facts).toBe(facts);
    expect(got.note).toBeUndefined();
  });

  it("turns a mirror failure into a note and a log line, never an error", async () => {
    const log = recordingLog();
    const got = await readLocalFacts(
      async () => {
        throw new Error("git cat-file: repository not found");
      },
      change,
      log,
    );
    expect(got.facts).toBeNull();
    expect(got.note).toContain("mirror could not be read");
    expect(log.warnings).toEqual(["local mirror facts unavailable: git cat-file: repository not found"]);
  });
});

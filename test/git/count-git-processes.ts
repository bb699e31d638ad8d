import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";

/**
 * Puts a `git` wrapper first on PATH that logs each invocation and runs the real git, so a test can count the
 * git processes a command spawns. Returns a reader of the log and a restore function.
 */
export function countGitProcesses(): { calls: () => string[][]; restore: () => void } {
  const realGit = execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim();
  const dir = mkdtempSync(path.join(os.tmpdir(), "defect-gitcount-"));
  const log = path.join(dir, "calls.log");
  writeFileSync(
    path.join(dir, "git"),
    `#!/bin/sh\nprintf '%s\\0' "$@" >> "${log}"\nprintf '\\n' >> "${log}"\nexec "${realGit}" "$@"\n`,
  );
  chmodSync(path.join(dir, "git"), 0o755);
  const previous = process.env.PATH;
  process.env.PATH = `${dir}${path.delimiter}${previous}`;
  return {
    calls: () =>
      existsSync(log)
        ? readFileSync(log, "utf8")
            .split("\n")
            .filter((l) => l !== "")
            .map((l) => l.split("\0").filter((a) => a !== ""))
        : [],
    restore: () => {
      process.env.PATH = previous;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

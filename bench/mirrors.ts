/**
 * The repository mirrors `bench:model` reads diff tokens from (`npm run bench:mirrors [-- --mirrors DIR] [--clone]`).
 * Lists each project's repositories as present or missing under DIR (default ../.mirror). With `--clone`, clones the
 * missing ones from GitHub as bare mirrors (`git clone --mirror`, several GB in all); without it, nothing touches
 * the network and the clone commands are printed instead.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { findMirror, TOKEN_SOURCES } from "./dataset-tokens.js";

const { values } = parseArgs({
  options: {
    mirrors: { type: "string", default: path.resolve(import.meta.dirname, "..", "..", ".mirror") },
    clone: { type: "boolean", default: false },
  },
});
const root = values.mirrors!;
let missing = 0;
for (const [project, repos] of Object.entries(TOKEN_SOURCES)) {
  for (const repo of repos) {
    const dir = findMirror(root, repo);
    if (dir) {
      console.log(`${project}: ${repo} present (${dir})`);
      continue;
    }
    missing++;
    const target = path.join(root, repo.replace("/", "+"), "repo");
    const args = ["clone", "--mirror", `https://github.com/${repo}.git`, target];
    if (!values.clone) {
      console.log(`${project}: ${repo} missing; to fetch: git ${args.join(" ")}`);
      continue;
    }
    console.log(`${project}: cloning ${repo} → ${target}`);
    const r = spawnSync("git", args, { stdio: "inherit" });
    if (r.status !== 0) {
      console.error(`git clone of ${repo} failed (exit ${r.status}); the benchmark runs without it.`);
      process.exitCode = 1;
    }
  }
}
if (!values.clone && missing > 0) console.log(`\n${missing} missing; rerun with -- --clone to fetch them.`);

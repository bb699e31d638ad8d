import type { FeatureExtractor, FeatureSpec } from "../types.js";
import { classifyFileKind, type FileKind } from "./classify-file-kind.js";

const SHARES: readonly [FileKind, string][] = [
  ["test", "test files"],
  ["doc", "documentation files"],
  ["config", "configuration and build files"],
  ["code", "source code files (tests excluded)"],
  ["generated", "generated or vendored files"],
  ["lock", "dependency lock files"],
];

function share(kind: FileKind, what: string): FeatureSpec {
  return {
    name: `${kind}_file_share`,
    group: "diff",
    description: `Share of the changed files that are ${what}.`,
    unit: "share",
    transform: "none",
  };
}

function count(name: string, description: string): FeatureSpec {
  return { name, group: "diff", description, unit: "files", transform: "log1p" };
}

/** What kinds of files the change touches (by path) and how (added, removed, renamed, binary). */
export const fileKindsExtractor: FeatureExtractor = {
  name: "file_kinds",
  features: [
    ...SHARES.map(([kind, what]) => share(kind, what)),
    count("binary_files", "Binary files changed."),
    count("files_added", "Files added."),
    count("files_removed", "Files removed."),
    count("files_renamed", "Files renamed or copied."),
  ],
  extract: ({ change }) => {
    const kinds: Record<FileKind, number> = {
      lock: 0,
      generated: 0,
      test: 0,
      doc: 0,
      config: 0,
      code: 0,
      other: 0,
    };
    let binary = 0;
    let added = 0;
    let removed = 0;
    let renamed = 0;
    for (const f of change.files) {
      kinds[classifyFileKind(f.path)]++;
      if (f.binary) binary++;
      if (f.status === "added") added++;
      else if (f.status === "removed") removed++;
      else if (f.status === "renamed" || f.status === "copied") renamed++;
    }
    const n = change.files.length;
    const values: Record<string, number> = {
      binary_files: binary,
      files_added: added,
      files_removed: removed,
      files_renamed: renamed,
    };
    for (const [kind] of SHARES) values[`${kind}_file_share`] = n > 0 ? kinds[kind] / n : 0;
    return values;
  },
};

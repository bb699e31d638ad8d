export { parseUnifiedDiff } from "./parse-unified-diff.js";
export { parsePatch, type ParsePatchOptions } from "./parse-patch.js";
export { DiffParseError } from "./diff-parse-error.js";
export type { DiffFile, DiffLine, Hunk } from "./types.js";

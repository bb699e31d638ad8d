import { describe, expect, it } from "vitest";
import { LogRecordParser, type LogCommit } from "../../src/git/parse-log-records.js";

const Z = "0".repeat(40);
const A = "a".repeat(40);
const B = "b".repeat(40);

/** Bytes as `git log -z --raw --numstat` writes them for a rename, a binary file, a submodule and a latin1 name. */
function sample(): Buffer {
  const parts: (string | Buffer)[] = [
    "\x1e1111\x1f\x1f1577836800\x1fAl\x1fal@x\x1fsubject\n\nbody\n\x1f\0",
    `\n:100644 100644 ${A} ${B} R087\0old/p.js\0new/p.js\0`,
    `:000000 100644 ${Z} ${B} A\0img.png\0`,
    `:160000 160000 ${A} ${B} M\0vendor/lib\0`,
    `:000000 100644 ${Z} ${B} A\0`,
    Buffer.from([0x63, 0x61, 0x66, 0xe9, 0]),
    "3\t1\t\0old/p.js\0new/p.js\0",
    "-\t-\timg.png\0",
    "1\t1\tvendor/lib\0",
    Buffer.concat([Buffer.from("2\t0\t"), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0])]),
    "\x1e2222\x1f1111 3333\x1f1577836900\x1fBo\x1fbo@x\x1fMerge\n\x1f\0",
  ];
  return Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : p)));
}

describe("LogRecordParser", () => {
  it.each([1, 7, 64, 100_000])("parses the same commits whatever the chunk size (%i bytes)", (size) => {
    const commits: LogCommit[] = [];
    const parser = new LogRecordParser((c) => commits.push(c));
    const bytes = sample();
    for (let i = 0; i < bytes.length; i += size) parser.push(bytes.subarray(i, i + size));
    parser.end();
    expect(commits).toHaveLength(2);
    const [first, merge] = commits;
    expect(first).toMatchObject({
      sha: "1111",
      parents: [],
      authorTime: 1577836800,
      authorName: "Al",
      message: "subject\n\nbody",
    });
    expect(first.files).toEqual([
      expect.objectContaining({
        path: "new/p.js",
        previousPath: "old/p.js",
        status: "R",
        added: 3,
        deleted: 1,
      }),
      expect.objectContaining({ path: "img.png", status: "A", added: null, deleted: null, oldBlob: "" }),
      expect.objectContaining({ path: "vendor/lib", submodule: true, added: 1 }),
      expect.objectContaining({ path: "caf\u00e9", nonUtf8Path: true, added: 2, deleted: 0 }),
    ]);
    expect(merge).toMatchObject({ sha: "2222", parents: ["1111", "3333"], files: [] });
  });
});

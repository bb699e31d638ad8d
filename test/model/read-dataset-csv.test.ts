import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  DatasetFormatError,
  parseColumnMapping,
  parseCsv,
  parseDatasetCsv,
  readDatasetCsv,
} from "../../src/model/read-dataset-csv.js";
import { splitDataset } from "../../src/model/split-dataset.js";

const FIXTURES = path.resolve(import.meta.dirname, "..", "fixtures", "jit");

describe("readDatasetCsv on each public dataset's header", () => {
  it("reads LApredict/McIntosh (entrophy, bug, Unix date, the __ copy ignored)", async () => {
    const ds = await readDatasetCsv(path.join(FIXTURES, "lapredict-qt-head.csv"));
    expect(ds.rows).toHaveLength(40);
    expect(ds.mapping.entropy).toBe("entrophy");
    expect(ds.mapping.label).toBe("bug");
    expect(ds.absentFeatures).toEqual([]);
    expect(ds.rows[0]).toMatchObject({ ns: 1, nd: 1, nf: 1, entropy: 0, la: 2, ld: 2, lt: 1098, ndev: 57 });
    expect(ds.times[0]).toBe(1420046511);
    expect(ds.ids[0]).toBe("8951b628faefdb45eb6dc87186d02397e02b68f6");
  });

  it("reads ApacheJIT (buggy True/False, ent, aexp/arexp/asexp, author_date, no lt)", async () => {
    const ds = await readDatasetCsv(path.join(FIXTURES, "apachejit-head.csv"));
    expect(ds.labels[0]).toBe(1);
    expect(ds.labels).toContain(0);
    expect(ds.mapping).toMatchObject({
      entropy: "ent",
      exp: "aexp",
      rexp: "arexp",
      sexp: "asexp",
      time: "author_date",
    });
    expect(ds.absentFeatures).toEqual(["lt"]);
    expect(ds.rows[0].lt).toBeNull();
    expect(ds.rows[0].fix).toBe(0); // "False"
    expect(ds.projects?.[0]).toBe("apache/flink");
  });

  it("reads Kamei 2013 names (nm → nd, pd → age, npt → nuc, commitdate strings) in any letter case", () => {
    const csv =
      "commitdate,NS,NM,NF,Entropy,LA,LD,LT,FIX,NDEV,PD,NPT,EXP,REXP,SEXP,bug\n" +
      "2012/05/22 18:56,1,2,3,0.5,10,2,100,0,4,30,2,50,10.5,20,TRUE\n" +
      "2012/05/23 09:00,1,1,1,0,1,0,20,1,1,5,1,60,11,21,false\n";
    const ds = parseDatasetCsv(csv);
    expect(ds.rows[0]).toMatchObject({ ns: 1, nd: 2, nf: 3, entropy: 0.5, age: 30, nuc: 2, rexp: 10.5 });
    expect(ds.labels).toEqual([1, 0]);
    expect(ds.times[1]! - ds.times[0]!).toBe(14 * 3600 + 4 * 60);
  });

  it("applies an explicit --columns mapping", () => {
    const csv = "when,isBuggy,Added,Deleted\n2020-01-02T00:00:00Z,1,5,1\n2020-01-01T00:00:00Z,0,1,1\n";
    const ds = parseDatasetCsv(csv, parseColumnMapping("when=date,isBuggy=bug,Added=la,Deleted=ld"));
    expect(ds.labels).toEqual([1, 0]);
    expect(ds.rows[0]).toMatchObject({ la: 5, ld: 1, nf: null });
    expect(ds.times[0]).toBe(Date.parse("2020-01-02T00:00:00Z") / 1000);
  });

  it("refuses a file without labels, a bad label, a bad number and a short row, naming the fix", () => {
    expect(() => parseDatasetCsv("la,ld\n1,2\n")).toThrow(/no label column.*--columns/);
    expect(() => parseDatasetCsv("la,bug\n1,maybe\n")).toThrow(/line 2: label column "bug" has "maybe"/);
    expect(() => parseDatasetCsv("la,bug\nten,1\n")).toThrow(DatasetFormatError);
    expect(() => parseDatasetCsv("la,ld,bug\n1,1\n")).toThrow(/line 2 has 2 fields/);
    expect(() => parseColumnMapping("nonsense")).toThrow(/source=target/);
  });

  it("parses quoted CSV fields", () => {
    expect(parseCsv('a,b\n"x, ""y""",2\r\n')).toEqual([
      ["a", "b"],
      ['x, "y"', "2"],
    ]);
  });
});

describe("splitDataset", () => {
  const csv =
    "date,la,bug\n" +
    Array.from({ length: 10 }, (_, i) => `${1000 + (9 - i) * 86400},${i},${i % 2}`).join("\n");
  const ds = parseDatasetCsv(csv);

  it("sorts by date and tests on the most recent 20 %", () => {
    const s = splitDataset(ds, { testFraction: 0.2 });
    expect(s.test.rows.map((r) => r.la)).toEqual([1, 0]); // the newest rows are the first lines of the file
    expect(s.train.times.every((t) => t! < s.test.times[0]!)).toBe(true);
    expect(s.description).toMatch(/^time split/);
  });

  it("drops training rows inside the labelling gap", () => {
    const s = splitDataset(ds, { testFraction: 0.2, gapDays: 2 });
    expect(s.train.rows).toHaveLength(6);
    expect(s.description).toMatch(/2-day labelling gap dropped 2/);
  });

  it("says so when the split is random", () => {
    expect(splitDataset(ds, { protocol: "random" }).description).toMatch(/RANDOM/);
  });
});

import { describe, expect, it } from "vitest";
import { parseCommand } from "../../src/app/parse-command.js";

describe("parseCommand", () => {
  it("reads each command", () => {
    expect(parseCommand("/defect explain")).toEqual({ kind: "explain" });
    expect(parseCommand("/defect explain `src/db/pool.ts`")).toEqual({
      kind: "explain",
      path: "src/db/pool.ts",
    });
    expect(parseCommand("/defect help")).toEqual({ kind: "help" });
    expect(parseCommand("/defect")).toEqual({ kind: "help" });
    expect(parseCommand("/Defect Feedback BUG it broke login\n")).toEqual({
      kind: "feedback",
      label: "bug",
      reason: "it broke login",
    });
    expect(parseCommand("/defect feedback clean")).toEqual({ kind: "feedback", label: "clean" });
    expect(parseCommand("/defect retrain")).toEqual({ kind: "retrain" });
  });

  it("finds the command on any line, but not in quotes or code blocks", () => {
    expect(parseCommand("Nice work.\r\n  /defect explain src/x.ts")).toEqual({
      kind: "explain",
      path: "src/x.ts",
    });
    expect(parseCommand("> /defect retrain")).toBeNull();
    expect(parseCommand("```\n/defect retrain\n```")).toBeNull();
    expect(parseCommand("see /defect explain")).toBeNull();
    expect(parseCommand("/defective code")).toBeNull();
    expect(parseCommand(null)).toBeNull();
  });

  it("turns what it cannot read into an unknown command that says why", () => {
    expect(parseCommand("/defect feedback maybe")).toEqual({
      kind: "unknown",
      problem: "`/defect feedback` takes `bug` or `clean`, then an optional reason.",
    });
    expect(parseCommand("/defect frobnicate")).toEqual({
      kind: "unknown",
      problem: "`frobnicate` is not a command I know.",
    });
  });
});

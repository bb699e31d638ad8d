/** The `/defect help` reply, with what went wrong first when a command was not understood. */
export function renderHelp(problem?: string): string {
  return [
    ...(problem ? [problem, ""] : []),
    "**Defect risk commands** (comment on a pull request):",
    "",
    "| command | what it does |",
    "|---|---|",
    "| `/defect explain` | files by risk, what raised and lowered the score, suggestions |",
    "| `/defect explain path/to/file` | one file in depth: its reasons and riskiest hunks |",
    "| `/defect feedback bug [reason]` | mark this PR as bug-inducing (write access) |",
    "| `/defect feedback clean [reason]` | mark this PR as clean (write access) |",
    "| `/defect retrain` | queue a retraining of this repository's model (write access) |",
    "| `/defect help` | this list |",
  ].join("\n");
}

/** The polite refusal for commands that need write access. */
export function renderRefusal(login: string, command: string): string {
  return (
    `@${login} thanks — \`/defect ${command}\` changes what the model learns, so it needs write access to this ` +
    "repository. A maintainer can run it; `/defect explain` works for everyone."
  );
}

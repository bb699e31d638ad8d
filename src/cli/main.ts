#!/usr/bin/env node
import { parseArgs, type ParseArgsConfig } from "node:util";

/** A `defect` sub-command: its options and what it does. Each lives in its own file under src/cli/. */
export interface CliCommand {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  run(
    values: Record<string, string | boolean | string[] | boolean[] | undefined>,
    positionals: string[],
  ): Promise<number>;
}

const COMMANDS: Record<string, () => Promise<{ command: CliCommand }>> = {
  score: () => import("./score-command.js"),
  mine: () => import("./mine-command.js"),
  label: () => import("./label-command.js"),
  train: () => import("./train-command.js"),
  eval: () => import("./eval-command.js"),
  export: () => import("./export-command.js"),
  bootstrap: () => import("./bootstrap-command.js"),
  models: () => import("./models-command.js"),
  serve: () => import("./serve-command.js"),
};

async function printHelp(): Promise<void> {
  const lines = ["Usage: defect <command> [options]", "", "Commands:"];
  for (const [name, load] of Object.entries(COMMANDS)) {
    try {
      lines.push(`  ${name.padEnd(10)} ${(await load()).command.summary}`);
    } catch {
      // A command whose module is not built yet is simply not listed.
    }
  }
  lines.push("", "Run `defect <command> --help` for a command's options.");
  console.log(lines.join("\n"));
}

/** Entry point: returns the process exit code; errors print one clear line, never a stack, unless DEBUG is set. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    await printHelp();
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`defect: unknown command "${name}". Run \`defect --help\` for the list.`);
    return 2;
  }
  const { command } = await load();
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    console.error(`defect ${name}: ${(error as Error).message}\n\n${command.usage}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(parsed.values, parsed.positionals);
  } catch (error) {
    if (process.env.DEBUG) console.error(error);
    console.error(`defect ${name}: ${(error as Error).message}`);
    return 1;
  }
}

const isEntry =
  process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/").split("/").pop()!);
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}

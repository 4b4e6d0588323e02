#!/usr/bin/env node
import { readFileSync } from "node:fs";
import path from "node:path";
import { visible } from "../catalog/terminal-safety.js";
import { dataHome, packageRoot } from "../paths.js";
import { EXIT, UsageError, type CommandContext } from "./command.js";
import { commands, findCommand } from "./registry.js";

function version(): string {
  const pkg = JSON.parse(readFileSync(path.join(packageRoot, "package.json"), "utf8")) as { version: string };
  return pkg.version;
}

function helpText(): string {
  // Usage and summary side by side; a usage too long for its column gets the summary on the next line.
  const column = 44;
  const lines = commands.flatMap((c) => {
    const usage = `  ccaak-train ${c.usage}`;
    return usage.length < column
      ? [`${usage.padEnd(column)}${c.summary}`]
      : [...wrapAt(usage, "|", 78, "      "), `${"".padEnd(column)}${c.summary}`];
  });
  return [
    "ccaak-train: a trainer for the Confluent Kafka administrator exam (CCAAK)",
    "",
    "Usage:",
    ...lines,
    "",
    "Options:",
    "  -h, --help       show this help (also: ccaak-train COMMAND --help)",
    "  -v, --version    print the version",
    "",
    "Environment:",
    "  CCAAK_HOME       where progress, installed packs and lab state live",
    `                   (now: ${dataHome()})`,
    "  NO_COLOR         turn colour off",
    "",
    "Exit codes: 0 success, 1 what was checked is wrong, 2 bad usage.",
  ].join("\n");
}

/** Breaks a long line after `separator`s so that no piece is wider than `width`. */
function wrapAt(line: string, separator: string, width: number, indent: string): string[] {
  const out: string[] = [];
  let current = "";
  for (const piece of line.split(separator)) {
    const next = current === "" ? piece : `${current}${separator}${piece}`;
    if (next.length > width && current !== "") {
      out.push(`${current}${separator}`);
      current = `${indent}${piece.trimStart()}`;
    } else current = next;
  }
  return [...out, current];
}

/** Bad usage found by a command, or by node:util parseArgs (an unknown option, a missing value). */
function isUsageError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof UsageError || (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS_"));
}

export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  // Everything printed passes here, so nothing that came from content or from the user (a field
  // name, a value, a path) can reach the terminal as a control sequence.
  const line = (text: string) => visible(text.endsWith("\n") ? text.slice(0, -1) : text) + "\n";
  const out = (text: string) => process.stdout.write(line(text));
  const err = (text: string) => process.stderr.write(line(text));

  if (first === "--help" || first === "-h" || first === "help") {
    out(helpText());
    return EXIT.ok;
  }
  if (first === "--version" || first === "-v") {
    out(version());
    return EXIT.ok;
  }

  const name = first ?? "home";
  const entry = findCommand(name);
  if (!entry) {
    err(`ccaak-train: unknown command "${name}". Run "ccaak-train --help" for the list.`);
    return EXIT.usage;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    out(`Usage: ccaak-train ${entry.usage}\n\n${entry.summary}`);
    return EXIT.ok;
  }

  const ctx: CommandContext = {
    args: rest,
    env: process.env,
    home: dataHome(),
    out,
    err,
    isTTY: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  };
  try {
    const command = await entry.load();
    return await command.run(ctx);
  } catch (error) {
    if (isUsageError(error)) {
      err(`ccaak-train ${entry.name}: ${(error as Error).message}\nUsage: ccaak-train ${entry.usage}`);
      return EXIT.usage;
    }
    throw error;
  }
}

// A reader that stops early (`ccaak-train lab status | head -1`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      visible(`ccaak-train: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`) +
        "\n",
    );
    process.exitCode = EXIT.failed;
  },
);

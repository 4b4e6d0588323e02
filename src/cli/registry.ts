import type { CommandModule } from "./command.js";

export interface CommandEntry {
  name: string;
  usage: string;
  summary: string;
  /** Loaded only when the command runs, so `--help` stays fast. */
  load: () => Promise<CommandModule>;
}

export const commands: CommandEntry[] = [
  {
    name: "home",
    usage: "home",
    summary: "open the trainer (the same as no command)",
    load: () => import("./commands/home.js"),
  },
  {
    name: "validate",
    usage: "validate [PATH...] [--json] [--stats]",
    summary: "check question packs (bundled and installed when no PATH is given)",
    load: () => import("./commands/validate.js"),
  },
  {
    name: "packs",
    usage: "packs list | add DIR | remove ID [--json]",
    summary: "manage installed question packs",
    load: () => import("./commands/packs.js"),
  },
];

export function findCommand(name: string): CommandEntry | undefined {
  return commands.find((c) => c.name === name);
}

import type { CommandModule } from "./command.js";

export interface CommandEntry {
  name: string;
  usage: string;
  summary: string;
  /** Loaded only when the command runs, so `--help` stays fast. */
  load: () => Promise<CommandModule>;
}

export const commands: CommandEntry[] = [
  screen("home", "home", "open the trainer: due reviews, readiness and the menu (the same as no command)"),
  screen("study", "study", "study: due reviews first, then new questions"),
  screen("practice", "practice [--domain D] [--tag T]", "practise one exam domain or tag"),
  screen("exam", "exam", "take a timed mock exam weighted like the real one"),
  screen("review", "review", "past mock exams and the questions you miss most"),
  screen("read", "read [LESSON]", "read the lessons"),
  {
    name: "validate",
    usage: "validate [PATH...] [--json] [--stats] [--facts]",
    summary:
      "check question packs (bundled and installed when no PATH is given); --facts: config names and defaults against the Kafka jars",
    load: () => import("./commands/validate.js"),
  },
  {
    name: "packs",
    usage: "packs list | add DIR | remove ID [--json]",
    summary: "manage installed question packs",
    load: () => import("./commands/packs.js"),
  },
  {
    name: "stats",
    usage: "stats [--json]",
    summary: "due counts, streak, reviews per day, mastery and readiness per domain, last exams",
    load: () => import("./commands/stats.js"),
  },
  {
    name: "progress",
    usage: "progress export FILE [--format json|csv] | import FILE [--json]",
    summary: "export or import progress as JSON, or the review log as CSV for FSRS optimizers",
    load: () => import("./commands/progress.js"),
  },
  {
    name: "doctor",
    usage: "doctor [--json]",
    summary: "check what labs need: Node, Java, Maven or KAFKA_HOME, Docker, Kafka cache, ports, data dir",
    load: () => import("./commands/doctor.js"),
  },
  {
    name: "lab",
    usage:
      "lab list|start LAB|reset [LAB]|status|env|shell|app|dns|checkpoints|mm2|fault|proceed|declare|hint|grade|history|stop",
    summary: "run a disaster-recovery lab on real Kafka clusters and MirrorMaker 2",
    load: () => import("./commands/lab.js"),
  },
];

/** A command that opens one of the study screens (they need a terminal). */
function screen(name: ScreenName, usage: string, summary: string): CommandEntry {
  return {
    name,
    usage,
    summary,
    load: async () => ({ run: (await import("./commands/interactive.js")).screenCommand(name) }),
  };
}

type ScreenName = "home" | "study" | "practice" | "exam" | "review" | "read";

export function findCommand(name: string): CommandEntry | undefined {
  return commands.find((c) => c.name === name);
}

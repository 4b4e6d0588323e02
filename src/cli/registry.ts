import type { CommandModule } from "./command.js";

export interface CommandEntry {
  name: string;
  usage: string;
  summary: string;
  /** Loaded only when the command runs, so `--help` stays fast. */
  load: () => Promise<CommandModule>;
}

export const commands: CommandEntry[] = [
  screen("home", "home", "home screen (the same as no command)"),
  screen("study", "study", "due reviews, then new questions"),
  screen(
    "practice",
    "practice [--domain D] [--tag T] [--missed [--exam N]]",
    "a domain, a tag, or your mistakes",
  ),
  screen(
    "exam",
    "exam [--questions N] [--minutes M|--untimed] [--domain D]... [--missed] [--strict-time] [--resume]",
    "mock exam by the blueprint",
  ),
  screen("review", "review", "past exams, most-missed questions"),
  screen("read", "read [LESSON]", "the lessons"),
  {
    name: "validate",
    usage: "validate [PATH...] [--json] [--stats] [--strict] [--facts]",
    summary: "check packs, lessons and labs",
    load: () => import("./commands/validate.js"),
  },
  {
    name: "packs",
    usage: "packs list | add DIR | remove ID [--json]",
    summary: "manage installed question packs",
    load: () => import("./commands/packs.js"),
  },
  {
    name: "import",
    usage: "import {gift,aiken} FILE... --into DIR [--pack-id ID] [--domain D] [--domain-map FILE]",
    summary: "questions from Moodle GIFT or Aiken into a pack",
    load: () => import("./commands/import.js"),
  },
  {
    name: "export",
    usage: "export {gift,anki} PACK [--out FILE]",
    summary: "a pack as GIFT for Moodle or an Anki import file",
    load: () => import("./commands/export.js"),
  },
  {
    name: "stats",
    usage: "stats [--json]",
    summary: "due counts, streak, readiness",
    load: () => import("./commands/stats.js"),
  },
  {
    name: "plan",
    usage: "plan [--json]",
    summary: "day-by-day plan and forecast to the exam date",
    load: () => import("./commands/plan.js"),
  },
  {
    name: "fsrs",
    usage: "fsrs optimize | reset [--json]",
    summary: "fit FSRS to your review log, or back to defaults",
    load: () => import("./commands/fsrs.js"),
  },
  {
    name: "progress",
    usage: "progress export FILE [--format json|csv] | import FILE [--json]",
    summary: "export or import progress",
    load: () => import("./commands/progress.js"),
  },
  {
    name: "config",
    usage: "config list | get KEY | set KEY VALUE [--json]",
    summary: "settings: new per day, retention, exams...",
    load: () => import("./commands/config.js"),
  },
  {
    name: "flags",
    usage: "flags list [--pack P] [--json] | export [FILE] [--pack P]",
    summary: "questions learners flagged as doubtful",
    load: () => import("./commands/flags.js"),
  },
  {
    name: "doctor",
    usage: "doctor [--json]",
    summary: "what the labs need, present or not",
    load: () => import("./commands/doctor.js"),
  },
  {
    name: "lab",
    usage:
      "lab list|start LAB|reset [LAB]|status|env|shell|app|dns|checkpoints|metrics [QUERY]|rules load FILE|mm2|fault|proceed|declare|hint|grade|report|history|stop (lab report [--format md|html] [--out FILE] [--attempt ID])",
    summary: "DR drills on real Kafka clusters",
    load: () => import("./commands/lab/index.js"),
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

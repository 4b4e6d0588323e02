/** The typed content the rest of the program works with: question packs, their blueprints and questions. */
import type { BodyOf, QuestionBody, QuestionType } from "../questions/index.js";

export type { ChoiceOption, MatchPair, QuestionType } from "../questions/index.js";
export { QUESTION_TYPES } from "../questions/index.js";

export type Severity = "error" | "warning";

/** One problem found in a content file, located precisely enough for an editor to jump to it. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  /** Dotted path of the offending field (`options.2.text`), or a pseudo-field such as `yaml` or `body`. */
  field: string;
  message: string;
  suggestion?: string;
  /** The item-writing rule that found it (`lint/longest-right-option`); absent for other checks. */
  rule?: string;
}

export interface Domain {
  id: string;
  name: string;
  /** Share of the exam in percent. */
  weight: number;
}

export interface ExamFormat {
  questions: number;
  minutes: number;
  passPercent: number;
}

export interface Blueprint {
  exam: ExamFormat;
  domains: Domain[];
}

export interface PackManifest {
  id: string;
  title: string;
  version: string;
  author: string;
  licence: string;
  description?: string;
  blueprint: Blueprint;
}

export type Difficulty = "easy" | "medium" | "hard";
export const DIFFICULTIES: readonly Difficulty[] = ["easy", "medium", "hard"];

/** The Kafka components whose configuration names a question may state defaults for. */
export const CONFIG_COMPONENTS = [
  "broker",
  "topic",
  "producer",
  "consumer",
  "admin",
  "connect",
  "mirrormaker",
] as const;
export type ConfigComponent = (typeof CONFIG_COMPONENTS)[number];

/** A default value the text states, declared so that it can be checked against the real Kafka jars. */
export interface StatedDefault {
  config: string;
  component: ConfigComponent;
  value: string;
}

export interface QuestionCommon {
  /** Stable, globally unique id: `<pack id>/<question id>`. */
  id: string;
  pack: string;
  domain: string;
  difficulty: Difficulty;
  tags: string[];
  references: string[];
  defaults: StatedDefault[];
  /** Markdown shown as the question. */
  stem: string;
  /** Markdown shown after answering: why the right answer is right and the others are wrong. */
  explanation: string;
  /** Path of the source file, for messages. */
  file: string;
  /** Hash of the question's content; changes when an author edits it. */
  revision: string;
}

/** A question: the common fields and those of its type (see `src/questions`). */
export type Question = QuestionCommon & QuestionBody;
export type QuestionOf<T extends QuestionType> = QuestionCommon & BodyOf<T>;

export type PackSource = "bundled" | "installed" | "path";

export interface LoadedPack {
  manifest: PackManifest;
  dir: string;
  source: PackSource;
  /** Questions that passed validation; broken ones are left out and reported. */
  questions: Question[];
}

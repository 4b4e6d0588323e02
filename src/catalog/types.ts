/** The typed content the rest of the program works with: question packs, their blueprints and questions. */

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

export type QuestionType = "single" | "multiple" | "matching" | "order";
export const QUESTION_TYPES: readonly QuestionType[] = ["single", "multiple", "matching", "order"];

export interface ChoiceOption {
  text: string;
  correct: boolean;
  /** Why this option is right or wrong; shown next to it after answering. */
  why?: string;
}

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

export interface MatchPair {
  left: string;
  right: string;
}

interface QuestionCommon {
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

export interface SingleChoiceQuestion extends QuestionCommon {
  type: "single";
  options: ChoiceOption[];
}

export interface MultipleSelectQuestion extends QuestionCommon {
  type: "multiple";
  options: ChoiceOption[];
}

export interface MatchingQuestion extends QuestionCommon {
  type: "matching";
  pairs: MatchPair[];
  /** Extra right-hand items that match nothing. */
  distractors: string[];
}

export interface OrderQuestion extends QuestionCommon {
  type: "order";
  /** Items in their correct order. */
  items: string[];
}

export type Question = SingleChoiceQuestion | MultipleSelectQuestion | MatchingQuestion | OrderQuestion;

export type PackSource = "bundled" | "installed" | "path";

export interface LoadedPack {
  manifest: PackManifest;
  dir: string;
  source: PackSource;
  /** Questions that passed validation; broken ones are left out and reported. */
  questions: Question[];
}

/**
 * Item-writing checks on loaded questions: the cues a test-wise candidate can answer from without
 * knowing Kafka (the longest option, an option that echoes the stem, absolute words in distractors),
 * and near-duplicate questions across a pack. Pure: from a loaded pack to findings and bank figures.
 * The rules and thresholds are written for authors in questions/README.md.
 */
import path from "node:path";
import type { ChoiceOption, Diagnostic, LoadedPack, Question, Severity } from "./types.js";
import {
  ABOVE,
  ABSOLUTE_WORDS,
  containsTerms,
  contentWords,
  localId,
  mean,
  percent,
  plain,
  prose,
  ratio,
  round2,
  termsOf,
  trigrams,
  words,
} from "./lint-text.js";

export const LINT_RULES = [
  "lint/longest-right-option",
  "lint/longer-right-options",
  "lint/option-contains-option",
  "lint/all-none-of-the-above",
  "lint/absolute-word-in-distractors",
  "lint/stem-repeats-answer",
  "lint/near-duplicate",
] as const;
export type LintRule = (typeof LINT_RULES)[number];

export const LINT_LIMITS = {
  /** Single choice: the right option may be at most this many times as long as the longest distractor. */
  longestRatio: 1.25,
  /** Multiple select: the right options' mean length may be at most this many times the wrong ones'. */
  meanRatio: 1.25,
  /** Either ratio only counts when the difference is also at least this many characters (two words). */
  lengthMargin: 10,
  /** Absolute words give wrong options away when at least this many have them (or all, if fewer). */
  absoluteDistractors: 2,
  /** The stem gives the right option away when they share this many distinctive words no wrong option has, */
  echoWords: 2,
  /** a distinctive word being one of at least this many letters */
  distinctiveLetters: 6,
  /** that occurs in at most this share of the pack's questions (or in at most this many). */
  rareShare: 0.02,
  rareAtMost: 3,
  /** Two questions are near-duplicates when both their stems and their answers are this alike. */
  nearDuplicate: 0.2,
};

export interface LintFinding {
  rule: LintRule;
  question: Question;
  /** The front-matter field the finding is about (`["options", 2, "text"]`), or the stem. */
  at: (string | number)[] | "stem";
  message: string;
}

export interface NearDuplicatePair {
  similarity: number;
  a: { id: string; file: string };
  b: { id: string; file: string };
}

/** Bank-level figures for `validate --stats`: how far a test-wise candidate would get. */
export interface BankFigures {
  single: {
    questions: number;
    /** Questions whose right option is longer than every distractor (a tie is not longest). */
    rightLongest: number;
    rightLongestPercent: number;
    /** Mean over questions of right option length / longest distractor length. */
    meanRatioToLongestDistractor: number;
    /** Mean over questions of right option length / mean distractor length. */
    meanRatioToMeanDistractor: number;
  };
  multiple: {
    questions: number;
    /** Questions whose right options are exactly the longest options. */
    rightLongest: number;
    rightLongestPercent: number;
  };
  nearDuplicates: NearDuplicatePair[];
  findings: Record<LintRule, number>;
}

export interface PackLint {
  findings: LintFinding[];
  figures: BankFigures;
}

/** Every item-writing finding in a pack, and the bank figures. */
export function lintPack(pack: LoadedPack): PackLint {
  const bank = wordIndex(pack.questions);
  const findings = pack.questions.flatMap((q, i) => lintQuestion(q, bank.stemWords[i]!, bank));
  const nearDuplicates = findNearDuplicates(pack.questions, bank);
  for (const pair of nearDuplicates) {
    const first = pack.questions.find((q) => q.id === pair.a.id)!;
    const second = pack.questions.find((q) => q.id === pair.b.id)!;
    findings.push({
      rule: "lint/near-duplicate",
      question: second,
      at: "stem",
      message:
        `near-duplicate of "${localId(first)}" (${path.relative(pack.dir, first.file)}): ` +
        `stem and answer alike (similarity ${pair.similarity.toFixed(2)}); merge them or make one test a different decision`,
    });
  }
  const findingsByRule = Object.fromEntries(
    LINT_RULES.map((rule) => [rule, findings.filter((f) => f.rule === rule).length]),
  ) as Record<LintRule, number>;
  return {
    findings,
    figures: { ...lengthFigures(pack.questions), nearDuplicates, findings: findingsByRule },
  };
}

/** The findings as diagnostics, at the file and line `locate` gives for each. */
export function lintDiagnostics(
  findings: readonly LintFinding[],
  severity: Severity,
  locate: (finding: LintFinding) => { line: number; column: number },
): Diagnostic[] {
  return findings.map((f) => ({
    file: f.question.file,
    ...locate(f),
    severity,
    field: f.at === "stem" ? "stem" : f.at.join("."),
    message: f.message,
    rule: f.rule,
  }));
}

function lintQuestion(q: Question, stem: readonly string[], bank: WordIndex): LintFinding[] {
  if (q.type !== "single" && q.type !== "multiple") return [];
  const found: LintFinding[] = [];
  const add = (rule: LintRule, index: number, message: string) =>
    found.push({ rule, question: q, at: ["options", index, "text"], message });
  const options = q.options.map((o, index) => ({ ...o, index, length: plain(o.text).length }));
  const right = options.filter((o) => o.correct);
  const wrong = options.filter((o) => !o.correct);

  if (q.type === "single") {
    const answer = right[0]!;
    const longest = Math.max(...wrong.map((o) => o.length));
    if (
      answer.length > LINT_LIMITS.longestRatio * longest &&
      answer.length - longest >= LINT_LIMITS.lengthMargin
    )
      add(
        "lint/longest-right-option",
        answer.index,
        `the right option is ${ratio(answer.length, longest)}x as long as the longest distractor ` +
          `(${answer.length} against ${longest} characters): move the reason into "why" or make the distractors as specific`,
      );
  } else {
    const shortestRight = Math.min(...right.map((o) => o.length));
    const longestWrong = Math.max(...wrong.map((o) => o.length));
    const meanRight = mean(right.map((o) => o.length));
    const meanWrong = mean(wrong.map((o) => o.length));
    const longerOnAverage =
      meanRight > LINT_LIMITS.meanRatio * meanWrong && meanRight - meanWrong >= LINT_LIMITS.lengthMargin;
    if (shortestRight > longestWrong || longerOnAverage)
      add(
        "lint/longer-right-options",
        right[0]!.index,
        shortestRight > longestWrong
          ? `the right options are exactly the ${right.length} longest: picking by length scores`
          : `the right options are on average ${ratio(meanRight, meanWrong)}x as long as the wrong ones`,
      );
  }

  const terms = options.map((o) => termsOf(o.text));
  options.forEach((outer, i) => {
    const inner = options.findIndex((_, j) => j !== i && containsTerms(terms[i]!, terms[j]!));
    if (inner !== -1)
      add(
        "lint/option-contains-option",
        outer.index,
        `this option contains the whole text of options.${inner}: one of them is the obvious pick or the obvious odd one out`,
      );
  });

  for (const o of options) {
    const phrase = ABOVE.exec(prose(o.text));
    if (phrase)
      add(
        "lint/all-none-of-the-above",
        o.index,
        `"${phrase[0].trim()}" depends on the other options and on their order, which the trainer shuffles`,
      );
  }

  const absolutes = (o: ChoiceOption) => words(prose(o.text)).filter((w) => ABSOLUTE_WORDS.has(w));
  const flagged = wrong.filter((o) => absolutes(o).length > 0);
  if (
    flagged.length >= Math.min(LINT_LIMITS.absoluteDistractors, wrong.length) &&
    right.every((o) => absolutes(o).length === 0)
  )
    add(
      "lint/absolute-word-in-distractors",
      flagged[0]!.index,
      `only wrong options say ${[...new Set(flagged.flatMap(absolutes))].map((w) => `"${w}"`).join(", ")}: ` +
        "an option with an absolute word can be ruled out without knowing why",
    );

  const stemWords = new Set(stem);
  const stemTrigrams = new Set(trigrams(stem));
  const wrongWords = new Set(wrong.flatMap((o) => contentWords(o.text)));
  for (const o of right) {
    const echo = stemEcho(contentWords(o.text), stemWords, stemTrigrams, wrongWords, bank);
    if (echo)
      add(
        "lint/stem-repeats-answer",
        o.index,
        `the stem and this right option share "${echo}", which no wrong option has`,
      );
  }
  return found;
}

/** A phrase of three content words, or a long word, that the stem and the option share and no distractor has. */
function stemEcho(
  option: string[],
  stemWords: ReadonlySet<string>,
  stemTrigrams: ReadonlySet<string>,
  wrongWords: ReadonlySet<string>,
  bank: WordIndex,
): string | undefined {
  const phrase = trigrams(option).find(
    (t) => stemTrigrams.has(t) && !t.split(" ").every((w) => wrongWords.has(w)),
  );
  if (phrase) return phrase;
  const echoed = [
    ...new Set(
      option.filter(
        (w) =>
          /^[a-z]+$/.test(w) &&
          w.length >= LINT_LIMITS.distinctiveLetters &&
          bank.rare(w) &&
          stemWords.has(w) &&
          !wrongWords.has(w),
      ),
    ),
  ];
  return echoed.length >= LINT_LIMITS.echoWords ? echoed.join(", ") : undefined;
}

function lengthFigures(questions: readonly Question[]): Omit<BankFigures, "nearDuplicates" | "findings"> {
  const singles: { right: number; wrong: number[] }[] = [];
  let multiple = 0;
  let multipleRightLongest = 0;
  for (const q of questions) {
    if (q.type !== "single" && q.type !== "multiple") continue;
    const right = q.options.filter((o) => o.correct).map((o) => plain(o.text).length);
    const wrong = q.options.filter((o) => !o.correct).map((o) => plain(o.text).length);
    if (q.type === "single") singles.push({ right: right[0]!, wrong });
    else {
      multiple++;
      if (Math.min(...right) > Math.max(...wrong)) multipleRightLongest++;
    }
  }
  const rightLongest = singles.filter((s) => s.right > Math.max(...s.wrong)).length;
  return {
    single: {
      questions: singles.length,
      rightLongest,
      rightLongestPercent: percent(rightLongest, singles.length),
      meanRatioToLongestDistractor: round2(mean(singles.map((s) => s.right / Math.max(...s.wrong)))),
      meanRatioToMeanDistractor: round2(mean(singles.map((s) => s.right / mean(s.wrong)))),
    },
    multiple: {
      questions: multiple,
      rightLongest: multipleRightLongest,
      rightLongestPercent: percent(multipleRightLongest, multiple),
    },
  };
}

/**
 * Pairs of questions whose stem and whose answer (right options, matching pairs, order items) are
 * both alike: the lower of the two similarities counts. A similarity is the weighted Jaccard index of
 * the content words, each word weighted by how rare it is in the pack. Candidates come from an
 * inverted index over the rarer words, so a large pack is not compared pair by pair.
 */
function findNearDuplicates(questions: readonly Question[], bank: WordIndex): NearDuplicatePair[] {
  const { stems, answers, postings } = bank;
  const n = questions.length;
  const weights = new Map([...postings].map(([word, list]) => [word, Math.log(1 + n / list.length)]));
  const weight = (word: string) => weights.get(word)!;
  const total = (bag: ReadonlySet<string>) => [...bag].reduce((sum, w) => sum + weight(w), 0);
  const stemTotals = stems.map(total);
  const answerTotals = answers.map(total);
  const similarity = (bags: Set<string>[], totals: number[], i: number, j: number) => {
    let common = 0;
    for (const word of bags[i]!) if (bags[j]!.has(word)) common += weight(word);
    const union = totals[i]! + totals[j]! - common;
    return union === 0 ? 0 : common / union;
  };
  // A word in many questions says little about which question this is, and would make most pairs candidates.
  const indexLimit = Math.max(20, Math.ceil(n / 50));
  const pairs: NearDuplicatePair[] = [];
  // Answers are short, so candidates are the questions whose answers share a rarer word.
  const answerPostings = postingsOf(answers);
  for (let i = 0; i < n; i++) {
    const candidates = new Set<number>();
    for (const word of answers[i]!) {
      const list = answerPostings.get(word)!;
      if (list.length <= indexLimit) for (const j of list) if (j > i) candidates.add(j);
    }
    for (const j of candidates) {
      const answerAlike = similarity(answers, answerTotals, i, j);
      if (answerAlike < LINT_LIMITS.nearDuplicate) continue;
      const alike = Math.min(answerAlike, similarity(stems, stemTotals, i, j));
      if (alike >= LINT_LIMITS.nearDuplicate)
        pairs.push({
          similarity: round2(alike),
          a: { id: questions[i]!.id, file: questions[i]!.file },
          b: { id: questions[j]!.id, file: questions[j]!.file },
        });
    }
  }
  return pairs.sort((x, y) => y.similarity - x.similarity || x.a.id.localeCompare(y.a.id));
}

interface WordIndex {
  /** Each question's stem's content words in order, the same as a set, and its answer's. */
  stemWords: string[][];
  stems: Set<string>[];
  answers: Set<string>[];
  /** The questions (by index) whose stem or answer has the word. */
  postings: Map<string, number[]>;
  /** The word occurs in few questions of the pack: it marks a subject rather than the field. */
  rare: (word: string) => boolean;
}

function wordIndex(questions: readonly Question[]): WordIndex {
  const stemWords = questions.map((q) => contentWords(q.stem));
  const stems = stemWords.map((words) => new Set(words));
  const answers = questions.map((q) => new Set(contentWords(answerText(q))));
  const postings = postingsOf(stems.map((stem, i) => new Set([...stem, ...answers[i]!])));
  const rareLimit = Math.max(LINT_LIMITS.rareAtMost, LINT_LIMITS.rareShare * questions.length);
  return {
    stemWords,
    stems,
    answers,
    postings,
    rare: (word) => (postings.get(word)?.length ?? 0) <= rareLimit,
  };
}

/** For each word, the indexes of the bags that have it. */
function postingsOf(bags: readonly ReadonlySet<string>[]): Map<string, number[]> {
  const postings = new Map<string, number[]>();
  bags.forEach((bag, index) => {
    for (const word of bag) {
      const list = postings.get(word);
      if (list) list.push(index);
      else postings.set(word, [index]);
    }
  });
  return postings;
}

function answerText(q: Question): string {
  switch (q.type) {
    case "single":
    case "multiple":
      return q.options
        .filter((o) => o.correct)
        .map((o) => o.text)
        .join("\n");
    case "matching":
      return q.pairs.map((p) => `${p.left}\n${p.right}`).join("\n");
    case "order":
      return q.items.join("\n");
  }
}

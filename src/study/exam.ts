import type { Blueprint, Question, QuestionType } from "../catalog/types.js";
import { allocate } from "./allocate.js";
import { typeModule } from "../questions/index.js";
import { answerProblem, scoreAnswer, type Answer, type AnswerResult } from "./answers.js";
import { deriveSeed, seededRandom, type Random } from "./random.js";
import type { ExamSession } from "./exam-session.js";
import { RATING, type Rating } from "./rating.js";

/**
 * One question of a mock exam and how it is shown. `shown[d]` is the file index of what appears at
 * display position d: the options (single, multiple), the right-hand items (matching), or the items in
 * their starting, scrambled order (order).
 */
export interface ExamItem {
  questionId: string;
  domain: string;
  type: QuestionType;
  shown: number[];
  /** Left items of a matching question (they keep file order); 0 otherwise. */
  lefts: number;
}

export interface ExamPaper {
  seed: string;
  pack: string;
  /** The time allowed; null for an untimed exam. */
  minutes: number | null;
  passPercent: number;
  items: ExamItem[];
  /** Questions the blueprint asked for that the bank could not supply. */
  missing: number;
}

export interface AssembleInput {
  /** Every question available; those outside the blueprint's domains are ignored. */
  questions: readonly Question[];
  blueprint: Blueprint;
  pack: string;
  seed: string | number;
  count?: number;
  /** Null: untimed. */
  minutes?: number | null;
  passPercent?: number;
  /** Only these domains of the blueprint (their weights shared out among them). */
  domains?: readonly string[];
  /** Only these questions (a paper of questions missed before). */
  only?: ReadonlySet<string>;
}

/**
 * A shuffled display order for a question: `shown[d]` is the file index shown at position d (options,
 * right-hand items, or list items in a scrambled start order that is never already right).
 */
export function presentation(question: Question, random: Random): number[] {
  return typeModule(question.type).shuffle(question, random);
}

/**
 * Draws a mock exam: the number of questions per domain by largest remainder over the blueprint's
 * weights (a domain short of questions passes its share on), questions drawn at random within each
 * domain, the whole paper shuffled, and the options of each question shuffled. Same seed, same paper.
 */
export function assembleExam(input: AssembleInput): ExamPaper {
  const { blueprint } = input;
  const count = input.count ?? blueprint.exam.questions;
  const seed = String(input.seed);
  const random = seededRandom(deriveSeed(seed, "exam"));
  const domains = input.domains
    ? blueprint.domains.filter((d) => input.domains!.includes(d.id))
    : blueprint.domains;
  const pools = new Map<string, Question[]>(domains.map((d) => [d.id, []]));
  for (const q of input.questions) if (!input.only || input.only.has(q.id)) pools.get(q.domain)?.push(q);
  // Sorted by id first: the paper depends on the seed and the bank, not on the order packs loaded in.
  for (const pool of pools.values()) pool.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const slots = allocate(
    count,
    domains.map((d) => ({ key: d.id, weight: d.weight, capacity: pools.get(d.id)?.length ?? 0 })),
  );
  const chosen: Question[] = [];
  for (const d of domains) {
    chosen.push(...random.shuffle(pools.get(d.id) ?? []).slice(0, slots.get(d.id) ?? 0));
  }
  const items = random.shuffle(chosen).map((q): ExamItem => ({
    questionId: q.id,
    domain: q.domain,
    type: q.type,
    shown: presentation(q, random),
    lefts: typeModule(q.type).lefts(q),
  }));
  return {
    seed,
    pack: input.pack,
    minutes: input.minutes === undefined ? blueprint.exam.minutes : input.minutes,
    passPercent: input.passPercent ?? blueprint.exam.passPercent,
    items,
    missing: Math.max(0, count - items.length),
  };
}

/** An answer given in display positions, turned into the file's indices. Throws on a bad index. */
export function toFileAnswer(item: ExamItem, shownAnswer: Answer): Answer {
  if (shownAnswer.type !== item.type)
    throw new RangeError(`a ${shownAnswer.type} answer for a ${item.type} item`);
  const map = (d: number): number => {
    const index = item.shown[d];
    if (index === undefined || !Number.isInteger(d))
      throw new RangeError(`display position ${d} does not exist`);
    return index;
  };
  return typeModule(item.type).remap(shownAnswer, map, item.lefts);
}

/** The reverse of `toFileAnswer`: a stored answer in the positions the screen shows. */
export function toShownAnswer(item: ExamItem, fileAnswer: Answer): Answer {
  const back = (index: number): number => {
    const d = item.shown.indexOf(index);
    if (d < 0) throw new RangeError(`index ${index} is not shown`);
    return d;
  };
  return typeModule(fileAnswer.type).remap(fileAnswer, back, item.lefts);
}

// ---- scoring ----

export interface ItemScore {
  questionId: string;
  domain: string;
  answered: boolean;
  flagged: boolean;
  /** Null when the item was left unanswered or its question is no longer in the bank. */
  result: AnswerResult | null;
  correct: boolean;
}

export interface DomainScore {
  domain: string;
  total: number;
  correct: number;
  percent: number;
}

export interface ExamResult {
  total: number;
  correct: number;
  percent: number;
  passPercent: number;
  passed: boolean;
  domains: DomainScore[];
  items: ItemScore[];
}

const percentOf = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : 0);

/** Scores every item all-or-nothing (unanswered is wrong), overall and per domain, against the pass mark. */
export function scoreExam(session: ExamSession, questions: ReadonlyMap<string, Question>): ExamResult {
  const items = session.paper.items.map((item, i): ItemScore => {
    const answer = session.answers[i] ?? null;
    const question = questions.get(item.questionId);
    const result =
      answer && question && !answerProblem(question, answer) ? scoreAnswer(question, answer) : null;
    return {
      questionId: item.questionId,
      domain: item.domain,
      answered: answer !== null,
      flagged: session.flags[i] ?? false,
      result,
      correct: result?.correct ?? false,
    };
  });
  const domainOrder = [...new Set(items.map((i) => i.domain))];
  const domains = domainOrder.map((domain): DomainScore => {
    const mine = items.filter((i) => i.domain === domain);
    const correct = mine.filter((i) => i.correct).length;
    return { domain, total: mine.length, correct, percent: percentOf(correct, mine.length) };
  });
  const correct = items.filter((i) => i.correct).length;
  const percent = percentOf(correct, items.length);
  const passPercent = session.paper.passPercent;
  return {
    total: items.length,
    correct,
    percent,
    passPercent,
    passed: percent >= passPercent,
    domains,
    items,
  };
}

/** A review the scheduler should learn from an exam item. */
export interface ExamReview {
  questionId: string;
  answer: Answer;
  correct: boolean;
  rating: Rating;
  at: number;
}

/**
 * The exam's answers as reviews: only answered items (an item left blank says nothing about memory),
 * rated Good when right and Again when wrong (no per-item time is measured in an exam), all at the
 * time of submission.
 */
export function examReviews(session: ExamSession, result: ExamResult): ExamReview[] {
  const at = session.submittedAt ?? session.startedAt;
  return result.items.flatMap((item, i) => {
    const answer = session.answers[i];
    if (!answer || !item.result) return [];
    return [
      {
        questionId: item.questionId,
        answer,
        correct: item.correct,
        rating: item.correct ? RATING.good : RATING.again,
        at,
      },
    ];
  });
}

import type { Domain, Difficulty } from "../catalog/types.js";
import { allocate } from "./allocate.js";
import { seededRandom, deriveSeed } from "./random.js";
import { readiness, type QuestionRef } from "./readiness.js";
import type { CardState, Scheduler } from "./scheduler.js";

export type QueueKind = "due" | "stretch" | "new" | "seen";

export interface QueueItem {
  questionId: string;
  domain: string;
  kind: QueueKind;
  /** Chance of recall now; null for a new question. */
  retrievability: number | null;
}

export interface QueueInput {
  questions: readonly QuestionRef[];
  cards: ReadonlyMap<string, CardState>;
  /** The blueprint's domains: new questions lean towards heavy and weak ones. */
  domains: readonly Domain[];
  now: number;
  seed: string | number;
  /** New questions that may still be introduced (today's limit minus those already introduced). */
  newLimit: number;
  scheduler: Scheduler;
  unseenPrior: number;
  /**
   * study: due questions, then new ones from the blueprint's domains.
   * practice: only questions of `domain` and/or `tag`; due first, then new (no daily limit unless
   * `newLimit` says so), then the rest of the seen ones, most faded first.
   */
  mode?: "study" | "practice";
  domain?: string;
  tag?: string;
  /** Practice only these questions (for example the ones missed last time). */
  only?: ReadonlySet<string>;
  /**
   * In the final stretch before an exam, its first instant: study then also serves the questions not
   * yet due whose chance of recall at the exam is below the desired retention, lowest first.
   */
  examAt?: number;
}

const DIFFICULTY_RANK: Record<Difficulty, number> = { easy: 0, medium: 1, hard: 2 };

/** Lowest retrievability first; ties by due time, then id, so the order never depends on input order. */
function byRisk(a: QueueItem & { due: number }, b: QueueItem & { due: number }): number {
  return (
    (a.retrievability ?? 0) - (b.retrievability ?? 0) ||
    a.due - b.due ||
    (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0)
  );
}

/**
 * Builds a study queue. Due cards come first, most at risk of being forgotten first. New questions
 * follow: the slots are shared among domains by largest remainder over weight × (1 − readiness), so a
 * heavy domain the learner is weak in gets the most; inside a domain easier questions come first, in
 * a seeded random order; the domains are then interleaved in a seeded random order.
 */
export function buildQueue(input: QueueInput): QueueItem[] {
  const { cards, now, scheduler } = input;
  const mode = input.mode ?? "study";
  const blueprintIds = new Set(input.domains.map((d) => d.id));
  const questions = input.questions.filter((q) => {
    if (input.domain !== undefined && q.domain !== input.domain) return false;
    if (input.tag !== undefined && !q.tags.includes(input.tag)) return false;
    if (input.only !== undefined && !input.only.has(q.id)) return false;
    // Study mode keeps to the blueprint (unless it has no domains at all); practice takes what it is asked.
    return mode === "practice" || blueprintIds.size === 0 || blueprintIds.has(q.domain);
  });

  const due: (QueueItem & { due: number })[] = [];
  const seen: (QueueItem & { due: number })[] = [];
  const unseen: QuestionRef[] = [];
  for (const q of questions) {
    const card = cards.get(q.id);
    if (!card || card.state === 0) {
      unseen.push(q);
      continue;
    }
    const item = {
      questionId: q.id,
      domain: q.domain,
      retrievability: scheduler.retrievability(card, now),
      due: card.due,
    };
    if (card.due <= now) due.push({ ...item, kind: "due" });
    else seen.push({ ...item, kind: "seen" });
  }
  due.sort(byRisk);

  const fresh = pickNew(input, unseen);
  const strip = ({ due: _due, ...item }: QueueItem & { due: number }): QueueItem => item;
  const queue = [...due.map(strip), ...(mode === "study" ? stretch(input, seen) : []), ...fresh];
  if (mode === "practice") queue.push(...seen.sort(byRisk).map(strip));
  return queue;
}

/** The final stretch: seen questions not yet due that would be below the desired retention at the exam. */
function stretch(input: QueueInput, seen: readonly (QueueItem & { due: number })[]): QueueItem[] {
  const { examAt, scheduler } = input;
  if (examAt === undefined) return [];
  return seen
    .map((item) => ({ item, atExam: scheduler.retrievability(input.cards.get(item.questionId)!, examAt) }))
    .filter((s) => s.atExam < scheduler.desiredRetention)
    .sort((a, b) => a.atExam - b.atExam || (a.item.questionId < b.item.questionId ? -1 : 1))
    .map(({ item: { due: _due, ...item } }) => ({ ...item, kind: "stretch" as const }));
}

function pickNew(input: QueueInput, unseen: readonly QuestionRef[]): QueueItem[] {
  const limit = Math.max(0, Math.floor(input.newLimit));
  if (limit === 0 || unseen.length === 0) return [];
  const random = seededRandom(deriveSeed(input.seed, "new"));

  const pools = new Map<string, QuestionRef[]>();
  for (const q of unseen) {
    const pool = pools.get(q.domain);
    if (pool) pool.push(q);
    else pools.set(q.domain, [q]);
  }
  const weights = new Map(input.domains.map((d) => [d.id, d.weight]));
  const ready = readiness({ ...input, domains: input.domains });
  const expected = new Map(ready.domains.map((d) => [d.id, d.expected]));
  const domainIds = [...pools.keys()].sort();
  // Outside the blueprint (practice by tag, or no blueprint) every domain weighs the same.
  const slots = allocate(
    limit,
    domainIds.map((id) => ({
      key: id,
      weight: (weights.get(id) ?? 1) * (1 - (expected.get(id) ?? input.unseenPrior)) + 1e-9,
      capacity: pools.get(id)?.length ?? 0,
    })),
  );

  const picked: QueueItem[] = [];
  for (const id of domainIds) {
    const take = slots.get(id) ?? 0;
    if (take === 0) continue;
    // Sorted by id before the shuffle, so the result does not depend on the order packs loaded in.
    const pool = (pools.get(id) ?? []).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const ordered = random
      .shuffle(pool)
      .sort((a, b) => DIFFICULTY_RANK[a.difficulty] - DIFFICULTY_RANK[b.difficulty]);
    for (const q of ordered.slice(0, take)) {
      picked.push({ questionId: q.id, domain: q.domain, kind: "new", retrievability: null });
    }
  }
  return random.shuffle(picked);
}
